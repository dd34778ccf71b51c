"""The host guard's rules without any network: allowed domains and internal addresses."""

from __future__ import annotations

import pytest

from crawlers.guard import is_internal_address, refusal, source_is_internal
from crawlers.sources import Source


def _source(start: str, domains: list[str]) -> Source:
    return Source(id="s", name="s", publisher=None, language="zh", start_urls=[start],
                  allowed_domains=domains)


PUBLIC = _source("http://www.example.gov.cn/col/", ["example.gov.cn", "10.1.2.3"])
LOCAL = _source("http://127.0.0.1:8123/col/", ["127.0.0.1"])


@pytest.mark.parametrize("address, internal", [
    ("127.0.0.1", True), ("10.0.0.7", True), ("192.168.1.1", True), ("172.20.0.1", True),
    ("169.254.169.254", True), ("::1", True), ("fe80::1", True), ("0.0.0.0", True),
    ("::ffff:127.0.0.1", True), ("8.8.8.8", False), ("2001:4860:4860::8888", False),
])
def test_internal_addresses(address, internal):
    assert is_internal_address(address) is internal


def test_a_public_source_never_reaches_internal_hosts_even_when_listed():
    assert refusal("http://www.example.gov.cn/a.html", PUBLIC, False) is None
    assert refusal("http://files.example.gov.cn/a.pdf", PUBLIC, False) is None
    assert "allowed domains" in refusal("http://other.cn/a.pdf", PUBLIC, False)
    assert "loopback or private" in refusal("http://10.1.2.3/a.pdf", PUBLIC, False)
    assert "allowed domains" in refusal("http://localhost/a.pdf", PUBLIC, False)
    assert not source_is_internal(PUBLIC)


def test_a_source_served_on_loopback_may_stay_there_but_not_wander():
    assert source_is_internal(LOCAL)
    assert refusal("http://127.0.0.1:8123/a.html", LOCAL, True) is None
    assert "allowed domains" in refusal("http://localhost:8123/a.html", LOCAL, True)
