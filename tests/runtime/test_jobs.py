"""``--jobs N``: worker processes, one writer, the same facts as one process."""

from __future__ import annotations

import shutil
import time
import uuid
from pathlib import Path

from .helpers import facts_by_url, integrity, make_database, run_cli, unstamped


def test_two_workers_give_the_same_facts_as_one(tmp_path):
    one = make_database(tmp_path / "one.db", 80)
    two = tmp_path / "two.db"
    shutil.copy(one, two)
    first = run_cli("extract", "--db", str(one), "--jobs", "1")
    second = run_cli("extract", "--db", str(two), "--jobs", "2")
    assert first.returncode == 0 and second.returncode == 0, second.stderr
    assert "(1 jobs)" not in second.stdout and "2 jobs" in second.stdout
    assert facts_by_url(one) == facts_by_url(two)
    assert len(facts_by_url(two)) == 80 * 5
    again = run_cli("extract", "--all", "--db", str(two), "--jobs", "2")
    assert "from 80 documents" in again.stdout
    assert facts_by_url(one) == facts_by_url(two)


def processes_tagged(tag: str) -> list[int]:
    """Live processes whose environment holds ``tag`` (this run and its workers)."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            if tag.encode() in (proc / "environ").read_bytes():
                status = (proc / "status").read_text()
                if "State:\tZ" not in status:
                    found.append(int(proc.name))
        except OSError:
            continue
    return found


def test_workers_end_when_their_run_is_killed(tmp_path):
    path = make_database(tmp_path / "rw.db", 80)
    tag = f"RELIEFWATCH_TEST_TAG={uuid.uuid4()}"
    key, value = tag.split("=")
    killed = run_cli("extract", "--db", str(path), "--jobs", "2", "--batch-size", "10",
                     env={"RELIEFWATCH_KILL_AT": "batch-committed@2", key: value})
    assert killed.returncode == -9
    deadline = time.monotonic() + 15
    while processes_tagged(tag) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert processes_tagged(tag) == []  # no orphaned worker holds memory or the lock
    assert integrity(path) == "ok" and unstamped(path) == 60
    resumed = run_cli("extract", "--db", str(path), "--jobs", "2")
    assert resumed.returncode == 0 and "from 60 documents" in resumed.stdout
    assert len(facts_by_url(path)) == 80 * 5
