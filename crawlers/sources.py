"""Sources: the sites to crawl, loaded from YAML and validated.

Adding a site is one entry in ``crawlers/sources.yaml``::

    - id: xxz-gov                      # unique, lower-case letters, digits, '-', '.', ':'
      name: 湘西土家族苗族自治州人民政府
      publisher: 湘西土家族苗族自治州人民政府
      language: zh                     # zh | en | mixed
      start_urls: [https://www.xxz.gov.cn/zwyw/xxsz/]   # column (list) pages
      allowed_domains: [www.xxz.gov.cn]
      hints:                           # all optional
        list_item_selector: "div.list ul li a"   # CSS for article links on list pages
        article_selector: "div.TRS_Editor"        # CSS of the article body
        encoding: gbk                  # overrides a missing or wrong charset declaration
        keywords: [以工代赈]            # extra topic keywords for relevance
        max_pages: 50                  # cap on list pages per start URL
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

LANGUAGES = {"zh", "en", "mixed"}
HINT_KEYS = {"list_item_selector", "article_selector", "encoding", "keywords", "max_pages"}
SOURCE_KEYS = {"id", "name", "publisher", "language", "start_urls", "allowed_domains", "hints"}
_ID = re.compile(r"^[a-z0-9][a-z0-9.:\-]*$")


class SourceError(ValueError):
    """A sources file or entry that does not follow the schema."""


@dataclass
class Hints:
    list_item_selector: str | None = None
    article_selector: str | None = None
    encoding: str | None = None
    keywords: list[str] = field(default_factory=list)
    max_pages: int | None = None


@dataclass
class Source:
    """One site (or column family) to crawl."""

    id: str
    name: str
    publisher: str | None
    language: str | None
    start_urls: list[str]
    allowed_domains: list[str]
    hints: Hints = field(default_factory=Hints)

    @property
    def base_url(self) -> str:
        parts = urlsplit(self.start_urls[0])
        return f"{parts.scheme}://{parts.netloc}/"

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON) for another process; :meth:`from_dict` reads it back."""
        from dataclasses import asdict

        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Source:
        return cls(**{**data, "hints": Hints(**(data.get("hints") or {}))})

    def as_row(self) -> dict[str, Any]:
        """The ``sources`` table row."""
        return {"id": self.id, "name": self.name, "publisher": self.publisher,
                "base_url": self.base_url, "lang": self.language}


def ad_hoc_source(url: str) -> Source:
    """A source for a bare ``--start-url``: id and allowed domain from its host."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SourceError(f"start URL {url!r} is not an http(s) URL")
    return Source(id=parts.netloc.lower(), name=parts.netloc.lower(), publisher=None,
                  language=None, start_urls=[url], allowed_domains=[parts.hostname.lower()])


def _fail(where: str, message: str) -> None:
    raise SourceError(f"{where}: {message}")


def _str_list(value: Any, where: str, key: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(
        isinstance(v, str) and v.strip() for v in value
    ):
        _fail(where, f"'{key}' must be a non-empty list of strings")
    return [v.strip() for v in value]


def _parse_hints(raw: Any, where: str) -> Hints:
    if raw is None:
        return Hints()
    if not isinstance(raw, dict):
        _fail(where, "'hints' must be a mapping")
    unknown = set(raw) - HINT_KEYS
    if unknown:
        _fail(where, f"unknown hint(s) {sorted(unknown)}; allowed: {sorted(HINT_KEYS)}")
    hints = Hints()
    for key in ("list_item_selector", "article_selector", "encoding"):
        if raw.get(key) is not None:
            if not isinstance(raw[key], str) or not raw[key].strip():
                _fail(where, f"hint '{key}' must be a non-empty string")
            setattr(hints, key, raw[key].strip())
    if hints.encoding:
        import codecs

        try:
            codecs.lookup(hints.encoding)
        except LookupError:
            _fail(where, f"hint 'encoding' names an unknown codec {hints.encoding!r}")
    if raw.get("keywords") is not None:
        hints.keywords = _str_list(raw["keywords"], where, "hints.keywords")
    if raw.get("max_pages") is not None:
        if not isinstance(raw["max_pages"], int) or raw["max_pages"] < 1:
            _fail(where, "hint 'max_pages' must be a positive integer")
        hints.max_pages = raw["max_pages"]
    return hints


def parse_source(raw: Any, where: str = "source") -> Source:
    """Validate one YAML entry and build a :class:`Source`; raises :class:`SourceError`."""
    if not isinstance(raw, dict):
        _fail(where, "an entry must be a mapping")
    where = f"{where} {raw.get('id')!r}" if raw.get("id") else where
    unknown = set(raw) - SOURCE_KEYS
    if unknown:
        _fail(where, f"unknown key(s) {sorted(unknown)}; allowed: {sorted(SOURCE_KEYS)}")
    for key in ("id", "name", "start_urls", "allowed_domains"):
        if not raw.get(key):
            _fail(where, f"missing required key '{key}'")
    if not isinstance(raw["id"], str) or not _ID.match(raw["id"]):
        _fail(where, "'id' must be lower-case letters, digits, '.', ':' or '-'")
    if not isinstance(raw["name"], str):
        _fail(where, "'name' must be a string")
    language = raw.get("language")
    if language is not None and language not in LANGUAGES:
        _fail(where, f"'language' must be one of {sorted(LANGUAGES)}")
    domains = [d.lower() for d in _str_list(raw["allowed_domains"], where, "allowed_domains")]
    for domain in domains:
        if "/" in domain or " " in domain:
            _fail(where, f"allowed domain {domain!r} must be a host name, not a URL")
    start_urls = _str_list(raw["start_urls"], where, "start_urls")
    for url in start_urls:
        host = urlsplit(url).hostname
        if urlsplit(url).scheme not in ("http", "https") or not host:
            _fail(where, f"start URL {url!r} is not an http(s) URL")
        if not any(host == d or host.endswith("." + d) for d in domains):
            _fail(where, f"start URL {url!r} is outside allowed_domains {domains}")
    publisher = raw.get("publisher")
    if publisher is not None and not isinstance(publisher, str):
        _fail(where, "'publisher' must be a string")
    return Source(id=raw["id"], name=raw["name"], publisher=publisher, language=language,
                  start_urls=start_urls, allowed_domains=domains,
                  hints=_parse_hints(raw.get("hints"), where))


def parse_sources(data: Any, origin: str = "sources") -> list[Source]:
    """Validate a whole sources document (``{"sources": [...]}``); ids must be unique."""
    if not isinstance(data, dict) or not isinstance(data.get("sources"), list):
        raise SourceError(f"{origin}: expected a mapping with a 'sources' list")
    sources = [parse_source(raw, f"{origin} entry {i + 1}")
               for i, raw in enumerate(data["sources"])]
    ids = [s.id for s in sources]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise SourceError(f"{origin}: duplicate source id(s) {duplicates}")
    return sources


def load_sources(path: str | Path | None = None) -> list[Source]:
    """Sources from ``path`` (default: the shipped ``crawlers/sources.yaml``)."""
    if path is None:
        text = resources.files("crawlers").joinpath("sources.yaml").read_text("utf-8")
        origin = "crawlers/sources.yaml"
    else:
        text = Path(path).read_text("utf-8")
        origin = str(path)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise SourceError(f"{origin}: not valid YAML: {exc}") from exc
    return parse_sources(data, origin)
