"""Commands refuse nonsense with one clear line and a non-zero exit, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from reliefwatch.cli import cli

from .helpers import facts_by_url, make_database, run_cli

# `worker` joins a crawl shared through Redis and sends what it fetches to the process that
# writes; it opens no database.
ALL_COMMANDS = sorted(set(cli.commands) - {"worker"})


@pytest.mark.parametrize("command", ALL_COMMANDS)
def test_every_command_takes_db(command):
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0 and "--db" in result.output


@pytest.mark.parametrize("command", ["extract", "serve"])
def test_a_missing_database_is_refused_and_nothing_is_created(tmp_path, command):
    missing = tmp_path / "data" / "nothing.db"
    result = run_cli(command, "--db", str(missing))
    assert result.returncode == 1
    assert f"{missing} does not exist" in result.stderr and "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []  # no database, no lock file, no folder


@pytest.mark.parametrize("value", ["notadate", "2024-13-01", "2023-02-30", "24-01-01"])
def test_a_bad_published_date_is_an_error(value):
    result = CliRunner().invoke(cli, ["extract", "--text", "全县实施项目3个。", "--published",
                                      value])
    assert result.exit_code == 2
    assert "is not a date" in result.output


@pytest.mark.parametrize("value", ["2024", "2024-04", "2024-04-11"])
def test_good_published_dates_are_accepted(value):
    result = CliRunner().invoke(cli, ["extract", "--text", "去年全县实施项目3个。", "--json",
                                      "--published", value])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output.splitlines()[0])["year"] == "2023"


def test_output_without_input_is_an_error(tmp_path):
    result = CliRunner().invoke(cli, ["extract", "--output", str(tmp_path / "f.jsonl")])
    assert result.exit_code == 2 and "--output needs --input" in result.output
    assert not (tmp_path / "f.jsonl").exists()


def test_input_lines_that_are_no_documents_are_reported_by_number(tmp_path):
    good = {"id": "a", "lang": "zh", "published": "2024-04-11",
            "text": "去年，全县实施以工代赈项目12个。"}
    lines = [json.dumps(good, ensure_ascii=False).encode(), b"[1, 2, 3]", b"42",
             '{"id": "b", "text": "全县'.encode() + b'\xff"}', b"{not json",
             b'{"id": "c", "text": ["a list"]}', b"",
             json.dumps({**good, "id": "d"}, ensure_ascii=False).encode()]
    source = tmp_path / "docs.jsonl"
    source.write_bytes(b"\n".join(lines) + b"\n")
    out = tmp_path / "facts.jsonl"
    result = run_cli("extract", "--input", str(source), "--output", str(out))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    for expected in ["line 2: a JSON array, not an object; skipped",
                     "line 3: a JSON number, not an object; skipped",
                     "line 4: not UTF-8 (byte 0xff at column 28); skipped",
                     "line 5: not JSON", "line 6: 'text' must be a string; skipped",
                     "2 facts from 2 documents; 5 lines skipped"]:
        assert expected in result.stderr
    assert [json.loads(x)["doc_id"] for x in out.read_text("utf-8").splitlines()] == ["a", "d"]


@contextmanager
def small_filesystem(folder: Path, size: str):
    """A tmpfs of ``size`` at ``folder``; skips where mounting is not allowed."""
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs",
                              str(folder)], capture_output=True, check=False)
    if mounted.returncode != 0:
        pytest.skip("mounting a tmpfs needs root (to make a full or read-only disk)")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_read_only_database_is_one_line_and_a_failure(tmp_path):
    with small_filesystem(tmp_path / "ro", "4m") as folder:
        path = make_database(folder / "rw.db", 3)
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        result = run_cli("extract", "--db", str(path), "--jobs", "1")
        assert result.returncode == 5
        assert "Traceback" not in result.stderr
        (line,) = [x for x in result.stderr.splitlines() if x.strip()]
        assert line.startswith("Error: cannot write") and "read-only" in line.lower()


def test_a_full_disk_during_extraction_is_one_line_and_keeps_the_database(tmp_path):
    with small_filesystem(tmp_path / "full", "8m") as folder:
        path = make_database(folder / "rw.db", 60)
        before = facts_by_url(path)
        filler = folder / "filler"
        room = os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize
        filler.write_bytes(b"\0" * (room - 64 * 1024))  # 64 KB left: not enough for the facts
        result = run_cli("extract", "--db", str(path), "--jobs", "1")
        assert result.returncode == 5, result.stdout + result.stderr
        assert "Traceback" not in result.stderr
        (line,) = [x for x in result.stderr.splitlines() if x.strip()]
        assert line.startswith("Error: cannot write") and "full" in line
        filler.unlink()
        assert facts_by_url(path) == before
        again = run_cli("extract", "--db", str(path), "--jobs", "1")
        assert again.returncode == 0, again.stderr
        assert len(facts_by_url(path)) > 60
