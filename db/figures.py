"""One figure, counted once: group facts that report the same thing into ``figures``.

Articles repeat official figures: a 4.05亿元 total stated in three articles and a PDF table is
one figure reported by four documents. Facts are the same figure when they share metric, place
(its code where known, else its English/Chinese name), period (``year``) and value within
rounding (4.05亿 = 405,000,000 = 40500万元; 2.17万人 = 21,700). Two figures with the same
metric, known place and known period but different values are a *conflict* (a corrected
figure, a typo, a misread): both are flagged and listed side by side in ``figure_conflicts``.

Rebuilt whole after each extraction; a figure keeps its id while its key (metric, place,
period, rounded value) stays the same, so links and feed entries last.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

import sqlite_utils

# Below this, counts are compared exactly (120 people is not 124 people) unless approximate.
ROUNDING_FROM = 1000


def step(value: float) -> float:
    """Unit of the last significant digit: 405000000 -> 1e6, 0.5 -> 0.1, 2436 -> 1."""
    if not value or not math.isfinite(value):
        return 1.0
    exponent = Decimal(repr(float(value))).normalize().as_tuple().exponent
    return float(Decimal(1).scaleb(exponent))


def same_within_rounding(a: float, b: float, approx: bool = False) -> bool:
    """Whether ``a`` and ``b`` can be the same figure, one a rounded form of the other."""
    if a == b:
        return True
    if max(abs(a), abs(b)) < ROUNDING_FROM and not approx:
        return False
    tolerance = max(step(a), step(b)) / 2
    return abs(a - b) <= tolerance * (1 + 1e-9)


@dataclass
class Report:
    fact_id: int
    value: float
    approx: int
    document_id: int
    published: str | None
    fetched_at: str | None
    source: str | None
    sentence: str | None
    url: str | None
    origin: str | None


@dataclass
class Figure:
    reports: list[Report] = field(default_factory=list)

    @property
    def value(self) -> float:
        """The most precise value reported (ties: the one most documents give)."""
        counts = defaultdict(set)
        for r in self.reports:
            counts[r.value].add(r.document_id)
        return min(counts, key=lambda v: (step(v), -len(counts[v]), v))

    def accepts(self, report: Report) -> bool:
        approx = bool(report.approx) or any(r.approx for r in self.reports)
        return same_within_rounding(self.value, report.value, approx)


def place_key(code: str | None, name_en: str | None, name_zh: str | None, place: str | None):
    if code:
        return code
    name = name_en or name_zh or place
    return f"name:{name.strip().lower()}" if name else ""


def cluster(reports: list[Report]) -> list[Figure]:
    """Group the reports of one metric, place and period into figures, most precise first."""
    figures: list[Figure] = []
    for report in sorted(reports, key=lambda r: (step(r.value), r.approx, r.fact_id)):
        for figure in figures:
            if figure.accepts(report):
                figure.reports.append(report)
                break
        else:
            figures.append(Figure([report]))
    return figures


def read_groups(db: sqlite_utils.Database) -> tuple[dict[tuple, list[Report]], dict[tuple, dict]]:
    """Facts by (metric, place key, year), with what a figure row needs to describe them."""
    groups: dict[tuple, list[Report]] = defaultdict(list)
    info: dict[tuple, dict] = {}
    sql = """
    select f.id, f.metric, f.value, f.approx, f.document_id, f.unit, f.place, f.place_code,
           f.place_name_zh, f.place_name_en, f.year, f.sentence, f.origin,
           coalesce(d.published, p.published), d.fetched_at,
           coalesce(d.publisher, p.publisher, s.name, d.source_id), d.url
    from facts f
    join documents d on d.id = f.document_id
    left join documents p on p.id = d.parent_id
    left join sources s on s.id = d.source_id
    where f.value is not null and f.metric is not null
    """
    for row in db.execute(sql):
        (fact_id, metric, value, approx, doc_id, unit, place, code, name_zh, name_en, year,
         sentence, origin, published, fetched_at, source, url) = row
        key = (metric, place_key(code, name_en, name_zh, place), year or "")
        groups[key].append(Report(fact_id, value, approx or 0, doc_id, published, fetched_at,
                                  source, sentence, url, origin))
        known = info.setdefault(key, {"unit": unit, "place": place, "place_code": code,
                                      "place_name_zh": name_zh, "place_name_en": name_en})
        for column, new in (("place_name_zh", name_zh), ("place_name_en", name_en),
                            ("place", place)):
            known[column] = known[column] or new
    return groups, info


def _sig(value: float) -> str:
    return f"{round(value / step(value)) * step(value):.12g}"


def figure_rows(db: sqlite_utils.Database) -> tuple[list[dict], list[tuple[int, int]], list[dict]]:
    """Rows of ``figures``, (fact_id, figure_id) pairs, and rows of ``figure_conflicts``."""
    groups, info = read_groups(db)
    old_ids = dict(db.execute("select figure_key, id from figures").fetchall())
    next_id = max(old_ids.values(), default=0) + 1
    places = {r[0]: r[1:] for r in db.execute(
        "select code, province_code, prefecture_code, longitude, latitude from places")}
    figures, links, conflicts, used = [], [], [], set()
    for key in sorted(groups, key=lambda k: tuple(str(p) for p in k)):
        metric, pkey, year = key
        found = cluster(groups[key])
        disputed = len(found) > 1 and bool(pkey) and bool(year)
        rows, doc_sets = [], []
        for figure in found:
            value = figure.value
            fkey = f"{metric}|{pkey}|{year}|{_sig(value)}"
            figure_id = old_ids.get(fkey)
            if figure_id is None or figure_id in used:
                figure_id, next_id = next_id, next_id + 1
            used.add(figure_id)
            rows.append(_figure_row(figure_id, fkey, key, info[key], figure, places))
            links.extend((r.fact_id, figure_id) for r in figure.reports)
            doc_sets.append({r.document_id for r in figure.reports})
        if disputed:
            conflicts.extend(_mark_conflicts(rows, doc_sets))
        figures.extend(rows)
    return figures, links, conflicts


def _figure_row(figure_id: int, fkey: str, key: tuple, info: dict, figure: Figure,
                places: dict) -> dict:
    metric, _, year = key
    reports = figure.reports
    dated = sorted(reports, key=lambda r: (r.published or "9999", r.origin != "text", r.fact_id))
    published = [r.published for r in reports if r.published]
    code = info["place_code"]
    province, prefecture, lon, lat = places.get(code, (None, None, None, None))
    place_label = info["place_name_zh"] or info["place"] or info["place_name_en"] or "—"
    return {
        "id": figure_id, "metric": metric, "value": figure.value, "unit": info["unit"],
        "label": f"{place_label} · {year or 'period unknown'} · {metric} · "
                 f"{figure.value:,.10g}",
        "approx": int(all(r.approx for r in reports)),
        "place": info["place"], "place_code": code, "place_name_zh": info["place_name_zh"],
        "place_name_en": info["place_name_en"], "province_code": province,
        "prefecture_code": prefecture, "year": year or None,
        "documents": len({r.document_id for r in reports}), "facts": len(reports),
        "sources": "; ".join(sorted({r.source for r in reports if r.source})),
        "first_published": min(published, default=None),
        "last_published": max(published, default=None),
        "first_seen": min((r.fetched_at for r in reports if r.fetched_at), default=None),
        "conflict": 0, "other_values": None,
        "evidence": dated[0].sentence, "evidence_url": dated[0].url,
        "longitude": lon, "latitude": lat, "figure_key": fkey,
    }


def _mark_conflicts(rows: list[dict], doc_sets: list[set[int]]) -> list[dict]:
    """Flag figures that disagree; return each disagreeing pair, better-attested first.

    Two values for one metric, place and period disagree only when no document gives both:
    one article stating 13,200 village posts and 17,800 welfare posts reports two quantities,
    two articles giving 4.05亿 and 4.5亿 for the same total contradict each other.
    """
    order = sorted(range(len(rows)), key=lambda i: (-rows[i]["documents"], rows[i]["id"]))
    out = []
    for n, i in enumerate(order):
        for j in order[n + 1:]:
            if doc_sets[i] & doc_sets[j]:
                continue
            first, other = rows[i], rows[j]
            for row, rival in ((first, other), (other, first)):
                row["conflict"] = 1
                row["other_values"] = "; ".join(filter(None, [
                    row["other_values"], f"{rival['value']:,.10g} ({rival['documents']} doc.)"]))
            base = first["value"] or 1.0
            out.append({
                "metric": first["metric"], "unit": first["unit"],
                "place": first["place_name_zh"] or first["place"],
                "place_code": first["place_code"], "year": first["year"],
                "figure_id": first["id"], "value": first["value"],
                "sources": first["sources"], "documents": first["documents"],
                "other_figure_id": other["id"], "other_value": other["value"],
                "other_sources": other["sources"], "other_documents": other["documents"],
                "difference_pct": round(100 * (other["value"] - first["value"]) / base, 2),
            })
    return out


def refresh_figures(db: sqlite_utils.Database) -> int:
    """Rebuild ``figures`` and ``figure_conflicts`` and point each fact at its figure."""
    figures, links, conflicts = figure_rows(db)
    with db.conn:
        db.execute("delete from figure_conflicts")
        db.execute("delete from figures")
        if figures:
            db.table("figures").insert_all(figures, batch_size=2000)
        if conflicts:
            db.table("figure_conflicts").insert_all(conflicts)
        db.execute("create temp table if not exists fact_figure "
                   "(fact_id integer primary key, figure_id integer)")
        db.execute("delete from temp.fact_figure")
        db.conn.executemany("insert into temp.fact_figure values (?, ?)", links)
        db.execute("update facts set figure_id = (select figure_id from temp.fact_figure t "
                   "where t.fact_id = facts.id)")
    return len(figures)
