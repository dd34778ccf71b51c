"""Exit codes of ``reliefwatch`` commands and the errors that carry them.

| code | meaning |
| --- | --- |
| 0 | all went well (``ok``) |
| 1 | bad input or another error, said in one line |
| 2 | usage error (unknown option, bad value) |
| 3 | ``partial``: finished, but some pages or files failed (see ``crawl_errors``) |
| 4 | ``failed``: a source produced nothing (unreachable, 404 or error-page start URL, no links) |
| 5 | the database is locked by another run, or cannot be written (disk full, read-only) |
| 6 | ``interrupted``: stopped by a signal (SIGTERM, Ctrl-C) or ``--max-pages`` |
"""

from __future__ import annotations

import click

EXIT_OK = 0
EXIT_PARTIAL = 3
EXIT_FAILED = 4
EXIT_UNWRITABLE = 5
EXIT_INTERRUPTED = 6
STATUS_EXIT = {"ok": EXIT_OK, "partial": EXIT_PARTIAL, "failed": EXIT_FAILED,
               "interrupted": EXIT_INTERRUPTED}


def exit_code(status: str) -> int:
    """The exit code for a run status (unknown statuses count as failed)."""
    return STATUS_EXIT.get(status, EXIT_FAILED)


class CommandError(click.ClickException):
    """A one-line error with its own exit code (no traceback)."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = code


def unwritable(db_path: object, exc: BaseException) -> CommandError:
    """The error for a database that cannot be written."""
    reason = str(exc).split("\n", 1)[0] or type(exc).__name__
    return CommandError(f"cannot write {db_path}: {reason}", EXIT_UNWRITABLE)
