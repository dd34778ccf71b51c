"""Progress of long commands (crawl, extraction): one small interface, three ways to show it.

* ``live``: a table redrawn in place on a terminal (rich), one row per task;
* ``plain``: one log line per task every ``interval`` seconds (cron mail, ``| tee``, CI logs);
* ``quiet``: nothing (``--quiet``).

``auto`` picks ``live`` when the stream is a terminal and ``plain`` otherwise::

    with ProgressReporter("auto") as progress:
        progress.add("xxz-gov", "xxz-gov")                     # counts only: pages, new, ...
        progress.add("extract", "extraction", total=1200, unit="documents")  # rate and ETA
        progress.update("xxz-gov", completed=12, new=3, errors=0)           # absolute values
        progress.advance("extract", 1, facts=14)                            # increments

Updates are cheap (a dict write under a lock) and may come from any thread; drawing happens on
rich's refresh thread (live) or on a timer thread (plain), never in the caller.
"""

from __future__ import annotations

import sys
import threading
import time
from dataclasses import dataclass, field
from typing import IO, Any

MODES = ("auto", "live", "plain", "quiet")


@dataclass
class ProgressRow:
    """One task: ``completed`` units of ``total`` (None: open-ended) and named counts."""

    label: str
    unit: str = "pages"
    total: int | None = None
    completed: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    started: float = field(default_factory=time.monotonic)
    done: bool = False

    def rate(self, now: float | None = None) -> float:
        """Units per second since the task started."""
        elapsed = (now or time.monotonic()) - self.started
        return self.completed / elapsed if elapsed > 0 else 0.0

    def eta(self, now: float | None = None) -> float | None:
        """Seconds left at the current rate, when there is a total and a rate."""
        rate = self.rate(now)
        if self.total is None or rate <= 0:
            return None
        return max(0.0, (self.total - self.completed) / rate)

    def describe(self, now: float | None = None) -> str:
        """``xxz-gov: 120 pages, 14 new, 0 errors`` / ``extraction: 40/90 documents, 3.1/s,
        ETA 16s, 212 facts``."""
        if self.total is None:
            parts = [f"{self.completed} {self.unit}"]
        else:
            parts = [f"{self.completed}/{self.total} {self.unit}", f"{self.rate(now):.1f}/s"]
            eta = self.eta(now)
            if eta is not None and not self.done:
                parts.append(f"ETA {format_seconds(eta)}")
        parts += [f"{value} {name}" for name, value in self.counts.items()]
        return f"{self.label}: {', '.join(parts)}" + (" (done)" if self.done else "")


def format_seconds(seconds: float) -> str:
    """``42s``, ``3m05s``, ``2h04m``."""
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"


def resolve_mode(mode: str, stream: IO[str]) -> str:
    """``auto`` -> ``live`` on a terminal, ``plain`` elsewhere; other modes unchanged."""
    if mode not in MODES:
        raise ValueError(f"progress mode {mode!r} not in {MODES}")
    if mode != "auto":
        return mode
    isatty = getattr(stream, "isatty", None)
    return "live" if isatty is not None and isatty() else "plain"


class ProgressReporter:
    """Collects task progress and shows it according to its mode (see the module docstring)."""

    def __init__(self, mode: str = "auto", stream: IO[str] | None = None,
                 interval: float = 30.0) -> None:
        self.stream = stream or sys.stderr
        self.mode = resolve_mode(mode, self.stream)
        self.interval = interval
        self.rows: dict[str, ProgressRow] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._live: Any = None

    # -- tasks ------------------------------------------------------------------------------
    def add(self, key: str, label: str | None = None, total: int | None = None,
            unit: str = "pages", **counts: int) -> None:
        """Start showing a task (again: its row is reset)."""
        with self._lock:
            self.rows[key] = ProgressRow(label or key, unit, total, counts=dict(counts))

    def update(self, key: str, completed: int | None = None, total: int | None = None,
               **counts: int) -> None:
        """Set a task's values (absolute); unknown keys add a row."""
        with self._lock:
            row = self.rows.get(key) or self.rows.setdefault(key, ProgressRow(key))
            if completed is not None:
                row.completed = completed
            if total is not None:
                row.total = total
            row.counts.update(counts)

    def advance(self, key: str, amount: int = 1, **counts: int) -> None:
        """Add ``amount`` completed units and increment named counts."""
        with self._lock:
            row = self.rows.get(key) or self.rows.setdefault(key, ProgressRow(key))
            row.completed += amount
            for name, value in counts.items():
                row.counts[name] = row.counts.get(name, 0) + value

    def finish(self, key: str) -> None:
        """Mark a task done (its row stays, without an ETA)."""
        with self._lock:
            if key in self.rows:
                self.rows[key].done = True

    def lines(self) -> list[str]:
        """Each task described on one line."""
        now = time.monotonic()
        with self._lock:
            return [row.describe(now) for row in self.rows.values()]

    # -- display ----------------------------------------------------------------------------
    def start(self) -> ProgressReporter:
        if self.mode == "live" and self._live is None:
            from rich.console import Console
            from rich.live import Live

            console = Console(file=self.stream, stderr=self.stream is sys.stderr)
            self._live = Live(self, console=console, refresh_per_second=4, transient=False)
            self._live.start()
        elif self.mode == "plain" and self._thread is None:
            self._thread = threading.Thread(target=self._plain_loop, name="progress",
                                            daemon=True)
            self._thread.start()
        return self

    def stop(self) -> None:
        if self._live is not None:
            self._live.stop()
            self._live = None
        if self._thread is not None:
            self._stop.set()
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> ProgressReporter:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def __rich__(self) -> Any:
        """The live table (rich calls this on every refresh)."""
        from rich.table import Table

        table = Table(box=None, show_header=False, pad_edge=False)
        table.add_column(style="bold")
        table.add_column()
        for line in self.lines():
            label, _, rest = line.partition(": ")
            table.add_row(label, rest)
        return table

    def _plain_loop(self) -> None:
        while not self._stop.wait(self.interval):
            stamp = time.strftime("%Y-%m-%d %H:%M:%S")
            for line in self.lines():
                print(f"{stamp} progress {line}", file=self.stream, flush=True)


def reporter_for(quiet: bool = False, stream: IO[str] | None = None,
                 interval: float = 30.0) -> ProgressReporter:
    """The reporter a command uses: ``quiet`` or chosen by whether ``stream`` is a terminal.

    ``RELIEFWATCH_PROGRESS`` (``live``, ``plain``, ``quiet``) overrides the choice and
    ``RELIEFWATCH_PROGRESS_INTERVAL`` the seconds between plain lines.
    """
    import os

    mode = "quiet" if quiet else os.getenv("RELIEFWATCH_PROGRESS", "auto")
    interval = float(os.getenv("RELIEFWATCH_PROGRESS_INTERVAL", interval))
    return ProgressReporter(mode, stream, interval)
