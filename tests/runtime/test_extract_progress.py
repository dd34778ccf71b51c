"""Extraction progress: live on a terminal, periodic lines elsewhere, nothing with --quiet."""

from __future__ import annotations

import os
import pty
import re
import subprocess

from .helpers import EXE, make_database, run_cli


def test_plain_progress_lines_when_not_on_a_terminal(tmp_path):
    path = make_database(tmp_path / "rw.db", 60)
    result = run_cli("extract", "--db", str(path), "--jobs", "1",
                     env={"RELIEFWATCH_PROGRESS_INTERVAL": "0.1"})
    assert result.returncode == 0, result.stderr
    lines = [x for x in result.stderr.splitlines() if " progress extraction: " in x]
    assert lines, result.stderr
    assert re.search(r"progress extraction: \d+/60 documents, [\d.]+/s", lines[-1])
    assert "\x1b[" not in result.stderr  # no terminal codes in a log
    assert "extracted 300 facts from 60 documents" in result.stdout


def test_quiet_prints_nothing_when_all_went_well(tmp_path):
    path = make_database(tmp_path / "rw.db", 30)
    result = run_cli("extract", "--quiet", "--db", str(path), "--jobs", "1",
                     env={"RELIEFWATCH_PROGRESS_INTERVAL": "0.1"})
    assert result.returncode == 0
    assert result.stdout == "" and "progress" not in result.stderr


def test_live_display_on_a_terminal(tmp_path):
    path = make_database(tmp_path / "rw.db", 150)
    leader, follower = pty.openpty()
    proc = subprocess.Popen([EXE, "extract", "--db", str(path), "--jobs", "1"],
                            stdout=follower, stderr=follower, stdin=subprocess.DEVNULL,
                            env={**os.environ, "COLUMNS": "120", "TERM": "xterm"})
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:  # the terminal closed: the process has ended
            break
        if not data:
            break
        chunks.append(data)
    assert proc.wait(timeout=120) == 0
    os.close(leader)
    screen = b"".join(chunks).decode("utf-8", "replace")
    assert "\x1b[" in screen  # redrawn in place
    assert re.search(r"\d+/150 documents", screen) and "/s" in screen
    assert "ETA" in screen  # shown while it runs
    assert "150/150 documents" in screen and "extracted 750 facts" in screen
