"""What a column counts: metric, unit and scale from its header (or a unit caption)."""

from __future__ import annotations

from dataclasses import dataclass

from nlp.lang import script_of
from nlp.metrics import rules
from nlp.tables.grid import BRACKET, T


@dataclass
class Column:
    index: int
    header: str
    unit: str
    metric: str
    scale: float


_UNIT_KIND = {"yuan": "yuan", "people": "people", "households": "households", None: "count"}


def scale_and_unit(text: str) -> tuple[float, str | None]:
    """Scale and unit of a unit text: 万元 -> (10000, "yuan"), 个 -> (1, None)."""
    low = text.lower()
    scale = 1.0
    for word, factor in sorted(T["scales"].items(), key=lambda kv: -len(kv[0])):
        if word in low:
            scale = float(factor)
            break
    for word, unit in T["units"]:
        if word in low:
            return scale, unit
    return scale, None


def _has_unit(text: str) -> bool:
    low = text.lower()
    return any(word in low for word, _ in T["units"])


def kind_of(name: str) -> str | None:
    """The kind of quantity a header names without its unit: 中央资金 -> yuan."""
    low = name.lower()
    for kind, words in T["kinds"].items():
        if any(w in low for w in words):
            return kind
    return None


def _caption_unit(name: str, captions: list[str]) -> str | None:
    kind = kind_of(name)
    matching = [c for c in captions if _UNIT_KIND.get(scale_and_unit(c)[1]) == kind]
    if matching:
        return matching[0]
    return captions[0] if len(captions) == 1 and kind is None else None


def skipped(header: str) -> bool:
    """序号, 项目名称, 建设内容, 实施单位, 备注, 开工时间: columns that hold no figures."""
    name = BRACKET.sub("", header).strip().lower()
    if not name or name in T["index_headers"]:
        return True
    return any(w in name for w in T["skip_headers"])


def column(index: int, header: str, captions: list[str] = ()) -> Column | None:
    """The column's metric and unit, or None for columns without figures."""
    if skipped(header):
        return None
    name = BRACKET.sub("", header).strip()
    inner = " ".join(BRACKET.findall(header))
    if not _has_unit(inner):
        inner = _caption_unit(name, list(captions)) or inner
    scale, unit = scale_and_unit(inner or name)
    if unit is None and not inner:
        scale, unit = scale_and_unit(name)
        scale = 1.0  # 万 inside a name (万人次) is no scale of the cells
    lang = script_of(header)
    if unit is None or unit == "people":
        words = name.split()
        noun_unit = next((u for w in words if (u := rules.unit_from_noun(w, lang))),
                         None) if lang == "en" else None
        if lang == "zh":
            noun_unit = rules.unit_from_preceding_noun(name) or noun_unit
        if noun_unit in ("projects", "positions", "households"):
            unit = noun_unit
        elif unit is None and noun_unit == "people" or unit is None and kind_of(name) == "people":
            unit = "people"
    if unit is None and any(w in name.lower() for w in T["percent_headers"]):
        unit = "percent"
    if unit is None and kind_of(name) == "yuan":
        return None  # money with no known scale: a wrong figure is worse than none
    unit = unit or "count"
    metric = rules.UNIT_METRIC.get(unit) or rules.metric_for(
        unit, rules.pick_metric(rules.family_of(unit), name, len(name), len(name), lang,
                                (len(name), 0)))
    if metric == "other_yuan":  # 地方配套, 中央资金: a header is a bare noun phrase
        low = name.lower()
        metric = next((m for m, words in T["header_metrics"].items()
                       if any(w in low for w in words)), metric)
    return Column(index, header, unit, metric, scale)
