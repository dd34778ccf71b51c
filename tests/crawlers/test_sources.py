"""The sources file: every shipped entry is valid; bad entries fail with a clear message."""

from __future__ import annotations

import pytest
import yaml

from crawlers.api import load_sources, select_sources
from crawlers.sources import SourceError, ad_hoc_source, parse_sources

REQUIRED_SITES = ["www.xxz.gov.cn", "www.hechi.gov.cn", "www.ndrc.gov.cn",
                  "chinadevelopment.com.cn", "chinadaily.com.cn", "fgw.hunan.gov.cn"]


def test_shipped_sources_file_validates_and_covers_required_sites():
    sources = load_sources()
    assert len({s.id for s in sources}) == len(sources)
    domains = {d for s in sources for d in s.allowed_domains}
    for site in REQUIRED_SITES:
        assert site in domains
    for source in sources:
        assert source.start_urls and source.name and source.language in {"zh", "en", "mixed"}


GOOD = {"id": "demo-gov", "name": "示范", "publisher": "示范", "language": "zh",
        "start_urls": ["http://www.demo.gov.cn/zwgk/"], "allowed_domains": ["www.demo.gov.cn"]}


@pytest.mark.parametrize("change, message", [
    ({"id": None}, "missing required key 'id'"),
    ({"id": "Bad Id"}, "'id' must be"),
    ({"language": "fr"}, "'language' must be one of"),
    ({"start_urls": ["ftp://www.demo.gov.cn/"]}, "is not an http(s) URL"),
    ({"start_urls": ["http://elsewhere.cn/"]}, "outside allowed_domains"),
    ({"allowed_domains": ["http://www.demo.gov.cn/"]}, "must be a host name"),
    ({"hints": {"encoding": "klingon"}}, "unknown codec"),
    ({"hints": {"max_pages": 0}}, "positive integer"),
    ({"hints": {"colour": "red"}}, "unknown hint"),
    ({"homepage": "x"}, "unknown key"),
])
def test_bad_entry_is_rejected_with_a_clear_message(change, message):
    entry = {**GOOD, **change}
    entry = {k: v for k, v in entry.items() if v is not None}
    with pytest.raises(SourceError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_sources({"sources": [entry]})


def test_duplicate_ids_are_rejected():
    with pytest.raises(SourceError, match="duplicate source id"):
        parse_sources({"sources": [GOOD, GOOD]})


def test_a_new_site_is_one_yaml_entry(tmp_path):
    path = tmp_path / "sources.yaml"
    path.write_text(yaml.safe_dump({"sources": [GOOD]}, allow_unicode=True), "utf-8")
    [source] = load_sources(path)
    assert source.id == "demo-gov" and source.base_url == "http://www.demo.gov.cn/"


def test_start_url_without_source_gets_an_ad_hoc_source_named_by_host():
    source = ad_hoc_source("http://127.0.0.1:8123/zwgk/gzdt/index.html")
    assert source.id == "127.0.0.1:8123" and source.allowed_domains == ["127.0.0.1"]
    chosen = select_sources(None, ["http://www.example.gov.cn/a/", "http://www.example.gov.cn/b/"])
    assert [s.id for s in chosen] == ["www.example.gov.cn"]
    assert len(chosen[0].start_urls) == 2


def test_unknown_source_id_is_an_error():
    with pytest.raises(SourceError, match="unknown source id"):
        select_sources(["no-such-source"], None)
