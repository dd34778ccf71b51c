"""Repairs of text taken out of Chinese PDFs."""

from __future__ import annotations

from extract.pdftext import (
    clean_cell,
    clean_line,
    clean_page_text,
    drop_cid,
    undouble,
    unusable_share,
)


def test_cid_placeholders_are_dropped_and_measured():
    raw = "以工代赈(cid:1234)(cid:88)项目"
    assert drop_cid(raw) == "以工代赈项目"
    assert unusable_share(raw) > 0.5
    assert unusable_share("以工代赈项目") == 0


def test_doubled_runs_collapse_but_real_repeats_stay():
    assert undouble("以以工工代代赈赈项项目目") == "以工代赈项目"
    assert undouble("大家谢谢，常常看看") == "大家谢谢，常常看看"
    assert undouble("共1100人") == "共1100人"


def test_spaces_between_hanzi_go_english_and_numbers_keep_theirs():
    assert clean_line("以 工 代 赈 项 目") == "以工代赈项目"
    assert clean_line("带动 1200 人务工") == "带动1200人务工"
    assert clean_line("work relief projects in 2024") == "work relief projects in 2024"
    assert clean_line("合计 12 345") == "合计12 345"


def test_letter_spaced_line_keeps_word_gaps():
    assert clean_line("W o r k  r e l i e f  2 0 2 4") == "Work relief 2024"


def test_wrapped_lines_join_and_paragraphs_stay_apart():
    raw = (
        "关于以工代赈项目的通报\n"
        "今年全县共实施以工代赈项目12个，带动当地群众务工860人，发放劳\n"
        "务报酬530万元，人均增收6100元。\n"
        "一、项目建设情况\n"
        "各项目均已按期开工建设，其中农村道路项目7个，小型水利项目5个，全部\n"
        "采用以工代赈方式实施。\n"
    )
    assert clean_page_text(raw).split("\n") == [
        "关于以工代赈项目的通报",
        "今年全县共实施以工代赈项目12个，带动当地群众务工860人，发放劳务报酬530万元，人均增收6100元。",
        "一、项目建设情况",
        "各项目均已按期开工建设，其中农村道路项目7个，小型水利项目5个，全部采用以工代赈方式实施。",
    ]


def test_cells_lose_newlines():
    assert clean_cell("发放劳务\n报酬（万元）") == "发放劳务报酬（万元）"
    assert clean_cell("Labour\nremuneration") == "Labour remuneration"
    assert clean_cell(None) is None
