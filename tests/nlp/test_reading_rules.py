"""Rules of the careful reader (shared/README.md "Reading place and period ..."), one test
each, on sentences of our own."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from nlp import extract_facts
from nlp.metrics.stock import _CLAUSE_START, _clause_lead
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


def test_recent_years_end_with_the_last_whole_year_the_report_can_speak_of() -> None:
    late = facts_by_span("近三年，全县实施以工代赈项目12个。", published="2024-11-20")
    assert late["12个"].year == "2022-2024"
    early = facts_by_span("近三年，全县实施以工代赈项目12个。", published="2024-02-20")
    assert early["12个"].year == "2021-2023"
    english = facts_by_span("In the past five years, the county built 40 projects.",
                            published="2021-05-10")
    assert english["40 projects"].year == "2016-2020"


def test_the_base_of_a_share_is_no_period_of_the_share() -> None:
    facts = facts_by_span("截至6月底，全省外出务工脱贫劳动力38万人，是去年全年的96.5%。",
                          published="2023-07-10")
    assert facts["96.5%"].year == "2023-H1"


def test_a_period_inside_a_book_title_is_a_name() -> None:
    facts = facts_by_span("该县印发《“十四五”以工代赈工作方案》，今年已下达资金800万元。",
                          published="2023-05-10")
    assert facts["800万元"].year == "2023"


def test_a_future_batch_in_the_headline_frames_only_sentences_about_the_batch() -> None:
    title = "永顺县启动2025年以工代赈项目"
    text = title + "\n本批项目总投资600万元。\n\n县里现有安置点12个。"
    facts = facts_by_span(text, published="2024-11-20", title=title)
    assert facts["600万元"].year == "2025"
    assert facts["12个"].year == "2024"


def test_a_figureless_opening_sentence_frames_an_annual_review() -> None:
    text = ("去年以来，泸溪县持续推进劳务协作工作。\n\n"
            "全县共培训脱贫劳动力3200人，建成就业帮扶车间14个。")
    facts = facts_by_span(text, published="2016-02-20")
    assert facts["3200人"].year == "2015" and facts["3200人"].period_source == "frame"


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


def test_places_covered_by_a_figure_are_not_its_subject() -> None:
    text = ("凤凰县2024年以工代赈项目开工\n该批项目总投资900万元，覆盖廖家桥镇菖蒲塘村、"
            "千工坪镇香炉山村两地。")
    fact = facts_by_span(text, published="2024-05-01", title="凤凰县2024年以工代赈项目开工")[
        "900万元"]
    assert fact.place == "凤凰县"


def test_an_example_list_closed_by_deng_holds_only_the_count_after_it() -> None:
    text = "依托木江坪、洗溪等茶叶基地，泸溪县带动周边群众1200人就业。"
    assert facts_by_span(text, published="2024-05-01")["1200人"].place == "泸溪县"


def test_a_place_outside_a_local_reports_jurisdiction_takes_no_figures() -> None:
    text = ("花垣县劳务协作工作综述\n今年以来，花垣县与浙江、广东等地建立劳务协作关系，"
            "累计输送脱贫劳动力外出就业2300人。")
    fact = facts_by_span(text, published="2024-09-01", title="花垣县劳务协作工作综述")["2300人"]
    assert fact.place == "花垣县"


def test_a_town_in_a_modifier_does_not_become_the_paragraphs_topic() -> None:
    text = ("古丈县2024年以工代赈项目总投资600万元，主要用于默戎镇4公里产业路建设。"
            "项目可吸纳当地群众90人务工。")
    facts = facts_by_span(text, published="2024-05-01")
    assert facts["90人"].place == "古丈县"


def test_a_named_county_does_not_override_the_site_a_report_frames() -> None:
    title = "永顺县溪州安置区迎来新住户"
    text = title + "\n永顺县溪州安置区已入住860户。永顺县在安置区组建服务队，设立3个服务站。"
    fact = facts_by_span(text, published="2024-05-01", title=title)["3个服务站"]
    assert fact.place.startswith("溪州")


def test_english_possessives_and_hyphenated_names() -> None:
    assert [m.text for m in link_places("Shanghai aid helps Yuanyang's farmers")] == [
        "Shanghai", "Yuanyang"]
    assert places_in("a Shanghai-funded workshop on the Qinghai-Tibet Plateau") == []


# --- quantities --------------------------------------------------------------------------


def test_a_count_takes_the_head_of_a_long_noun_phrase() -> None:
    facts = facts_by_span("全省实施1.2万个中小型农村公益性基础设施项目，改造4个老旧小区改造工程。")
    assert [f.unit for f in facts.values()] == ["projects", "projects"]


def test_people_counted_after_modifiers_are_people() -> None:
    fact = extract_facts("带动近30万农村低收入民众就业。")[0]
    assert (fact.value, fact.unit) == (300000, "people")
    fact = extract_facts("全县860多万建档立卡贫困群众已全部搬迁。")[0]
    assert fact.unit == "people"


def test_kinds_thresholds_and_zero_are_no_facts() -> None:
    for text in ("围绕七大领域推进", "采取三种帮扶方式", "建立两项机制", "从五个方面统筹",
                 "开展两轮排查", "在300户以上的安置点建设车间", "实现零就业家庭动态清零",
                 "确保有劳动力家庭1人以上就业", "建成千人劳务基地", "focused on nine major fields",
                 "The two regions have guided enterprises", "one of the beneficiaries",
                 "set the poverty line at 3,372 yuan per person"):
        assert extract_facts(text) == [], text


def test_counts_of_things_on_the_ground_stay_facts() -> None:
    facts = facts_by_span("实施以工代赈项目3项，建成2个产业园区，带动两个村。")
    assert set(facts) == {"3项", "2个产业园区", "两个村"}


def test_english_ratios_and_sevenths_are_percentages() -> None:
    facts = facts_by_span("almost one in every three people was poor, one-seventh of the total")
    assert round(facts["almost one in every three"].value, 1) == 33.3
    assert round(facts["one-seventh"].value, 1) == 14.3


def test_a_multiple_is_the_percentage_it_states() -> None:
    (fact,) = extract_facts("外出务工规模扩大到2.5倍。")
    assert (fact.value, fact.unit, fact.metric) == (250, "percent", "percent")


def test_counts_of_institutions_in_english_and_of_provinces_in_chinese() -> None:
    assert "259 healthcare institutions" in facts_by_span(
        "280 hospitals have paired with 259 healthcare institutions in the province.")
    assert "eight counties" in facts_by_span("It was one of the eight counties in Guangxi.")
    assert "11省市" in facts_by_span("东中部11省市组织动员企业结对帮扶。")


def test_a_change_from_one_figure_to_another_splits_its_span() -> None:
    text = "2016年至2020年10月底，全县外出务工人数从1.5万人增至2.9万人。"
    facts = facts_by_span(text, published="2020-11-20")
    assert facts["1.5万人"].year == "2016"
    assert facts["2.9万人"].year == "2020-01/2020-10"


def test_an_english_period_right_after_a_figure_binds_it() -> None:
    text = ("Per capita income rose from 500 yuan (US$80) in 1997 to 10,732 yuan (US$1,600) "
            "in 2016.")
    facts = facts_by_span(text, published="2018-05-21")
    assert (facts["500 yuan"].year, facts["10,732 yuan"].year) == ("1997", "2016")


def test_a_venue_is_no_place_of_the_figures() -> None:
    text = ("China has made progress, officials said at a news conference in Beijing on "
            "Thursday. The number of migrant workers rose to about 29 million.")
    facts = facts_by_span(text, published="2020-11-19")
    assert facts["about 29 million"].place is None


# --- metrics -----------------------------------------------------------------------------


def test_people_in_another_role_or_a_population_are_other_counts() -> None:
    facts = facts_by_span("全县选派驻村干部320人，总人口48万人。", published="2023-01-01")
    assert facts["320人"].metric == "other_count" and facts["48万人"].metric == "other_count"
    (fact,) = extract_facts("The county, with a population of 1.2 million, is poor.")
    assert fact.metric == "other_count"


def test_posts_and_workers_are_employment() -> None:
    facts = facts_by_span("各安置点共设置38名网格员，安置乡村公益岗人员202名。")
    assert {f.metric for f in facts.values()} == {"people_employed"}


def test_the_group_of_whom_part_found_work_is_the_group_helped() -> None:
    facts = facts_by_span("全市4.2万名脱贫劳动力实现转移就业3.1万人。")
    assert facts["4.2万名脱贫劳动力"].metric == "people_benefited"
    assert facts["3.1万人"].metric == "people_employed"


def test_a_slogans_words_do_not_set_a_figures_metric() -> None:
    (fact,) = extract_facts("围绕1.1万名搬迁群众“稳得住、有就业、逐步能致富”目标推进工作。")
    assert fact.metric == "people_benefited"


def test_subsequently_runs_from_the_time_told_before_to_the_report() -> None:
    text = ("In September 2017, the two cities signed an agreement. Subsequently they built "
            "30 schools.")
    facts = facts_by_span(text, published="2020-08-27")
    assert facts["30 schools"].year == "2017-2020"


def test_a_present_statement_takes_no_past_years_period() -> None:
    text = ("The county has 536 workshops, one of them founded last year. He earns about "
            "1,000 yuan a month.")
    facts = facts_by_span(text, published="2017-03-07")
    assert facts["about 1,000 yuan"].year == "2017"


def test_a_deadline_binds_only_its_own_clause() -> None:
    text = ("As part of the national goal of ending poverty by 2020, the region will help 22 "
            "counties.")
    assert facts_by_span(text, published="2018-01-10")["22 counties"].year == "2018"


def test_an_introductory_period_governs_a_count_of_places() -> None:
    text = "During a meeting in May 1996, ten eastern provinces were paired with the west."
    fact = facts_by_span(text, published="2018-05-21")["ten eastern provinces"]
    assert fact.year.startswith("1996")


def test_last_month_is_the_month_before_publication() -> None:
    text = "The number rose to about 29.7 million people by the end of last month."
    fact = facts_by_span(text, published="2020-11-19")["about 29.7 million people"]
    assert fact.year == "2020-01/2020-10"


def test_the_subject_of_a_sentence_holds_its_later_figures_unless_it_gives_to_a_receiver() -> None:
    text = ("Since 2016, Yunnan has received 14.1 billion yuan from Shanghai, with 6,614 "
            "projects completed.")
    assert facts_by_span(text, published="2020-12-09")["6,614 projects"].place == "Yunnan"
    text = "东部6省市向西部8省区投入援助资金20亿元，县均投入3000万元。"
    assert facts_by_span(text, published="2023-12-01")["3000万元"].place == "西部"


def test_the_whole_county_is_the_reports_county_not_the_last_one_named() -> None:
    title = "镇安县建设产业园区安置搬迁群众"
    text = (title + "\n镇安县借助东川等茶叶基地带动群众就业。县上招商引资11.8亿元，"
            "引进20多家企业。")
    facts = facts_by_span(text, published="2015-06-05", title=title)
    assert facts["11.8亿元"].place.startswith("镇安")


def test_a_national_rank_is_no_national_scope() -> None:
    text = "卯家湾是全国第二大跨县安置区，共安置群众3.5万人。"
    title = "鲁甸县卯家湾安置区迎来最后一批搬迁群众"
    fact = facts_by_span(title + "\n" + text, published="2020-04-01", title=title)["3.5万人"]
    assert fact.place is not None


def test_a_headline_figure_takes_its_body_twins_place() -> None:
    title = "231亿元、73万人：东西部协作成效"
    text = title + "\n截至11月底，东部8省市向西部10省区市投入援助资金231亿元。"
    fact = extract_facts(text, published="2023-12-10", title=title)[0]
    assert (fact.span, fact.place, fact.place_source) == ("231亿元", "西部", "body")


def test_an_example_clause_makes_no_topic_for_later_clauses() -> None:
    text = ("全省集中安置25万户，其中最大的安置区十堰市郧阳区青龙泉社区安置4155户；"
            "分散安置6.4万户。")
    facts = facts_by_span(text, published="2020-12-02", title="湖北完成易地扶贫搬迁任务")
    assert facts["6.4万户"].place != "青龙泉社区"


def test_places_locating_a_venue_are_venues_too() -> None:
    text = ("Nearly 2.9 million poor people in 52 counties were working outside their villages. "
            "He spoke at a ceremony held in Sanhe village in Zhaojue county, Sichuan province.")
    facts = facts_by_span(text, published="2020-09-02")
    assert facts["Nearly 2.9 million poor people"].place is None


def test_the_place_helped_frames_a_report_on_paired_assistance() -> None:
    text = ("In 2017, Lianjiang city signed an agreement with Rongshui county. To date, "
            "Lianjiang city has provided 147 million yuan in funds for Rongshui county.\n\n"
            "Since 2016, 89 villages in the county have been lifted out of poverty, and "
            "Lianjiang city will keep helping Rongshui county.")
    facts = facts_by_span(text, published="2020-08-27")
    assert facts["147 million yuan"].place == "Rongshui county"
    assert facts["89 villages"].place.startswith("Rongshui")


def test_a_place_written_right_before_its_count_binds_it() -> None:
    facts = facts_by_span("东部8个省市向西部10个省区市投入援助资金20亿元。", published="2023-12-01")
    assert facts["8个省市"].place == "东部" and facts["20亿元"].place == "西部"


def test_in_n_years_is_the_span_just_past_unless_the_sentence_looks_ahead() -> None:
    past = facts_by_span("Guangxi has lifted 4.5 million people out of poverty in four years.",
                         published="2020-05-23")
    assert past["4.5 million people"].year == "2016-2019"
    ahead = facts_by_span("The county will build 20 projects in two years.",
                          published="2020-05-23")
    assert ahead["20 projects"].year == "2020"


def test_what_is_sent_to_a_place_is_that_places() -> None:
    text = "Shanghai and Guangdong have sent 837 cadres to Yunnan."
    assert facts_by_span(text, published="2020-12-09")["837 cadres"].place == "Yunnan"


def test_a_figure_that_goes_on_with_the_one_before() -> None:
    text = ("The county trained 40,000 laborers in 2018. By 2020, that number is expected to "
            "reach 100,000.")
    fact = facts_by_span(text, published="2018-01-10")["100,000"]
    assert (fact.unit, fact.metric) == ("people", "people_trained")


def test_one_of_n_and_including_n_count_like_their_subject() -> None:
    facts = facts_by_span("His workshop is one of 536 that have been set up. More than 2,800 "
                          "communities have been built, including 19 with 10,000 residents each.")
    assert facts["536"].unit == "count" and facts["19"].unit == "count"


def test_a_persons_pay_is_placed_where_the_story_found_them() -> None:
    text = ("Wanzhou district has set up 18 workshops.\n\n"
            "A clothing factory in the district's Guocun town is one example.\n\n"
            "\u201cNow I receive a monthly salary of 2,000 yuan,\u201d Zhang said.")
    facts = facts_by_span(text, published="2020-06-10")
    assert facts["2,000 yuan"].place == "Guocun town"
    assert facts["18 workshops"].place == "Wanzhou district"


def test_an_english_village_named_in_an_apposition() -> None:
    assert [m.place.name_en for m in link_places("in Xijie, a village in Juancheng county")][
        0] == "Xijie Village"


def test_a_participle_clause_goes_on_with_the_clause_before() -> None:
    text = ("The city guided 87 companies to settle in parks in Dahua, Huanjiang, and Du'an, "
            "employing 3,348 people.")
    facts = facts_by_span(text, published="2020-10-29")
    listed = "Dahua, Huanjiang, and Du'an"
    assert facts["3,348 people"].place == facts["87 companies"].place == listed


def test_a_chain_of_places_names_its_most_specific_one() -> None:
    text = "海拔2900多米的黑水县芦花镇若达村，以工代赈项目累计培训务工群众76人。"
    assert facts_by_span(text, published="2024-06-01")["76人"].place == "若达村"
    text = "1.南留庄镇白后堡村产业路建设项目，总投资780万元，务工150人。"
    assert facts_by_span(text, published="2025-03-01")["780万元"].place == "白后堡村"


def test_the_place_of_the_work_holds_the_clauses_after_it() -> None:
    text = "去年，乐安县在鳌溪镇安置区新建帮扶车间9个，吸纳搬迁群众就业430余人。"
    assert facts_by_span(text, published="2024-03-01")["430余人"].place == "鳌溪镇安置区"


def test_colloquial_and_open_ended_amounts() -> None:
    facts = facts_by_span("一年能挣万把块钱，每月收入五六千元。More than 20,000+ workers joined.")
    assert (facts["万把块钱"].value, facts["万把块钱"].approx) == (10000, True)
    assert facts["五六千元"].unit == "yuan" and facts["五六千元"].approx
    assert facts["More than 20,000+ workers"].unit == "people"


def test_people_counted_after_a_relocation_modifier_are_people_not_yuan() -> None:
    (fact,) = extract_facts("全县12万易地搬迁的群众全部入住新居。")
    assert (fact.value, fact.unit) == (120000, "people")


def test_a_purpose_is_no_undated_past_state() -> None:
    text = "The money will be used to fund 42 work-relief projects in the county."
    fact = facts_by_span(text, published="2024-03-02")["42 work-relief projects"]
    assert fact.year == "2024"
    past = facts_by_span("In the past, she earned 1,500 yuan a month.", published="2024-03-02")
    assert past["1,500 yuan"].year is None


def test_since_a_plan_began_runs_to_the_report_past_the_plan_end() -> None:
    english = facts_by_span("Since the start of the 13th Five-Year Plan (2016-2020), the "
                            "region has built 3,100 projects.", published="2023-04-05")
    assert english["3,100 projects"].year == "2016-2023"
    chinese = facts_by_span("“十三五”以来，全县共实施以工代赈项目75个。", published="2022-09-01")
    assert chinese["75个"].year == "2016-2022"


def test_the_country_as_subject_keeps_a_national_figure_national() -> None:
    text = ("Poor families in Lantian county moved to new homes.\n\n"
            "From 2016 to 2020, China relocated 9.6 million people.")
    fact = facts_by_span(text, published="2021-04-01")["9.6 million people"]
    assert fact.place is None
    address = facts_by_span("Lantian county, northwest China's Shaanxi province, trained "
                            "800 people last year.", published="2021-04-01")
    assert address["800 people"].place == "Lantian county"


def test_one_familys_members_and_vague_magnitudes_are_no_facts() -> None:
    text = ("她爱人身体不好，两个孩子要上学，一家四口被列为贫困户。她在附近一家合作社帮工，"
            "月收入1800元。数十名工人在车间工作，务工人数30人。")
    assert set(facts_by_span(text, published="2022-05-01")) == {"1800元", "30人"}
    english = facts_by_span("She has two children, and a family of four moved in. Some 3,000 "
                            "children attend school.", published="2022-05-01")
    assert set(english) == {"Some 3,000 children"}


@given(st.text(alphabet="，,；;。：:!?！？\n、ab 中文1", max_size=30), st.integers(0, 30))
def test_a_clause_lead_runs_back_to_the_last_delimiter(text: str, start: int) -> None:
    start = min(start, len(text))
    lo = start
    while lo > 0 and not _CLAUSE_START.match(text, lo - 1):
        lo -= 1
    assert _clause_lead(text, start) == text[lo:start]


def test_without_a_publication_date_the_leads_period_frames_the_report() -> None:
    text = ("近日，省里下达2025年以工代赈项目清单，我县4个乡镇获得资金1200万元。\n"
            "项目实施后，预计吸纳300名群众务工。")
    facts = facts_by_span(text)
    assert facts["300名群众"].year == "2025"


def test_a_cut_off_opening_the_sentence_holds_for_every_figure_after_it() -> None:
    text = ("截至2021年12月底，全市安置住房全部建成，38个集中安置点共安置搬迁群众2万多户"
            "9万人。")
    facts = facts_by_span(text, published="2022-06-26")
    assert {facts[s].year for s in ("38个集中安置点", "2万多户", "9万人")} == {"2021"}


def test_thresholds_and_part_numbers_are_no_facts() -> None:
    text = ("Almost all families have at least one earning member. Incomes soar(3). "
            "At least 2,000 yuan was paid to 3 workers.")
    assert set(facts_by_span(text, published="2021-01-01")) == {"At least 2,000 yuan",
                                                                "3 workers"}
    assert facts_by_span("每个安置区至少实现1个经营主体覆盖。", published="2021-01-01") == {}


def test_an_age_beside_a_name_and_a_dollar_conversion_are_no_facts() -> None:
    text = ("Chen, 56, earns 2,000 yuan a month. About three billion yuan (about 460 million "
            "U.S dollars) was invested.")
    assert set(facts_by_span(text, published="2021-01-01")) == {
        "2,000 yuan", "About three billion yuan"}


def test_workers_trained_are_people_trained() -> None:
    facts = facts_by_span("开展技能培训，培训务工人员8060人，带动务工群众1200人。",
                          published="2025-01-01")
    assert (facts["8060人"].metric, facts["1200人"].metric) == ("people_trained",
                                                               "people_employed")


def test_a_figure_done_under_a_batch_label_ends_at_the_cut_off() -> None:
    text = ("截至5月30日，全州2018年度项目计划建设的3600套住房已全部建成，累计完成搬迁入住"
            "12000人。")
    facts = facts_by_span(text, published="2019-06-03")
    assert {facts["3600套住房"].year[:4], facts["12000人"].year[:4]} == {"2019"}
    plan = facts_by_span("全州2018年度项目计划实施易地扶贫搬迁15000人。", published="2019-06-03")
    assert plan["15000人"].year == "2018"
    done = facts_by_span("在2016年度搬迁的贫困群众中，已经脱贫259户。", published="2017-05-17")
    assert done["259户"].year == "2017"


def test_a_january_release_framed_by_the_past_year_reports_last_year() -> None:
    text = ("BEIJING, Jan. 16 -- Work-relief programs created more than 2.5 million jobs, "
            "official data showed on Tuesday.\n"
            "The commission said that over the past year, it kept promoting the programs.")
    facts = facts_by_span(text, published="2024-01-16")
    assert facts["more than 2.5 million jobs"].year == "2023"


def test_packages_batches_classes_and_listed_ordinals_are_no_facts() -> None:
    text = ("通过出台20条措施，实名制帮扶7300名2021届离校未就业毕业生。蕲春、监利分获全国票选"
            "第一、二名。今年争取六批中央资金共4.85亿元。全区实施12.35万项措施。")
    assert set(facts_by_span(text, published="2022-03-01")) == {
        "7300名", "4.85亿元", "12.35万项措施"}
