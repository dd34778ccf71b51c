"""extract_pdf on generated PDFs (see tests/fixtures/extract/make_pdfs.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract import ExtractionError, extract_pdf

FIXTURES = Path(__file__).parents[1] / "fixtures" / "extract"

HEADER = ["序号", "县市区", "项目数（个）", "下达资金（万元）", "带动务工人数（人）",
          "发放劳务报酬（万元）"]


@pytest.fixture(scope="module")
def bulletin():
    return extract_pdf((FIXTURES / "bulletin_table.pdf").read_bytes(), "http://x/b.pdf")


@pytest.fixture(scope="module")
def faults():
    return extract_pdf((FIXTURES / "doubled_spaced.pdf").read_bytes(), "http://x/f.pdf")


def test_ruled_table_rows_and_total(bulletin):
    assert len(bulletin.tables) == 1
    table = bulletin.tables[0]
    assert table.page == 1
    assert table.rows[0] == HEADER
    assert table.rows[2] == ["2", "花垣县", "8", "2400", "1026", "655.2"]
    assert table.rows[-1][0] == "合计" and table.rows[-1][-1] == "2387.6"
    assert len(table.rows) == 7
    assert all(cell is None or "\n" not in cell for row in table.rows for cell in row)


def test_body_text_leaves_table_cells_out(bulletin):
    assert "现将项目安排和资金下达情况通报如下" in bulletin.body_text
    assert "已发放劳务报酬1620.4万元" in bulletin.body_text
    assert "凤凰县" not in bulletin.body_text and "2387.6" not in bulletin.body_text


def test_full_text_has_paragraphs_and_table_rows_in_order(bulletin):
    text = bulletin.text
    assert "1 | 凤凰县 | 6 | 1850 | 732 | 468.5" in text.split("\n")
    assert text.index("通报如下") < text.index("凤凰县") < text.index("开工率达到100%")


def test_title_from_metadata_and_page_count(bulletin):
    assert bulletin.title == "关于2024年第一批以工代赈项目实施情况的通报"
    assert bulletin.pages == 1


def test_doubled_glyphs_are_read_once(faults):
    assert faults.text.startswith("易地扶贫搬迁后续扶持工作简报")
    assert "易易地地" not in faults.text


def test_title_falls_back_to_first_line(faults):
    assert faults.title == "易地扶贫搬迁后续扶持工作简报"


def test_spaced_hanzi_are_joined_but_english_and_numbers_keep_spaces(faults):
    assert "以工代赈务工增收" in faults.text
    assert "全县搬迁群众中有2310人在帮扶车间就业，月收入2600元。" in faults.text
    assert "Relocated households in 38 resettlement sites" in faults.text


def test_wrapped_chinese_lines_are_joined(faults):
    lines = faults.body_text.split("\n")
    assert any(line.startswith("今年以来") and line.endswith("至少一人就业。") for line in lines)
    assert "累计提供就业岗位5400个，促成1180名搬迁群众与企业签订劳动合同" in faults.body_text
    assert "二、就业帮扶情况" in lines  # a heading is not glued to the next paragraph


def test_rule_less_table_found_by_text_alignment(faults):
    assert [table.rows for table in faults.tables] == [[
        ["安置点", "搬迁人口（人）", "就业人数（人）"],
        ["城北安置区", "4120", "2310"],
        ["河西安置区", "2875", "1602"],
        ["新城安置区", "1966", "1088"],
    ]]
    assert "城北安置区" not in faults.body_text
    assert "城北安置区 | 4120 | 2310" in faults.text
    assert faults.pages == 2


@pytest.mark.parametrize(
    ("name", "reason"),
    [("encrypted.pdf", "encrypted"), ("truncated.pdf", "corrupt or truncated"),
     ("corrupt.pdf", "corrupt or truncated")],
)
def test_unreadable_pdfs_raise_a_clear_error(fixture_bytes, name, reason):
    with pytest.raises(ExtractionError, match=reason) as caught:
        extract_pdf(fixture_bytes(name), f"http://x/{name}")
    assert f"http://x/{name}" in str(caught.value)


@pytest.mark.parametrize("body", [b"", b"<html>not a pdf</html>", b"\x89PNG\r\n\x1a\n0000"])
def test_non_pdf_bytes_raise_extraction_error(body):
    with pytest.raises(ExtractionError):
        extract_pdf(body)


def test_glyphs_without_unicode_map_leave_no_cid_or_control_characters(fixture_bytes):
    content = extract_pdf(fixture_bytes("no_tounicode.pdf"))
    assert content.text and "(cid:" not in content.text
    assert not any(ord(ch) < 32 and ch != "\n" for ch in content.text + content.body_text)
    assert content.tables and len(content.tables[0].rows) == 7
