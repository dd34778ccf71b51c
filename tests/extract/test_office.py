"""Office attachments: kind by content, text and tables by python-docx, openpyxl, xlrd and
antiword/catdoc, on fixtures written by ``tests/fixtures/office/build_office.py``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from extract.errors import ExtractionError
from extract.office import NotAnOfficeFile, extract_office, sniff

OFFICE = Path(__file__).resolve().parents[1] / "fixtures" / "office"
WORK_TABLE = [["乡镇", "以工代赈项目（个）", "吸纳务工（人）", "发放劳务报酬（万元）"],
              ["清水镇", "4", "326", "185.5"], ["石桥乡", "3", "214", "122"],
              ["合计", "7", "540", "307.5"]]
JOB_TABLE = [["安置点", "搬迁人口（人）", "实现就业（人）", "公益性岗位（个）"],
             ["城东安置区", "5230", "2710", "120"], ["河湾安置点", "1865", "904", "46"],
             ["合计", "7095", "3614", "166"]]
needs_word_tool = pytest.mark.skipif(
    not (shutil.which("antiword") or shutil.which("catdoc")),
    reason="antiword/catdoc not installed (.ci/run installs antiword)")


@pytest.mark.parametrize("name, kind", [
    ("annex.docx", "docx"), ("annex.xlsx", "xlsx"), ("annex.xls", "xls"), ("annex.doc", "doc"),
    ("annex.wps", "doc"),
])
def test_kind_comes_from_the_bytes(name, kind):
    assert sniff((OFFICE / name).read_bytes()) == kind


@pytest.mark.parametrize("name, reader", [("annex.docx", "python-docx"),
                                          pytest.param("annex.doc", "antiword",
                                                       marks=needs_word_tool),
                                          pytest.param("annex.wps", "antiword",
                                                       marks=needs_word_tool)])
def test_word_files_give_text_and_their_table(name, reader):
    content = extract_office((OFFICE / name).read_bytes(), name)
    assert content.reader in (reader, "catdoc")
    assert "示范县在清水镇、石桥乡实施以工代赈项目" in content.text
    assert "填报单位：示范县发展和改革局" in content.text
    assert [t.rows for t in content.tables] == [WORK_TABLE]


@pytest.mark.parametrize("name", ["annex.xlsx", "annex.xls"])
def test_spreadsheets_give_every_sheet_as_a_table(name):
    content = extract_office((OFFICE / name).read_bytes(), name)
    assert content.tables[0].rows == JOB_TABLE and content.tables[0].page == 1
    assert content.tables[1].rows == [["数据截至2024年6月底，由示范县乡村振兴局汇总。"]]
    assert "安置点就业统计" in content.text and "城东安置区 5230 2710 120" in content.text


def test_damaged_and_disguised_files():
    with pytest.raises(ExtractionError):
        extract_office((OFFICE / "annex.xlsx").read_bytes()[:2000], "cut.xlsx")
    with pytest.raises(NotAnOfficeFile):
        extract_office(b"<html><body>\xe9\xa1\xb5\xe9\x9d\xa2</body></html>", "x.doc")
    stub = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)  # an OLE header and nothing else
    recorded = extract_office(stub, "stub.xls")
    assert recorded.kind == "ole" and recorded.text == "" and recorded.reader is None


def test_table_facts_take_the_pdf_path():
    from nlp.tables import tables_facts

    content = extract_office((OFFICE / "annex.xlsx").read_bytes())
    facts = tables_facts([{"page": t.page, "rows": t.rows} for t in content.tables],
                         lang="zh", published="2024-07-01", title=content.title)
    assert {(f.metric, f.value) for f in facts} >= {("people_employed", 2710.0),
                                                     ("positions", 166.0)}
