"""Each fact says where its metric, place and period came from (issue 7: "Why a figure")."""

from __future__ import annotations

from nlp import extract_facts

TITLE = "吉首市2023年以工代赈工作总结"
REPORT = (TITLE + "\n"
          "全市发放劳务报酬6200万元。\n"
          "该市还带动3100名群众务工，其中矮寨镇吸纳860人。")


def by_span(facts):
    return {f.span: f for f in facts}


def test_a_figure_read_from_its_own_clause_says_so() -> None:
    facts = by_span(extract_facts("去年，凤凰县发放劳务报酬1.2亿元。", published="2024-04-11"))
    fact = facts["1.2亿元"]
    assert fact.place_source == "own clause" and fact.place == "凤凰县"
    assert fact.period_source == "sentence" and fact.year == "2023"
    assert "劳务报酬" in fact.metric_why
    assert fact.to_dict()["why"].startswith("metric: cue '劳务报酬'; place: own clause '凤凰县'")


def test_a_figure_framed_by_the_headline_says_it_came_from_the_frame() -> None:
    facts = by_span(extract_facts(REPORT, published="2024-01-15", title=TITLE))
    fact = facts["6200万元"]
    assert fact.year == "2023" and fact.period_source == "frame"
    assert "2023年" in fact.period_why
    assert fact.place == "吉首市" and "全市" in fact.place_why


def test_a_back_reference_names_the_place_it_points_to() -> None:
    facts = by_span(extract_facts(REPORT, published="2024-01-15", title=TITLE))
    fact = facts["3100名群众"]
    assert fact.place == "吉首市" and "该市 → 吉首市" in fact.place_why


def test_the_why_column_replaces_the_three_parts_in_the_row() -> None:
    row = extract_facts("全县培训脱贫劳动力3200人。")[0].to_dict()
    assert {"why", "place_source", "period_source"} <= set(row)
    assert not {"metric_why", "place_why", "period_why"} & set(row)
