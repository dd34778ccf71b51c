"""Generic words that look like town names, and town names that look like generic words."""

from __future__ import annotations

import pytest

from nlp.places import link_places


def _names(text: str) -> list[str]:
    return [m.text for m in link_places(text)]


@pytest.mark.parametrize(("text", "name"), [
    ("今年，上集镇实施以工代赈项目5个。", "上集镇"),
    ("去年在王集镇务工的群众有300人。", "王集镇"),
])
def test_market_town_names(text: str, name: str) -> None:
    assert name in _names(text)


@pytest.mark.parametrize("text", [
    "今年，各集镇共实施项目5个。",
    "推动小集镇建设提质增效。",
    "加快农村集镇和中心集镇建设。",
    "项目覆盖11个苏木镇、80个嘎查村。",
])
def test_generic_township_words_are_no_names(text: str) -> None:
    assert _names(text) == []


def test_english_plural_list_of_communities() -> None:
    text = "Yilishe and Zhongping communities host 45 workshops."
    mentions = link_places(text)
    assert [m.place.level for m in mentions] == ["village", "village"]
    assert mentions[0].text == "Yilishe"
