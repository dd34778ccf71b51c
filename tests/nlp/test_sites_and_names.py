"""Resettlement sites, bracketed full names and paired-assistance helpers as places."""

from __future__ import annotations

from nlp import extract_facts


def _only(text: str, published: str = "2024-06-10"):
    facts = extract_facts(text, published=published)
    assert len(facts) == 1, [(f.span, f.place) for f in facts]
    return facts[0]


def test_a_named_site_takes_the_code_of_its_county() -> None:
    fact = _only("2023年，威宁县五里岗安置社区开发公益性岗位320个。")
    assert (fact.place, fact.place_code) == ("五里岗安置社区", "520526")


def test_an_english_site_takes_the_code_of_its_county() -> None:
    fact = _only("In 2023 the Xinmin resettlement community in Weining county trained 300 people.")
    assert fact.place == "Xinmin resettlement community"
    assert fact.place_code == "520526"


def test_generic_site_words_are_no_names() -> None:
    for text in ("今年全县集中安置区新增岗位300个。", "今年全县两个万人以上安置区新增岗位300个。",
                 "今年上述安置区新增岗位300个。"):
        facts = extract_facts(text, published="2024-06-10")
        assert facts and all("安置区" not in (f.place or "") for f in facts), text


def test_a_headline_type_word_is_no_place() -> None:
    facts = extract_facts("Life in the Relocation Town\nThe Relocation Town trained 300 people "
                          "in 2023.", published="2024-06-10")
    assert [f.place for f in facts] == [None]


def test_bracketed_full_name_is_written_short_with_the_full_code() -> None:
    fact = _only("今年，喀左县（喀喇沁左翼蒙古族自治县）实施以工代赈项目9个。")
    assert (fact.place, fact.place_code) == ("喀左县", "211324")


def test_helper_enterprises_count_in_the_receiving_place() -> None:
    facts = extract_facts("铜仁市积极承接产业转移。今年，苏州企业在当地投资建设工厂23家。",
                          published="2024-06-10")
    assert [f.place for f in facts] == ["铜仁市"]


def test_a_site_population_takes_no_neighbours_period_but_the_publication_year() -> None:
    facts = extract_facts("2023年，六枝特区新建扶贫车间6个。德胜安置区共安置搬迁群众1300户。",
                          published="2024-06-10")
    assert [(f.place, f.year) for f in facts] == [("六枝特区", "2023"), ("德胜安置区", "2024")]


def test_a_western_citys_own_enterprises_stay_its_own() -> None:
    fact = _only("今年，铜仁市企业吸纳群众就业4200人。")
    assert fact.place == "铜仁市"


def test_the_receiver_before_paired_with_is_no_helper() -> None:
    fact = _only("Since Tongren was paired with Suzhou in 2013, Tongren has received 1.5 billion "
                 "yuan.", published="2024-06-10")
    assert (fact.place, fact.year) == ("Tongren", "2013-2024")
