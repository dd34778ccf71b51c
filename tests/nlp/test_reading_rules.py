"""Rules of the careful reader (shared/README.md "Reading place and period ..."), one test
each, on sentences of our own."""

from __future__ import annotations

from nlp import extract_facts
from nlp.places import link_places


def facts_by_span(text: str, **kwargs):
    return {f.span: f for f in extract_facts(text, **kwargs)}


# --- periods -----------------------------------------------------------------------------


def test_an_undated_present_figure_takes_the_publication_year() -> None:
    fact = facts_by_span("全县现有公益性岗位820个。", published="2023-06-02")["820个"]
    assert fact.year == "2023" and fact.period_source == "publication date"


def test_an_undated_past_state_stays_without_a_period() -> None:
    fact = facts_by_span("该村贫困发生率曾高达38%。", published="2023-06-02")["38%"]
    assert fact.year is None


def test_the_headline_period_frames_undated_figures() -> None:
    text = "泸溪县2022年以工代赈工作综述\n全县实施以工代赈项目14个。"
    fact = facts_by_span(text, published="2023-02-01", title="泸溪县2022年以工代赈工作综述")[
        "14个"]
    assert fact.year == "2022" and fact.period_source == "frame"


# --- places ------------------------------------------------------------------------------


def test_regions_written_as_such_are_places() -> None:
    names = [m.text for m in link_places("东部6省市共吸纳中西部地区脱贫劳动力12万人。")]
    assert names == ["东部", "中西部地区"]
    assert [m.text for m in link_places("They built schools in central and western China.")] \
        == ["central and western China"]


def test_a_region_word_inside_a_place_or_a_programme_is_none() -> None:
    for text in ("湘西西部山区", "东西部协作持续深化", "县城中部", "集中部署"):
        assert all(m.place.level != "region" for m in link_places(text)), text


def test_a_national_release_gives_a_region_its_own_figures() -> None:
    text = ("国家乡村振兴局通报，全国脱贫劳动力务工规模保持稳定。"
            "截至6月底，中西部地区安排以工代赈项目3200个。")
    fact = facts_by_span(text, published="2023-07-20")["3200个"]
    assert fact.place == "中西部地区"


def places_in(text: str) -> list[str]:
    return [m.text for m in link_places(text)]


def test_place_strings_that_are_not_places_are_dropped() -> None:
    assert places_in("医院和社区卫生服务中心9所") == []  # a noun and 社区, not a community
    assert places_in("70%左右安置区建有车间") == []  # 左右 is a measure phrase
    assert places_in("新建成社区4个") == []
    assert places_in("白岩村委会上坝村") == ["上坝村"]  # a fragment across a word boundary
    assert places_in("我县太平镇") == ["太平镇"]  # the prefix is no part of the name
    assert places_in("途经石门村、柳林村") == ["石门村", "柳林村"]


def test_a_name_right_after_a_number_is_part_of_the_figure() -> None:
    assert places_in("安置12345名山区群众") == []  # 名 is the measure word, not 名山区
    assert places_in("收入突破十亿元大关") == []
    assert places_in("建设3000只白山羊养殖基地") == []  # 白山 is a fragment of 白山羊


def test_a_named_site_may_hold_the_programme_in_its_name() -> None:
    assert places_in("鲁甸县卯家湾易地扶贫搬迁安置区") == ["鲁甸县", "卯家湾易地扶贫搬迁安置区"]
