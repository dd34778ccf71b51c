"""Helpers for tests that run ``reliefwatch`` as a real subprocess against loopback sites."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import sqlite_utils

EXE = str(Path(sys.executable).with_name("reliefwatch"))
SITES = Path(__file__).resolve().parent / "fixtures" / "sites"
# Loopback needs no politeness delay; failures fail fast.
ENV = {**os.environ, "RELIEFWATCH_DOWNLOAD_DELAY": "0", "RELIEFWATCH_AUTOTHROTTLE": "0",
       "RELIEFWATCH_RETRY_TIMES": "0", "RELIEFWATCH_TIMEOUT": "5",
       "RELIEFWATCH_CONCURRENCY_PER_DOMAIN": "4"}


def cli(*args: str, cwd: Path, env: dict | None = None, timeout: float = 300,
        **popen: object) -> subprocess.CompletedProcess:
    return subprocess.run([EXE, *args], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, check=False, env={**ENV, **(env or {})}, **popen)


def start(*args: str, cwd: Path, env: dict | None = None, **popen: object) -> subprocess.Popen:
    return subprocess.Popen([EXE, *args], cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**ENV, **(env or {})},
                            **popen)


def query(db_path: Path, sql: str, params: list | None = None) -> list[dict]:
    db = sqlite_utils.Database(db_path)
    try:
        return [dict(r) for r in db.query(sql, params or [])]
    finally:
        db.close()


def slow_site(root: Path, articles: int = 30, delay: float = 0.15) -> Path:
    """A column of ``articles`` articles, each answered after ``delay`` seconds."""
    (root / "col" / "202402").mkdir(parents=True)
    (root / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n", "utf-8")
    items, rules = [], {}
    for i in range(articles):
        path = f"/col/202402/t202402{i % 28 + 1:02d}_{500 + i}.html"
        items.append(f'<li><a href=".{path[4:]}">第{i}条</a><span>2024-02-01</span></li>')
        (root / path.lstrip("/")).write_text(
            f"<html><head><title>搬迁安置点就业帮扶第{i}期</title></head><body>"
            f"<div class='TRS_Editor'><p>第{i}期：安置点新增就业岗位{100 + i}个，"
            f"帮助搬迁群众{200 + i}人就近务工。</p></div></body></html>", "utf-8")
        rules[path] = {"delay": delay}
    (root / "col" / "index.html").write_text(f"<ul>{''.join(items)}</ul>", "utf-8")
    (root / "_headers.json").write_text(json.dumps(rules), "utf-8")
    return root


def copy_site(name: str, root: Path) -> Path:
    shutil.copytree(SITES / name, root)
    return root


def wait_for(condition, timeout: float = 30, proc: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f"process ended early: {proc.communicate()}")
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)
