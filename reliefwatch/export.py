"""``reliefwatch export``: figures or fact_evidence to a file Excel opens as it should.

CSV is written as UTF-8 with a byte order mark (Excel otherwise reads Chinese as mojibake);
XLSX keeps numbers as numbers. A place in any written form selects it and every place under it.
"""

from __future__ import annotations

import csv
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from db.search import register_functions

TABLES = ("figures", "fact_evidence")
PLACE_CLAUSE = (
    "place_code in (select code from place_tree where ancestor_code in "
    "(select code from place_names where name = lower(trim(:place)) union select :place))"
)


class ExportError(ValueError):
    """A request that cannot be exported (unknown place or metric, empty database)."""


def _rows(conn: sqlite3.Connection, table: str, place: str | None,
          metric: str | None) -> tuple[list[str], Iterator[tuple]]:
    if table not in TABLES:
        raise ExportError(f"cannot export {table!r}: choose one of {', '.join(TABLES)}")
    where, params = [], {}
    if place:
        known = conn.execute(
            "select 1 from place_names where name = lower(trim(?)) union "
            "select 1 from places where code = ?", [place, place]).fetchone()
        if not known:
            raise ExportError(f"unknown place {place!r}: try its Chinese or English name or code")
        where.append(PLACE_CLAUSE)
        params["place"] = place
    if metric:
        if not conn.execute("select 1 from metrics where name = ?", [metric]).fetchone():
            names = ", ".join(r[0] for r in conn.execute("select name from metrics order by 1"))
            raise ExportError(f"unknown metric {metric!r}: one of {names}")
        where.append("metric = :metric")
        params["metric"] = metric
    order = "id" if table == "figures" else "fact_id"
    sql = f"select * from {table}" + (f" where {' and '.join(where)}" if where else "") + \
        f" order by {order}"
    cursor = conn.execute(sql, params)
    return [d[0] for d in cursor.description], iter(cursor)


def export_rows(db_path: Path, output: Path, table: str = "figures", fmt: str = "csv",
                place: str | None = None, metric: str | None = None) -> int:
    """Write the selected rows to ``output``; returns how many."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    register_functions(conn)
    try:
        columns, rows = _rows(conn, table, place, metric)
        output.parent.mkdir(parents=True, exist_ok=True)
        return _write_xlsx(output, table, columns, rows) if fmt == "xlsx" \
            else _write_csv(output, columns, rows)
    finally:
        conn.close()


def _write_csv(output: Path, columns: list[str], rows: Iterator[tuple]) -> int:
    count = 0
    with output.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def _write_xlsx(output: Path, table: str, columns: list[str], rows: Iterator[tuple]) -> int:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(table)
    sheet.append(columns)
    count = 0
    for row in rows:
        sheet.append(list(row))
        count += 1
    book.save(output)
    return count
