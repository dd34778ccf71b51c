"""A lock file so that scheduled runs never overlap on one database.

The lock belongs to the database file itself: its path is resolved (symlinks, ``..``) first,
so two commands that reach one database by different paths still exclude each other.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class AlreadyRunning(RuntimeError):
    """Another ReliefWatch run holds the lock for this database."""


def lock_path_for(db_path: str | Path) -> Path:
    """``<resolved database path>.lock``."""
    return Path(f"{Path(db_path).resolve()}.lock")


@contextmanager
def run_lock(db_path: str | Path) -> Iterator[Path]:
    """Hold the database's lock for the duration of the block; raise AlreadyRunning if it is
    held."""
    lock_path = lock_path_for(db_path)
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(lock_path, "a+")  # noqa: SIM115 - held for the whole block
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise AlreadyRunning(
                f"{db_path} is being updated by {holder}; try again when it has finished"
            ) from exc
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        yield lock_path
    finally:
        handle.close()
