"""What a run did, per source and as a whole, and the status that says so.

A source is

* ``failed`` when it produced nothing because none of its start pages could be reached or read
  (DNS failure, refused connection, a 404 or error-page start URL, a start page with no article
  or page links);
* ``partial`` when it was read but some pages or files failed (see ``crawl_errors``);
* ``ok`` otherwise;
* ``interrupted`` when the run stopped before the source was done (signal, ``--max-pages``,
  a database that could not be written).

A run takes the worst status of its sources (``failed`` > ``partial`` > ``ok``), ``partial``
when errors belong to no source, and ``interrupted`` or ``failed`` when it did not finish.
"""

from __future__ import annotations

from dataclasses import dataclass

RANK = {"ok": 0, "partial": 1, "failed": 2}


@dataclass
class SourceTally:
    """Counts of one source in one run."""

    pages_fetched: int = 0
    documents_new: int = 0
    documents_updated: int = 0
    errors: int = 0
    start_ok: bool = False  # a start page answered and held links
    first_error: str | None = None  # e.g. "dns on http://…/index.html"

    def row(self, status: str) -> dict:
        """The ``crawl_run_sources`` columns."""
        return {"status": status, "pages_fetched": self.pages_fetched,
                "documents_new": self.documents_new,
                "documents_updated": self.documents_updated, "errors": self.errors,
                "message": self.message(status)}

    def message(self, status: str) -> str | None:
        if status == "failed":
            return f"nothing read from the start pages (first error: {self.first_error})" \
                if self.first_error else "nothing read from the start pages"
        if self.errors:
            return f"{self.errors} errors, first: {self.first_error}"
        return None


def source_status(tally: SourceTally, finished: bool) -> str:
    """``ok``, ``partial``, ``failed`` or ``interrupted`` (see the module docstring)."""
    if not finished:
        return "interrupted"
    if not tally.start_ok:
        return "failed"
    return "partial" if tally.errors else "ok"


def run_status(source_statuses: list[str], unattributed_errors: int, reason: str,
               fatal: bool = False) -> str:
    """The run's status from its sources' and how the crawl ended."""
    if fatal:
        return "failed"
    if reason != "finished":
        return "interrupted"
    worst = max((RANK.get(s, 1) for s in source_statuses), default=0)
    if unattributed_errors and worst < RANK["partial"]:
        worst = RANK["partial"]
    return next(name for name, rank in RANK.items() if rank == worst)
