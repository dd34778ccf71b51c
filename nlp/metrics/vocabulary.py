"""The metric vocabulary shared by the extractor, the database and the scorer."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Metric:
    name: str
    unit: str
    description_en: str
    description_zh: str


METRICS: tuple[Metric, ...] = (
    Metric("projects", "projects", "Number of projects", "项目数"),
    Metric("people_employed", "people", "People employed or given work", "带动就业/务工人数"),
    Metric("households", "households", "Households", "户数"),
    Metric("people_benefited", "people", "People benefiting or relocated", "受益/搬迁人数"),
    Metric("people_trained", "people", "People trained", "培训人数"),
    Metric("positions", "positions", "Jobs or posts created or offered", "就业岗位数"),
    Metric("investment_yuan", "yuan", "Money invested, allocated or planned", "投资/下达资金"),
    Metric("labor_remuneration_yuan", "yuan", "Labour remuneration paid (wages)", "劳务报酬"),
    Metric("income_yuan", "yuan", "Income or income growth", "收入/增收"),
    Metric("other_yuan", "yuan", "Other amounts of money", "其他金额"),
    Metric("percent", "percent", "A percentage or rate", "百分比"),
    Metric("other_count", "count", "Other counts", "其他数量"),
)

METRIC_NAMES: frozenset[str] = frozenset(m.name for m in METRICS)
