"""Property tests: find_quantities never raises and always returns well-formed quantities."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from nlp.quantities import find_quantities

# Text made of the pieces numbers are built from, so the parser's paths get exercised.
PIECES = st.sampled_from([
    "0", "1", "2", "3", "9", ",", ".", " ", "\u00a0", "-", "%", "％", "２", "．", "，",
    "一", "二", "两", "十", "百", "千", "万", "亿", "零", "〇", "点", "余", "多", "几", "壹", "拾",
    "个", "人", "户", "元", "年", "月", "日", "号", "第", "约", "近", "超过", "以上", "至", "成",
    "百分之", "个百分点", "项目", "群众", "岗位", "美元", "人民币", "(", ")", "[", "]", "$",
    " million", " billion", " thousand", " yuan", " people", " over ", " about ", "more than ",
    " percent", "one", "twenty", "-six", " hundred", " and ", " point ", " to ", "th", "k",
    "www.", "@", ":", "/", "\ud800", "\x00", "\ufeff", "e", "^",
])
MIXED = st.lists(PIECES, max_size=40).map("".join)
ANY_TEXT = st.text(max_size=200)


def _check(text: str) -> None:
    found = find_quantities(text)
    assert isinstance(found, list)
    last_end = 0
    for q in found:
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start:q.end] == q.text
        assert q.start >= last_end  # in order, not overlapping
        last_end = q.end
        assert math.isfinite(q.value)
        for bound in (q.low, q.high):
            assert bound is None or math.isfinite(bound)
        if q.low is not None and q.high is not None:
            assert q.low <= q.high
        if q.noun_end is not None:
            assert q.end <= q.noun_end <= len(text)
        if q.unit == "foreign_currency":
            assert q.value >= 0


@settings(max_examples=400, deadline=None)
@given(MIXED)
def test_number_like_text_gives_well_formed_quantities(text: str) -> None:
    _check(text)


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_arbitrary_unicode_never_raises(text: str) -> None:
    _check(text)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_decoded_binary_garbage_never_raises(data: bytes) -> None:
    _check(data.decode("utf-8", errors="surrogateescape"))
    _check(data.decode("latin-1"))


def test_ten_megabytes_of_text_is_handled() -> None:
    chunk = "以工代赈工作持续推进，群众就近就业增收。Work relief continued across the county. "
    text = chunk * (10_000_000 // len(chunk)) + "共带动20余万群众就业。"
    found = find_quantities(text)
    assert [(q.value, q.unit) for q in found] == [(200000, "people")]
