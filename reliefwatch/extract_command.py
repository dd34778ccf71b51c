"""What the ``extract`` and ``reextract`` commands do, kept out of ``cli.py``: checks that refuse
nonsense, the database run with its progress display, and JSONL files read line by line."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import IO, Any

import click

import db as store
from reliefwatch.extraction import ExtractSummary, extract_documents
from reliefwatch.outcome import unwritable
from reliefwatch.progress import reporter_for
from reliefwatch.workers import WorkerDied

_JSON_KINDS = {list: "array", int: "number", float: "number", str: "string", bool: "boolean",
               type(None): "null"}
_PUBLISHED = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def check_published(ctx: click.Context, param: click.Parameter, value: str | None
                    ) -> str | None:
    """Click callback: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, a real date."""
    if value is None:
        return None
    match = _PUBLISHED.match(value.strip())
    try:
        if not match:
            raise ValueError
        year, month, day = (int(g) if g else 1 for g in match.groups())
        date(year, month, day)
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2024-04-11)"
        ) from None
    return match.group(0)


def require_database(db_path: Path) -> None:
    """Refuse to work on a database that does not exist (and create nothing)."""
    if not db_path.is_file():
        what = "is not a file" if db_path.exists() else "does not exist"
        raise click.ClickException(
            f"{db_path} {what}: give the database with --db, or create it with "
            f"'reliefwatch crawl' or 'reliefwatch run'")


@contextmanager
def database_errors(db_path: Path) -> Iterator[None]:
    """A database that cannot be written (disk full, read-only, damaged) ends the command
    with one line and exit status 5, not a traceback; committed batches stay, the next run
    does the rest."""
    try:
        yield
    except (sqlite3.Error, OSError) as exc:
        raise unwritable(db_path, exc) from exc
    except WorkerDied as exc:
        raise click.ClickException(str(exc)) from exc


def extract_database(db_path: Path, force: bool, jobs: int | None, quiet: bool,
                     batch_size: int | None = None) -> ExtractSummary:
    """Extract the database's pending (``force``: all) documents with a progress display."""
    with reporter_for(quiet) as progress:
        progress.add("extract", "extraction", unit="documents", facts=0, failed=0)

        def report(done: int, total: int, summary: ExtractSummary) -> None:
            progress.update("extract", completed=done, total=total, facts=summary.facts,
                            failed=summary.failed)

        summary = extract_documents(store.open_db(db_path), force=force, jobs=jobs,
                                    progress=report, batch_documents=batch_size)
        progress.finish("extract")
    return summary


def summary_line(summary: ExtractSummary) -> str:
    """``extracted 212 facts from 40 documents in 3.1 s (12.9 documents/s, 2 jobs)``."""
    rate = summary.documents / summary.seconds if summary.seconds else 0.0
    line = (f"extracted {summary.facts} facts from {summary.documents} documents in "
            f"{summary.seconds:.1f} s ({rate:.1f} documents/s, {summary.jobs} jobs)")
    if summary.failed:
        line += (f"; {summary.failed} documents failed and will be retried "
                 f"(see the extraction_errors table)")
    return line


def extract_jsonl(source: IO[bytes], out: IO[str], facts_of: Callable[[dict], Any],
                  warn: Callable[[str], None]) -> tuple[int, int, int]:
    """Facts of every JSON object line of ``source`` as JSON lines on ``out``.

    A line that is not UTF-8, not JSON, not an object, or whose ``text`` is not a string is
    reported with its number and skipped. Returns (documents, facts, lines skipped).
    """
    documents = facts = skipped = 0
    for number, raw in enumerate(source, 1):
        record, problem = _record(raw)
        if record is None and problem is None:
            continue  # blank line
        if problem is None:
            try:
                rows = list(facts_of(record))
            except Exception as exc:  # noqa: BLE001 - one bad document never stops the file
                problem = f"extraction failed: {str(exc).splitlines()[0]}"
        if problem is not None:
            warn(f"line {number}: {problem}; skipped")
            skipped += 1
            continue
        documents += 1
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
        facts += len(rows)
    return documents, facts, skipped


def _record(raw: bytes) -> tuple[dict | None, str | None]:
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, f"not UTF-8 (byte 0x{raw[exc.start]:02x} at column {exc.start + 1})"
    if not line.strip():
        return None, None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return None, f"not JSON ({exc.msg} at column {exc.colno})"
    if not isinstance(record, dict):
        kind = _JSON_KINDS.get(type(record), type(record).__name__)
        return None, f"a JSON {kind}, not an object"
    for key in ("text", "lang", "published", "title", "publisher"):
        if record.get(key) is not None and not isinstance(record[key], str):
            return None, f"{key!r} must be a string"
    return record, None
