"""Facts from messy bulletin tables: units elsewhere, stacked headers, page breaks, groups."""

from __future__ import annotations

import pytest

from nlp import extract_table_facts
from nlp.tables import table_facts, tables_facts

TITLE = "湘西州2023年以工代赈项目实施情况"


def by(facts, metric):
    return [f for f in facts if f.metric == metric]


def one(facts, metric, place=None):
    found = [f for f in facts if f.metric == metric and (place is None or f.place == place)]
    assert len(found) == 1, (metric, place, found)
    return found[0]


# 1. Units outside the header -------------------------------------------------------------

PLAIN = [["县市区", "项目数", "中央资金", "带动务工人数", "发放劳务报酬"],
         ["花垣县", "12", "1500", "2300", "420.5"],
         ["保靖县", "9", "1200", "1800", "310"]]


def test_caption_with_several_units_gives_each_column_its_own() -> None:
    facts = extract_table_facts(PLAIN, title=TITLE, context="附表\n单位：万元、人、个\n")
    assert one(facts, "investment_yuan", "花垣县").value == 15_000_000
    assert one(facts, "labor_remuneration_yuan", "保靖县").value == 3_100_000
    assert one(facts, "people_employed", "花垣县").value == 2300
    assert one(facts, "projects", "保靖县").value == 9


def test_single_money_caption_scales_money_but_not_counts() -> None:
    facts = extract_table_facts(PLAIN, title=TITLE, context="表1 单位：万元")
    assert one(facts, "investment_yuan", "花垣县").value == 15_000_000
    assert one(facts, "projects", "花垣县").value == 12
    assert one(facts, "people_employed", "花垣县").value == 2300


def test_unit_caption_in_the_title() -> None:
    facts = extract_table_facts(PLAIN, title="2023年湘西州以工代赈资金下达情况（单位：万元）")
    assert one(facts, "investment_yuan", "保靖县").value == 12_000_000


def test_money_without_any_unit_gives_no_fact_rather_than_a_guess() -> None:
    facts = extract_table_facts(PLAIN, title=TITLE)
    assert not by(facts, "investment_yuan") and not by(facts, "other_count")
    assert one(facts, "projects", "花垣县").value == 12


def test_units_in_a_second_header_row() -> None:
    rows = [["县市区", "项目数", "资金", "务工人数"], ["", "个", "万元", "人"],
            ["凤凰县", "6", "880", "950"]]
    facts = extract_table_facts(rows, title=TITLE)
    assert one(facts, "projects").value == 6
    assert one(facts, "investment_yuan").value == 8_800_000
    assert one(facts, "people_employed").value == 950
    assert {f.place for f in facts} == {"凤凰县"}


def test_yi_yuan_columns() -> None:
    rows = [["地区", "总投资（亿元）", "受益群众（万人）"], ["湘西州", "3.25", "12.6"]]
    facts = extract_table_facts(rows)
    assert one(facts, "investment_yuan").value == pytest.approx(325_000_000)
    assert one(facts, "investment_yuan").place_code == "433100"


def test_caption_row_inside_the_table() -> None:
    rows = [["表2 各县市区以工代赈项目资金（单位：万元）", None, None],
            ["县市区", "中央资金", "地方配套"], ["吉首市", "560", "120"]]
    facts = extract_table_facts(rows)
    assert sorted(f.value for f in facts) == [1_200_000, 5_600_000]
    assert {f.metric for f in facts} == {"investment_yuan"} and facts[0].place == "吉首市"


def test_english_table() -> None:
    rows = [["County", "Projects", "Funds (10,000 yuan)", "Workers employed",
             "Wages paid (10,000 yuan)"],
            ["Huayuan County", "12", "1,500", "2,300", "420.5"]]
    facts = extract_table_facts(rows, context="Work-relief projects in 2023")
    assert one(facts, "projects").value == 12
    assert one(facts, "investment_yuan").value == 15_000_000
    assert one(facts, "people_employed").value == 2300
    assert one(facts, "labor_remuneration_yuan").value == 4_205_000
    assert {f.place_code for f in facts} == {"433124"} and {f.year for f in facts} == {"2023"}


def test_english_unit_caption() -> None:
    rows = [["County", "Funds", "Wages paid"], ["Baojing County", "800", "95"]]
    facts = extract_table_facts(rows, context="Table 3. Unit: 10,000 yuan")
    assert one(facts, "investment_yuan").value == 8_000_000
    assert one(facts, "labor_remuneration_yuan").value == 950_000


# 2. Stacked and merged headers ------------------------------------------------------------

def test_group_header_spans_its_sub_headers() -> None:
    rows = [["县（市、区）", "以工代赈项目", None, None, "备注"],
            [None, "项目个数", "中央资金", "地方配套", None],
            ["泸溪县", "4", "600", "150", "续建"]]
    facts = extract_table_facts(rows, context="单位：个、万元")
    assert one(facts, "projects").value == 4
    assert sorted(f.value for f in by(facts, "investment_yuan")) == [1_500_000, 6_000_000]
    assert len(facts) == 3 and {f.place for f in facts} == {"泸溪县"}


def test_group_header_carries_the_unit_to_its_sub_headers() -> None:
    rows = [["县市区", "资金（万元）", None, "带动务工"],
            [None, "中央", "地方", "（人）"],
            ["古丈县", "300", "80", "410"]]
    facts = extract_table_facts(rows)
    assert sorted(f.value for f in by(facts, "investment_yuan")) == [800_000, 3_000_000]
    assert one(facts, "people_employed").value == 410


def test_header_wrapped_inside_a_cell() -> None:
    rows = [["县市区", "发放劳务\n报酬（万元）", "带动\n务工人数\n（人）"],
            ["永顺县", "215.6", "1,020"]]
    facts = extract_table_facts(rows)
    assert one(facts, "labor_remuneration_yuan").value == 2_156_000
    assert one(facts, "people_employed").value == 1020


# 3. Tables continued on the next page ----------------------------------------------------

PAGE1 = [["序号", "县市区", "项目数（个）", "中央资金（万元）"],
         ["1", "吉首市", "3", "450"], ["2", "泸溪县", "4", "600"]]
PAGE2 = [["3", "凤凰县", "5", "700"], ["", "合计", "12", "1750"]]


def test_continued_table_reuses_the_previous_header() -> None:
    facts = tables_facts([PAGE1, PAGE2], title=TITLE)
    assert len(facts) == 8
    assert one(facts, "investment_yuan", "凤凰县").value == 7_000_000
    total = one(facts, "projects", "湘西州")
    assert total.value == 12 and total.place_code == "433100"


def test_continued_table_accepts_pipeline_dicts_and_explicit_header() -> None:
    facts = tables_facts([{"page": 1, "rows": PAGE1}, {"page": 2, "rows": PAGE2}])
    assert len(facts) == 8
    alone = table_facts(PAGE2, header=[PAGE1[0]], title=TITLE)
    assert one(alone, "investment_yuan", "凤凰县").value == 7_000_000


def test_a_headerless_table_of_another_width_is_not_a_continuation() -> None:
    other = [["甲", "1", "2"], ["乙", "3", "4"]]
    facts = tables_facts([PAGE1, other], title=TITLE)
    assert len(facts) == 4
    assert tables_facts([PAGE2]) == []


def test_one_broken_table_does_not_lose_the_others() -> None:
    facts = tables_facts([None, "junk", [[1, 2]], PAGE1])
    assert len(facts) == 4
    assert tables_facts("nope") == []  # type: ignore[arg-type]


# 4. Place columns, groups and totals -----------------------------------------------------

def test_place_header_variants() -> None:
    for header in ("县（市、区）", "地区", "单位", "项目所在地"):
        facts = extract_table_facts([[header, "项目数（个）"], ["龙山县", "7"]])
        assert facts[0].place_code == "433130", header


def test_project_site_names_the_village_under_its_county() -> None:
    rows = [["项目所在地", "带动务工（人）"], ["花垣县双龙镇十八洞村", "85"]]
    fact = extract_table_facts(rows)[0]
    assert fact.place == "十八洞村" and fact.place_code == "433124"


def test_development_zones_are_kept_as_written() -> None:
    rows = [["县市区", "项目数（个）"], ["吉首市", "3"], ["湘西经开区", "2"],
            ["湘西高新区", "1"]]
    facts = extract_table_facts(rows, title=TITLE)
    assert [(f.place, f.place_code) for f in facts] == [
        ("吉首市", "433101"), ("湘西经开区", None), ("湘西高新区", None)]


def test_subtotal_rows_take_their_group_heading() -> None:
    rows = [["地区", "项目数（个）"], ["一、湘西州", None], ["花垣县", "4"], ["保靖县", "5"],
            ["小计", "9"], ["二、怀化市", None], ["沅陵县", "6"], ["小计", "6"],
            ["全省", "15"]]
    facts = extract_table_facts(rows, title="以工代赈项目分布")
    assert [f.place for f in facts] == ["花垣县", "保靖县", "湘西州", "沅陵县", "怀化市",
                                         "湖南省"]
    assert facts[2].place_code == "433100" and facts[-1].place_code == "430000"


def test_subtotal_without_heading_takes_the_rows_common_parent() -> None:
    rows = [["县市区", "项目数（个）"], ["花垣县", "4"], ["保靖县", "5"], ["小 计", "9"]]
    facts = extract_table_facts(rows)
    assert facts[-1].place_code == "433100"


def test_merged_group_column_gives_subtotals_their_prefecture() -> None:
    rows = [["市州", "县市区", "项目数（个）"], ["湘西州", "花垣县", "4"], [None, "保靖县", "5"],
            [None, "小计", "9"], ["怀化市", "沅陵县", "6"], [None, "小计", "6"]]
    facts = extract_table_facts(rows)
    assert [f.place_code for f in facts] == ["433124", "433125", "433100", "431222", "431200"]


def test_scope_totals_take_the_matching_level() -> None:
    rows = [["县市区", "项目数（个）"], ["花垣县", "4"], ["全州", "20"], ["总计", "20"]]
    facts = extract_table_facts(rows, title="湘西州以工代赈情况")
    assert [f.place_code for f in facts[1:]] == ["433100", "433100"]
    unnamed = extract_table_facts(rows)
    assert unnamed[1].place_code == "433100"  # 全州: the prefecture of the listed counties
    assert unnamed[2].place is None  # 总计 with no place named anywhere stays unplaced


# 5. Numbers in cells and which columns count -------------------------------------------

def test_number_formats_and_empty_marks() -> None:
    rows = [["县市区", "带动务工人数（人）"], ["花垣县", "1,234"], ["保靖县", "1.2万"],
            ["永顺县", "—"], ["龙山县", "-"], ["古丈县", "/"], ["凤凰县", ""],
            ["泸溪县", "120*"], ["吉首市", "130①"]]
    facts = extract_table_facts(rows)
    assert [(f.place, f.value) for f in facts] == [
        ("花垣县", 1234), ("保靖县", 12000), ("泸溪县", 120), ("吉首市", 130)]


def test_percent_income_household_training_and_post_columns() -> None:
    rows = [["县市区", "完成率（%）", "人均增收（元）", "户数", "培训人数", "岗位"],
            ["花垣县", "98.5", "3,200", "450", "320", "210"]]
    facts = extract_table_facts(rows)
    assert one(facts, "percent").value == 98.5
    assert one(facts, "income_yuan").value == 3200
    assert one(facts, "households").value == 450 and one(facts, "households").unit == "households"
    assert one(facts, "people_trained").value == 320
    assert one(facts, "positions").value == 210
    assert len(facts) == 5


def test_columns_without_figures_give_no_facts() -> None:
    rows = [["序号", "项目名称", "建设内容", "实施单位", "开工时间", "完工时间", "年份",
             "带动务工（人）", "备注"],
            ["1", "花垣县道路硬化项目", "硬化道路3.5公里", "花垣县交通局", "2023.3", "2023.11",
             "2023", "45", "12"]]
    facts = extract_table_facts(rows)
    assert [(f.metric, f.value) for f in facts] == [("people_employed", 45)]


def test_date_cells_in_a_figure_column_are_no_figures() -> None:
    rows = [["县市区", "项目数（个）"], ["花垣县", "2023年5月"], ["保靖县", "2023-06"],
            ["永顺县", "3"]]
    assert [f.value for f in extract_table_facts(rows)] == [3]


# 6. Project tables ------------------------------------------------------------------------

PROJECTS = [["序号", "项目名称", "所在县", "总投资（万元）", "带动务工（人）", "劳务报酬（万元）"],
            ["1", "十八洞村产业路建设项目", "花垣县", "320", "60", "48"],
            ["2", "毛沟镇灌溉渠改造项目", "保靖县", "185.5", "35", "27.8"]]


def test_project_rows_give_one_fact_per_figure_with_county_and_name() -> None:
    facts = extract_table_facts(PROJECTS, title=TITLE)
    assert len(facts) == 6
    first = facts[:3]
    assert {f.place_code for f in first} == {"433124"}
    assert all("十八洞村产业路建设项目" in f.sentence for f in first)
    assert one(facts, "investment_yuan", "保靖县").value == pytest.approx(1_855_000)
    assert one(facts, "labor_remuneration_yuan", "花垣县").value == 480_000


def test_project_table_without_place_column_finds_places_in_names() -> None:
    rows = [["项目名称", "总投资（万元）"], ["凤凰县廖家桥镇道路项目", "210"],
            ["泸溪县浦市镇水渠项目", "150"]]
    facts = extract_table_facts(rows)
    assert [f.place_code for f in facts] == ["433123", "433122"]


def test_continued_project_table_over_three_pages() -> None:
    page2 = [["3", "腊尔山镇安全饮水项目", "凤凰县", "96", "22", "15"]]
    page3 = [["4", "坪坝镇机耕道项目", "古丈县", "74", "18", "11.5"]]
    facts = tables_facts([PROJECTS, page2, page3], title=TITLE)
    assert len(facts) == 12
    assert one(facts, "labor_remuneration_yuan", "古丈县").value == 115_000


def test_pdf_table_broken_across_pages_end_to_end() -> None:
    from pathlib import Path

    from extract import extract_pdf

    path = Path(__file__).parents[1] / "fixtures" / "pdf_tables" / "two_page_table.pdf"
    pdf = extract_pdf(path.read_bytes(), "https://example.gov.cn/a.pdf")
    assert len(pdf.tables) == 2
    facts = tables_facts([t.rows for t in pdf.tables], context=pdf.text[:2000],
                         published="2024-02")
    assert len(facts) == 12  # 4 rows x 3 figures, page 2 under the header of page 1
    assert one(facts, "investment_yuan", "凤凰县").value == 7_000_000
    total = one(facts, "people_employed", "湘西州")
    assert total.value == 2010 and total.place_code == "433100" and total.year == "2023"
