"""Databases of documents written for these tests, and the CLI run as a real process."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import db as store

EXE = str(Path(sys.executable).with_name("reliefwatch"))
COUNTIES = ["泸溪县", "凤凰县", "花垣县", "保靖县", "古丈县", "永顺县", "龙山县", "吉首市"]


def document_text(n: int) -> str:
    """A short report of our own with four figures, different for every ``n``."""
    county = COUNTIES[n % len(COUNTIES)]
    return (f"{county}2023年以工代赈工作情况\n"
            f"2023年，{county}实施以工代赈项目{n % 9 + 2}个，"
            f"发放劳务报酬{120 + n}万元，带动{300 + 7 * n}名群众就近务工。\n"
            f"全年开展技能培训{40 + n}期，培训脱贫劳动力{900 + 11 * n}人次。\n")


def make_database(path: Path, documents: int) -> Path:
    """A database holding ``documents`` relevant, not yet extracted documents."""
    database = store.open_db(path)
    for n in range(documents):
        store.store_document(database, {
            "url": f"http://county.example.gov.cn/gzdt/{n}.html", "relevant": 1, "lang": "zh",
            "published": "2024-03-01", "title": f"以工代赈工作情况（{n}）",
            "text": document_text(n)})
    database.close()
    return path


def run_cli(*args: str, env: dict | None = None, timeout: float = 300,
            input_bytes: bytes | None = None) -> subprocess.CompletedProcess:
    """``reliefwatch ARGS`` as a user runs it (progress as when not on a terminal)."""
    full_env = {**os.environ, "RELIEFWATCH_DOWNLOAD_DELAY": "0", "RELIEFWATCH_AUTOTHROTTLE": "0",
                **(env or {})}
    result = subprocess.run([EXE, *args], capture_output=True, timeout=timeout, check=False,
                            env=full_env, input=input_bytes)
    result.stdout = result.stdout.decode("utf-8", "replace")
    result.stderr = result.stderr.decode("utf-8", "replace")
    return result


def facts_by_url(path: Path) -> list[tuple]:
    """Every fact with its document's URL (ids left out), sorted: equal lists, equal facts."""
    with sqlite3.connect(path) as conn:
        rows = conn.execute(
            "select d.url, f.metric, f.value, f.unit, f.span, f.start, f.year, f.place_code, "
            "f.extractor_version from facts f join documents d on d.id = f.document_id"
        ).fetchall()
    return sorted(rows, key=repr)


def integrity(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return conn.execute("pragma integrity_check").fetchone()[0]


def unstamped(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("select count(*) from documents where relevant = 1 and "
                            "coalesce(extractor_version, '') = ''").fetchone()[0]
