"""Everything a publication refresh writes, read back so that two databases can be compared
row for row: figures, conflicts, fact_evidence, each fact's figure, the search indexes' terms
(``fts5vocab``: every token of every row) and what a set of searches finds."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from db.search import register_functions

QUERIES = ["河池", "河池市", "Hechi", "Hechi City", "湘西土家族苗族自治州", "劳务报酬发放",
           "劳务", "households", "4.05亿元", "巴马", "合计", "posts", "湘", "Xiangxi paid",
           "易地扶贫搬迁", "凤凰县", "培训"]


def _rows(conn: sqlite3.Connection, sql: str) -> list[tuple]:
    return conn.execute(sql).fetchall()


def publication_state(path: Path) -> dict[str, list]:
    conn = sqlite3.connect(path)
    register_functions(conn)
    try:
        state = {
            "figures": _rows(conn, "select * from figures order by id"),
            "figure_conflicts": _rows(conn, "select * from figure_conflicts order by id"),
            "fact_evidence": _rows(conn, "select * from fact_evidence order by fact_id"),
            "facts.figure_id": _rows(conn, "select id, figure_id from facts order by id"),
            "documents_search_state": _rows(conn, "select * from documents_search_state "
                                                  "order by id"),
        }
        for table in ("facts_search", "documents_search"):
            conn.execute(f"create virtual table temp.[{table}_terms] using "
                         f"fts5vocab(main, [{table}], 'instance')")
            state[f"{table} terms"] = _rows(conn, f"select * from temp.[{table}_terms] "
                                                  "order by 1, 2, 3, 4")
            for query in QUERIES:
                state[f"{table} {query}"] = _rows(
                    conn, f"select rowid from [{table}] where [{table}] match "
                          f"search_match('{query}') order by rowid")
        return state
    finally:
        conn.close()


def differences(a: dict[str, list], b: dict[str, list]) -> dict[str, tuple]:
    """Per differing part: the first row that differs in each."""
    out = {}
    for key in a.keys() | b.keys():
        left, right = a.get(key, []), b.get(key, [])
        if left != right:
            only_left = [r for r in left if r not in right][:3]
            only_right = [r for r in right if r not in left][:3]
            out[key] = (len(left), len(right), only_left, only_right)
    return out
