"""Facts from bulletin tables."""

from __future__ import annotations

from nlp import extract_table_facts

HEADER = ["序号", "县市区", "项目数（个）", "中央资金（万元）", "带动务工人数（人）",
          "发放劳务报酬（万元）"]
ROWS = [HEADER, ["1", "花垣县", "12", "1,500", "2,300", "420.5"],
        ["2", "保靖县", "9", "1200", "1800", "310"], ["", "合计", "21", "2700", "4100", "730.5"]]


def test_each_numeric_cell_is_a_fact_with_metric_and_unit_from_its_header() -> None:
    facts = extract_table_facts(ROWS, title="湘西州2023年以工代赈项目实施情况", published="2024-03")
    assert len(facts) == 12
    first = {f.metric: f for f in facts[:4]}
    assert first["projects"].value == 12 and first["projects"].unit == "projects"
    assert first["investment_yuan"].value == 15_000_000
    assert first["people_employed"].value == 2300
    assert first["labor_remuneration_yuan"].value == 4_205_000
    assert all(f.origin == "table" and f.year == "2023" for f in facts)
    assert facts[0].place_code == "433124" and facts[0].sentence.startswith("1 | 花垣县")


def test_total_row_takes_the_title_place() -> None:
    facts = extract_table_facts(ROWS, title="湘西州2023年以工代赈项目实施情况")
    assert {f.place_code for f in facts[-4:]} == {"433100"}


def test_year_falls_back_to_publication() -> None:
    facts = extract_table_facts(ROWS, published="2022-12-01")
    assert {f.year for f in facts} == {"2022"}
    assert {f.place for f in facts[-4:]} == {None}


def test_english_headers_and_percent_cells() -> None:
    rows = [["County", "Jobs created", "Wages paid (10,000 yuan)", "Payment rate"],
            ["Huayuan County", "1,200", "86.5", "35%"]]
    facts = extract_table_facts(rows, context="Work relief in 2021")
    by_metric = {f.metric: f for f in facts}
    assert by_metric["positions"].value == 1200
    assert by_metric["labor_remuneration_yuan"].value == 865_000
    assert by_metric["percent"].value == 35
    assert {f.year for f in facts} == {"2021"}


def test_tables_without_numbers_or_with_junk_give_nothing() -> None:
    assert extract_table_facts([]) == []
    assert extract_table_facts([["a", "b"], ["c", "d"]]) == []
    assert extract_table_facts([[None, None], ["x", None]]) == []
    assert extract_table_facts("not a table") == []  # type: ignore[arg-type]


COUNTY_ROWS = [["序号", "县市区", "项目数（个）", "带动务工人数（人）"],
               ["1", "凤凰县", "5", "900"], ["2", "泸溪县", "3", "700"],
               ["", "合 计", "8", "1600"]]


def test_total_row_never_takes_the_previous_rows_county() -> None:
    context = "2023年，凤凰县、泸溪县实施以工代赈项目8个。各县市区情况如下表。"
    facts = extract_table_facts(COUNTY_ROWS, title="湘西州以工代赈项目实施情况", context=context)
    assert [f.place for f in facts[-2:]] == ["湘西州", "湘西州"]
    assert facts[0].place == "凤凰县"


def test_total_row_place_from_context_then_publisher() -> None:
    from_context = extract_table_facts(COUNTY_ROWS, title="项目实施情况",
                                       context="湘西州所辖凤凰县、泸溪县项目情况如下。")
    assert from_context[-1].place_code == "433100"
    from_publisher = extract_table_facts(COUNTY_ROWS, title="项目实施情况", context="情况如下。",
                                         publisher="湘西州发展和改革委员会")
    assert from_publisher[-1].place_code == "433100"
    assert extract_table_facts(COUNTY_ROWS)[-1].place is None
