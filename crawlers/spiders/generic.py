"""Spiders run by name: ``generic`` (bare column URLs) and ``sources`` (configured sites)."""

from __future__ import annotations

from typing import Any

from crawlers.sources import Source, ad_hoc_source, load_sources
from crawlers.spiders.base import GovNewsSpider


def _split(value: str | list[str] | None) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    return list(value)


class GenericSpider(GovNewsSpider):
    """Crawl an unknown site from column URLs: ``scrapy crawl generic -a start_url=URL[,URL]``."""

    name = "generic"

    def build_sources(self, start_url: str | list[str] | None = None, **kwargs: Any
                      ) -> list[Source]:
        by_id: dict[str, Source] = {}
        for url in _split(start_url):
            source = ad_hoc_source(url)
            if source.id in by_id:
                by_id[source.id].start_urls.append(url)
            else:
                by_id[source.id] = source
        return list(by_id.values())


class SourcesSpider(GovNewsSpider):
    """Crawl configured sources: ``scrapy crawl sources [-a sources=xxz-gov,hechi-gov]``."""

    name = "sources"

    def build_sources(self, sources: str | list[str] | None = None,
                      sources_file: str | None = None, **kwargs: Any) -> list[Source]:
        available = load_sources(sources_file)
        wanted = _split(sources)
        if not wanted:
            return available
        by_id = {s.id: s for s in available}
        missing = [w for w in wanted if w not in by_id]
        if missing:
            raise ValueError(f"unknown source id(s) {missing}; known: {sorted(by_id)}")
        return [by_id[w] for w in wanted]
