"""``reliefwatch export``: figures or fact_evidence to CSV (with BOM) or XLSX, filtered."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from reliefwatch.export import ExportError, export_rows

EXE = str(Path(sys.executable).with_name("reliefwatch"))


def read_csv(path: Path) -> list[dict]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_csv_of_figures_for_a_prefecture_includes_its_counties(crafted_db, tmp_path):
    out = tmp_path / "figures.csv"
    count = export_rows(crafted_db, out, place="河池市")
    rows = read_csv(out)
    assert count == len(rows) == 5
    assert {r["place_code"] for r in rows} == {"451200", "451227"}


def test_csv_of_fact_evidence_for_a_metric(crafted_db, tmp_path):
    out = tmp_path / "evidence.csv"
    export_rows(crafted_db, out, table="fact_evidence", metric="labor_remuneration_yuan",
                place="Xiangxi")
    rows = read_csv(out)
    assert len(rows) == 4 and {float(r["value"]) for r in rows} == {405e6}
    assert all(r["url"].startswith("http") and r["title"] for r in rows)


def test_xlsx_keeps_numbers_and_chinese(crafted_db, tmp_path):
    out = tmp_path / "figures.xlsx"
    count = export_rows(crafted_db, out, fmt="xlsx", metric="investment_yuan")
    sheet = load_workbook(out).active
    header, *rows = list(sheet.values)
    assert len(rows) == count == 2
    by_name = [dict(zip(header, r, strict=True)) for r in rows]
    assert {r["value"] for r in by_name} == {192e6, 210e6}
    assert all(isinstance(r["value"], (int, float)) for r in by_name)  # numbers, not text
    assert {r["place_name_zh"] for r in by_name} == {"河池市"}


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"place": "Atlantis"}, "unknown place"),
    ({"metric": "rainfall"}, "unknown metric"),
    ({"table": "documents"}, "cannot export"),
])
def test_bad_requests_get_clear_errors(crafted_db, tmp_path, kwargs, message):
    with pytest.raises(ExportError, match=message):
        export_rows(crafted_db, tmp_path / "x.csv", **kwargs)


def test_export_command(crafted_db, tmp_path):
    out = tmp_path / "pay.xlsx"
    result = subprocess.run([EXE, "export", "--db", str(crafted_db), "--format", "xlsx",
                             "--place", "湘西州", "--metric", "labor_remuneration_yuan",
                             "-o", str(out)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "1 rows of figures written" in result.stdout and out.exists()
    bad = subprocess.run([EXE, "export", "--db", str(crafted_db), "--place", "Atlantis"],
                         capture_output=True, text=True, check=False, cwd=tmp_path)
    assert bad.returncode == 1 and "unknown place 'Atlantis'" in bad.stderr
