"""A short first line that holds a date is a dateline only when it holds no figure."""

from __future__ import annotations

import pytest

from nlp import extract_facts
from nlp.periods.dates import dateline_date


@pytest.mark.parametrize("line", [
    "Updated: 2022-08-12", "Apr Thu 2024", "2025-08-21 04:33", "发布时间：2024-04-11",
])
def test_real_datelines_are_datelines(line):
    assert dateline_date(line) is not None


@pytest.mark.parametrize("text, value", [
    ("Since August 2023, the county has trained 3,200 people.", 3200),
    ("In March 2024, 1,150 villagers were hired.", 1150),
    ("2023年8月以来，全县培训脱贫劳动力3200人。", 3200),
])
def test_a_one_line_text_with_a_date_and_a_figure_keeps_its_figure(text, value):
    assert dateline_date(text) is None
    assert [f.value for f in extract_facts(text, published="2024-06-01")] == [value]
