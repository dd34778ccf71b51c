"""One figure, counted once: group facts that report the same thing into ``figures``.

Articles repeat official figures: a 4.05亿元 total stated in three articles and a PDF table is
one figure reported by four documents. Facts are the same figure when they share metric, place
(its code where known, else its English/Chinese name), period (``year``) and value within
rounding (4.05亿 = 405,000,000 = 40500万元; 2.17万人 = 21,700). Two figures with the same
metric, known place and known period but different values are a *conflict* (a corrected
figure, a typo, a misread): both are flagged and listed side by side in ``figure_conflicts``.

This module clusters one group's facts into figures; ``db/figure_refresh.py`` reads the groups
and writes the tables (every group, or only those changed facts touched). A figure keeps its id
while its key (metric, place, period, rounded value) stays the same, so links and feed entries
last.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

# Below this, counts are compared exactly (120 people is not 124 people) unless approximate.
ROUNDING_FROM = 1000


@lru_cache(maxsize=1 << 16)
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


@dataclass(slots=True)
class Report:
    """A fact as a figure sees it (its sentence and URL are read for the chosen one only)."""

    fact_id: int
    value: float
    approx: int
    document_id: int
    published: str | None
    fetched_at: str | None
    source: str | None
    origin: str | None


class Figure:
    """Reports of one quantity; its value is kept up to date as reports are added."""

    def __init__(self, report: Report) -> None:
        self.reports: list[Report] = []
        self.by_value: dict[float, set[int]] = {}  # value -> documents giving it
        self.any_approx = False
        self.value = report.value
        self.add(report)

    def add(self, report: Report) -> None:
        self.reports.append(report)
        self.by_value.setdefault(report.value, set()).add(report.document_id)
        self.any_approx = self.any_approx or bool(report.approx)
        # the most precise value reported (ties: the one most documents give)
        self.value = min(self.by_value,
                         key=lambda v: (step(v), -len(self.by_value[v]), v))

    @property
    def documents(self) -> set[int]:
        return set().union(*self.by_value.values())

    def accepts(self, report: Report) -> bool:
        approx = bool(report.approx) or self.any_approx
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
                figure.add(report)
                break
        else:
            figures.append(Figure(report))
    return figures


def _sig(value: float) -> str:
    return f"{round(value / step(value)) * step(value):.12g}"


def group_prefix(key: tuple) -> str:
    """The start of the ``figure_key`` of every figure of group ``key``."""
    metric, pkey, year = key
    return f"{metric}|{pkey}|{year}|"


def group_figures(key: tuple, reports: list[Report], info: dict, places: dict,
                  ids: FigureIds) -> tuple[list[dict], list[tuple[int, int]], list[dict]]:
    """One group's ``figures`` rows, (fact_id, figure_id) pairs and ``figure_conflicts`` rows
    (without their ids)."""
    metric, pkey, year = key
    found = cluster(reports)
    disputed = len(found) > 1 and bool(pkey) and bool(year)
    rows, links, doc_sets = [], [], []
    for figure in found:
        fkey = f"{group_prefix(key)}{_sig(figure.value)}"
        figure_id = ids.take(fkey)
        rows.append(_figure_row(figure_id, fkey, key, info, figure, places))
        links.extend((r.fact_id, figure_id) for r in figure.reports)
        doc_sets.append(figure.documents)
    conflicts = _mark_conflicts(rows, doc_sets) if disputed else []
    return rows, links, conflicts


class FigureIds:
    """A figure keeps its id while its key (metric, place, period, rounded value) stays;
    a new figure gets the next id after every id given so far."""

    def __init__(self, old: dict[str, int], highest: int) -> None:
        self.old = old
        self.next = highest + 1
        self.used: set[int] = set()

    def take(self, fkey: str) -> int:
        figure_id = self.old.get(fkey)
        if figure_id is None or figure_id in self.used:
            figure_id, self.next = self.next, self.next + 1
        self.used.add(figure_id)
        return figure_id


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
        # the earliest report's sentence and URL: filled in by evidence_of
        "evidence": dated[0].fact_id, "evidence_url": None,
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
