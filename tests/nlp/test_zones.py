"""Development zones and new areas are places of their own (nlp/places/zones.py)."""

from __future__ import annotations

from nlp import extract_facts
from nlp.places import link_places


def named(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.place.level) for m in link_places(text)]


def test_named_zones_are_found_in_both_languages() -> None:
    assert named("近年来，双溪经开区推广以工代赈。") == [("双溪经开区", "town")]
    assert ("Lanshan Economic and Technological Development Zone", "town") in named(
        "He moved to Lanshan Economic and Technological Development Zone in 2018.")
    assert named("the Yaxi new area has helped") == [("Yaxi new area", "town")]


def test_a_kind_of_zone_is_no_name() -> None:
    assert named("支持大型安置区新建一批配套产业园区和国家级开发区。") == []
    assert named("Workers in the new area and the development zone earn more.") == []


def test_the_whole_district_refers_back_to_a_zone_the_text_names() -> None:
    text = "近年来，双溪经开区大力推广以工代赈方式。2024年，全区实施以工代赈项目20个。"
    fact = extract_facts(text, published="2025-01-01")[0]
    assert (fact.span, fact.place) == ("20个", "双溪经开区")


def test_the_development_zone_refers_back_to_the_zone() -> None:
    text = ("Relocated families moved to Lanshan Economic and Technological Development Zone. "
            "So far, the development zone has trained 2,000 people.")
    fact = extract_facts(text, published="2021-05-01")[0]
    assert fact.place == "Lanshan Economic and Technological Development Zone"


def test_a_named_area_holds_its_numeral_as_a_name() -> None:
    assert named("这里属于三岩片区，崇山叠耸。") == [("三岩片区", "town")]
    assert extract_facts("这里属于三岩片区，崇山叠耸。", published="2021-01-01") == []


def test_a_quoted_site_name_is_a_site() -> None:
    text = "全县建成“五福”易地移民扶贫搬迁安置小区，共安置搬迁群众3133户。"
    assert ("“五福”易地移民扶贫搬迁安置小区", "village") in named(text)


def test_a_new_village_is_a_village() -> None:
    assert named("Families moved to Jingling new village in 2012.") == [
        ("Jingling new village", "village")]


def test_a_village_named_again_by_its_bare_name_is_the_village() -> None:
    text = ("They were moved from the village of Sanbaoxiang. Up to 59 percent of "
            "Sanbaoxiang's people were poor.")
    assert [(m.text, m.place.level) for m in link_places(text)] == [
        ("Sanbaoxiang", "village"), ("Sanbaoxiang", "village")]
