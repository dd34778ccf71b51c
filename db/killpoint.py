"""Test-only hook: a process that SIGKILLs itself at a named point, for kill-safety tests.

Set ``RELIEFWATCH_KILL_AT=<name>`` (or ``<name>@<n>``: at the n-th time that point is reached
in this process) and the process kills itself with SIGKILL there, as an operator's
``kill -9`` or the OOM killer would. Unset (always, outside tests), a point costs one dict
lookup. Points: ``document-extracted`` (the writer has received a document's facts, not yet
committed), ``facts-deleted`` (inside the fact write, after the batch's old facts are deleted
and before the new ones are inserted), ``batch-committed`` (after a batch is committed, before
its documents are republished), ``publication-written`` (inside a publication refresh's
transaction for queued documents, before it commits) and ``figures-written`` (likewise for the
figures of the touched groups).
"""

from __future__ import annotations

import os
import signal
from collections import Counter

ENV = "RELIEFWATCH_KILL_AT"
_hits: Counter[str] = Counter()


def kill_point(name: str) -> None:
    """SIGKILL this process if ``RELIEFWATCH_KILL_AT`` names this point (and hit count)."""
    wanted = os.environ.get(ENV)
    if not wanted:
        return
    point, _, nth = wanted.partition("@")
    if point != name:
        return
    _hits[name] += 1
    if _hits[name] >= int(nth or 1):
        os.kill(os.getpid(), signal.SIGKILL)
