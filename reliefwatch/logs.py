"""Where log records go: a log file beside the database, and the terminal only when asked.

Without ``-v`` the terminal shows ReliefWatch's own warnings and nothing else: Scrapy's log and
tracebacks go to ``<database>.log`` (``data/reliefwatch.log`` for ``data/reliefwatch.db``),
rotated at 10 MB with three old files kept. ``-v`` shows INFO records of every component on the
terminal too, ``-vv`` DEBUG records (in the file as well).
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_ROTATE_BYTES = 10 * 1024 * 1024
_KEEP_FILES = 3
_state = {"verbose": 0}


class _OwnWarnings(logging.Filter):
    """Without -v: warnings and errors of ReliefWatch's own command-line code only."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.name.startswith("reliefwatch") and record.levelno >= logging.WARNING


def configure_console(verbose: int) -> None:
    """Set up the terminal handler (the group callback calls this once)."""
    _state["verbose"] = verbose
    logging.raiseExceptions = False  # a full disk must not turn each log record into a traceback
    root = logging.getLogger()
    level = logging.DEBUG if verbose > 1 else logging.INFO
    root.setLevel(level)
    for handler in list(root.handlers):
        if getattr(handler, "_reliefwatch_console", False):
            root.removeHandler(handler)
    console = logging.StreamHandler()
    console._reliefwatch_console = True  # type: ignore[attr-defined]
    console.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    console.setLevel(level if verbose else logging.WARNING)
    if not verbose:
        console.addFilter(_OwnWarnings())
    root.addHandler(console)


def log_file_for(db_path: str | Path) -> Path:
    """The log file beside a database."""
    return Path(db_path).with_suffix(".log")


def attach_log_file(db_path: str | Path) -> Path | None:
    """Send every record (INFO and up; DEBUG with -vv) to the database's log file too."""
    path = log_file_for(db_path)
    root = logging.getLogger()
    for handler in root.handlers:
        if getattr(handler, "baseFilename", None) == str(path.resolve()):
            return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=_ROTATE_BYTES, backupCount=_KEEP_FILES, encoding="utf-8")
    except OSError:
        return None  # an unwritable folder is reported when the database is opened
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.setLevel(logging.DEBUG if _state["verbose"] > 1 else logging.INFO)
    root.addHandler(handler)
    if root.level > handler.level or root.level == logging.NOTSET:
        root.setLevel(handler.level)
    return path
