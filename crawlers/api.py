"""Entry points the CLI calls: :func:`load_sources`, :func:`crawl`, :func:`reextract_archive`.

``crawl`` runs Scrapy in this process (``CrawlerProcess``, asyncio reactor) and blocks until the
crawl ends. Twisted's reactor cannot start twice in one process, so a second ``crawl`` in the
same process runs in a fresh Python subprocess (``python -m crawlers.api``) instead.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from crawlers.sources import Source, SourceError, ad_hoc_source
from crawlers.sources import load_sources as _load_sources

__all__ = ["CrawlSummary", "Source", "crawl", "load_sources", "reextract_archive"]

_reactor_used = False


@dataclass
class CrawlSummary:
    run_id: int
    pages_fetched: int
    documents_new: int
    documents_updated: int
    errors: int
    status: str
    requests: int
    sources: list[dict] = field(default_factory=list)  # per source: status and counts
    fatal: str | None = None  # the database could not be written (why)
    signal: int | None = None  # the signal that stopped the crawl


def load_sources(path: str | Path | None = None) -> list[Source]:
    """Validated sources from ``path`` (default: the shipped ``crawlers/sources.yaml``)."""
    return _load_sources(path)


def select_sources(sources: list[str] | None, start_urls: list[str] | None,
                   sources_file: str | Path | None = None) -> list[Source]:
    """Configured sources by id plus ad-hoc sources for bare start URLs (all when both empty)."""
    if not sources and not start_urls:
        return load_sources(sources_file)
    chosen: list[Source] = []
    if sources:
        by_id = {s.id: s for s in load_sources(sources_file)}
        missing = [s for s in sources if s not in by_id]
        if missing:
            raise SourceError(f"unknown source id(s) {missing}; known: {sorted(by_id)}")
        chosen = [by_id[s] for s in sources]
    ad_hoc: dict[str, Source] = {}
    for url in start_urls or []:
        source = ad_hoc_source(url)
        if source.id in ad_hoc:
            ad_hoc[source.id].start_urls.append(url)
        else:
            ad_hoc[source.id] = source
    return chosen + list(ad_hoc.values())


def _default_archive(db_path: Path, archive_dir: str | Path | None) -> Path:
    return Path(archive_dir) if archive_dir else db_path.parent / "archive"


def crawl(db_path: str | Path, sources: list[str] | None = None,
          start_urls: list[str] | None = None, archive_dir: str | Path | None = None,
          full: bool = False, settings: dict | None = None, max_pages: int | None = None,
          progress: Any = None) -> CrawlSummary:
    """Crawl ``sources`` (ids) and/or bare ``start_urls``; blocks; returns the run's summary.

    ``progress`` (a :class:`reliefwatch.progress.ProgressReporter`) is shown per source when
    the crawl runs in this process. Raises :class:`crawlers.runner.DatabaseUnwritable` when
    the run cannot even be opened.
    """
    global _reactor_used
    db_path = Path(db_path)
    kwargs = {"db_path": str(db_path), "sources": sources, "start_urls": start_urls,
              "archive_dir": str(_default_archive(db_path, archive_dir)), "full": full,
              "settings": settings, "max_pages": max_pages}
    source_list = select_sources(sources, start_urls)  # fail early on bad ids/URLs
    if _reactor_used or "twisted.internet.reactor" in sys.modules:
        return crawl_in_subprocess(**kwargs)
    _reactor_used = True
    from crawlers.runner import run_crawl

    return CrawlSummary(**run_crawl(source_list, progress=progress, **kwargs))


def crawl_in_subprocess(**kwargs: Any) -> CrawlSummary:
    """Run :func:`crawl` in a new Python process (same arguments) and return its summary."""
    proc = subprocess.run([sys.executable, "-m", "crawlers.api", json.dumps(kwargs)],
                          capture_output=True, text=True, check=False)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"crawl subprocess failed ({proc.returncode}): {proc.stderr[-3000:]}")
    return CrawlSummary(**json.loads(lines[-1]))


def reextract_archive(db_path: str | Path, archive_dir: str | Path | None = None
                      ) -> CrawlSummary:
    """Rebuild documents from the WARC archive with the current extractor (no network)."""
    from crawlers.reextract import rebuild_from_archive

    db_path = Path(db_path)
    return CrawlSummary(**rebuild_from_archive(db_path, _default_archive(db_path, archive_dir)))


def _main(argv: list[str]) -> int:
    kwargs = json.loads(argv[0])
    summary = crawl(**kwargs)
    print(json.dumps(asdict(summary)))
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
