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
    facts = extract_facts(text, published="2024-05-01", title="湘西州推进以工代赈")
    assert [(f.value, f.place) for f in facts] == [(420, "湘西州")]


def test_a_whole_prefecture_the_text_never_names_has_no_place() -> None:
    text = "龙山县、永顺县以工代赈项目进展较快。\n\n目前，全州组建村级劳务协作组织420个。"
    fact = extract_facts(text, published="2024-05-01")[0]
    assert (fact.value, fact.place, fact.place_source) == (420, None, "none")
    assert "全州" in fact.place_why


def test_the_ends_of_a_route_named_as_a_works_hold_no_figures() -> None:
    text = ("2023年，全国在京沪高铁、成都至拉萨铁路等重大工程中实施以工代赈，"
            "吸纳12万名群众务工。")
    facts = extract_facts(text, published="2024-01-10")
    assert [(f.value, f.place) for f in facts] == [(120000, None)]


def test_a_meeting_venue_named_with_its_county_frames_nothing() -> None:
    text = ("截至8月底，全省搬迁劳动力就业31.2万人。这是记者从在黔南州长顺县召开的全省"
            "易地搬迁后续扶持工作推进会上获悉的。")
    fact = extract_facts(text, published="2023-09-02")[0]
    assert (fact.value, fact.place) == (312000, None)


def test_our_city_takes_the_city_the_text_is_about() -> None:
    text = ("近日，我市5个县获得以工代赈资金1800万元。\n\n"
            "项目紧扣安顺发展实际，吸纳群众务工。安顺将抓好项目实施。")
    fact = extract_facts(text, published="2024-03-02")[0]
    assert fact.place_code == "520400"


def test_a_photo_caption_frames_no_national_report() -> None:
    text = ("Jobs for relocated families rise\n\n"
            "A worker sews bags at a workshop in Lantian county, Shaanxi province. "
            "[Photo/Xinhua]\n\n"
            "Relocated people now earn more, officials said. A total of 18,000 workshops have "
            "been built near resettlement sites.")
    facts = extract_facts(text, published="2023-03-02", title="Jobs for relocated families rise")
    assert [(f.span, f.place) for f in facts] == [("18,000 workshops", None)]


def test_a_company_named_after_a_place_is_no_mention_of_it() -> None:
    text = ("Relocated villagers earn more\n\n"
            "The county signed a deal with Chengdu Green Tourism Investment to build a resort. "
            "Total investment will be 300 million yuan.")
    facts = extract_facts(text, published="2020-12-21", title="Relocated villagers earn more")
    assert facts[0].place is None


def test_a_feature_framed_by_the_county_it_names_most_places_figures_in_its_village() -> None:
    text = ("走进凤凰县，产业兴旺。凤凰县大力发展扶贫车间。\n\n"
            "在凤凰县的竹山村，帮扶车间里机器轰鸣。\n\n"
            "车间吸纳脱贫群众45人就业，人均月收入2600元。")
    facts = extract_facts(text, published="2021-05-02")
    assert {f.place for f in facts} == {"竹山村"}


def test_a_roll_of_villages_tells_no_story() -> None:
    text = ("凤凰县授牌示范村：竹山村、菖蒲塘村、舒家塘村。\n\n"
            "目前凤凰县农村劳动力转移就业16.2万人。\n\n全县转移率达65%。")
    facts = extract_facts(text, published="2021-05-02")
    assert {f.place for f in facts} == {"凤凰县"}


def test_example_provinces_frame_no_national_report() -> None:
    text = ("Relocation advances across China\n\n"
            "Over 9,000 projects have started, with provinces including Guizhou, Sichuan, "
            "Guangxi and Shaanxi moving fastest. Currently, 700 projects are finished.")
    facts = extract_facts(text, published="2016-08-20", title="Relocation advances across China")
    assert {f.place for f in facts} == {None}


def test_a_past_state_takes_no_period_told_before() -> None:
    text = ("By the end of last month, the province had lifted 2 million people out of poverty. "
            "Hebei was once home to 62 poverty-stricken counties.")
    facts = extract_facts(text, published="2020-07-02")
    assert [f.year for f in facts if f.span == "62 poverty-stricken counties"] == [None]


def test_this_project_continues_with_the_subject_not_the_villages_a_road_passes() -> None:
    text = ("据了解，魏店镇以工代赈示范工程路线总长10公里，起点接张坪村硬化路，途经张坪村、"
            "任学村、蒋台村。该项目将带动当地群众务工109余人。")
    fact = extract_facts(text, published="2023-10-23")[-1]
    assert (fact.span, fact.place) == ("109余人", "魏店镇")


def test_a_caption_naming_the_bodys_place_again_still_counts_for_it() -> None:
    text = ("Sewing workshops grow\n\nIn Dongping village of Pingli county, poor families "
            "work in a bag workshop.\n\nThe project hired 53 people.\n\nPingli county will expand "
            "it.\n\nWorkers sew bags in Dongping village. [Photo/Xinhua]")
    fact = extract_facts(text, published="2018-01-30", title="Sewing workshops grow")[0]
    assert fact.place == "Dongping village"
