"""Scope cues: 该村/the village point back, 全州/我县 mean the document's own place."""

from __future__ import annotations

import pytest

from nlp import extract_facts
from nlp.places.scope import find_cues, publisher_place


@pytest.mark.parametrize(("text", "level", "anaphor"), [
    ("去年，该村投入", "village", True),
    ("本村群众", "village", True),
    ("全州已建立", "prefecture", False),
    ("我县召开", "county", False),
    ("全省实施", "province", False),
    ("The county invested", "county", True),
    ("across the prefecture", "prefecture", False),
    ("a county-wide drive", "county", False),
])
def test_cues(text: str, level: str, anaphor: bool) -> None:
    cues = find_cues(text)
    assert [(c.level, c.anaphor) for c in cues] == [(level, anaphor)]


@pytest.mark.parametrize("text", ["全州县", "市场主体", "全乡镇", "the village-level posts",
                                  "全区域", "该县城"])
def test_words_that_are_not_cues(text: str) -> None:
    assert find_cues(text) == []


@pytest.mark.parametrize(("publisher", "name"), [
    ("湘西土家族苗族自治州发展和改革委员会", "湘西土家族苗族自治州"),
    ("湘西州人民政府", "湘西土家族苗族自治州"),
    ("保靖县人民政府", "保靖县"),
])
def test_publisher_place(publisher: str, name: str) -> None:
    ref = publisher_place(publisher)
    assert ref is not None and ref.name_zh == name


@pytest.mark.parametrize("publisher", [None, "", "中国发展网", "chinadaily.com.cn", 42])
def test_publisher_without_place(publisher: object) -> None:
    assert publisher_place(publisher) is None  # type: ignore[arg-type]


def test_whole_prefecture_beats_a_county_named_earlier() -> None:
    text = "龙山县、永顺县以工代赈项目进展较快。\n\n目前，全州组建村级劳务协作组织420个。"
    facts = extract_facts(text, published="2024-05-01", publisher="湘西州人民政府")
    assert [(f.value, f.place) for f in facts] == [(420, "湘西州")]


def test_publisher_is_only_a_last_resort() -> None:
    text = "2023年，古丈县实施以工代赈项目6个。"
    facts = extract_facts(text, published="2024-05-01", publisher="湘西州人民政府")
    assert [f.place for f in facts] == ["古丈县"]
    bare = extract_facts("2023年，实施以工代赈项目6个。", published="2024-05-01",
                         publisher="湘西州人民政府")
    assert [f.place for f in bare] == ["湘西州"]


def test_publisher_keyword_is_optional() -> None:
    text = "2023年，古丈县实施以工代赈项目6个。"
    assert extract_facts(text, "zh", "2024-05-01", None) == extract_facts(
        text, "zh", "2024-05-01", None, publisher=None)
