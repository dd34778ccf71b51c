"""Topic relevance: does a document talk about work-for-relief, relocation or employment of
people lifted out of poverty? Keyword rules, extendable per source (``hints.keywords``)."""

from __future__ import annotations

import re
from collections.abc import Iterable

TOPIC_KEYWORDS: tuple[str, ...] = (
    "以工代赈", "工赈", "易地扶贫搬迁", "易地搬迁", "扶贫搬迁", "搬迁群众", "安置点", "后续扶持",
    "就业帮扶", "劳务报酬", "脱贫人口", "脱贫劳动力", "务工就业", "稳岗就业", "防止返贫",
    "巩固拓展脱贫攻坚成果", "乡村振兴", "帮扶车间", "公益性岗位",
    "work-for-relief", "work for relief", "work relief", "work-relief", "relocation",
    "relocated", "poverty alleviation", "lifted out of poverty", "poverty-stricken",
    "rural revitalization", "labor remuneration", "labour remuneration",
)


def keyword_pattern(extra: Iterable[str] = ()) -> re.Pattern[str]:
    """One case-insensitive pattern for the default keywords plus ``extra``."""
    words = sorted({*TOPIC_KEYWORDS, *(w for w in extra if w)}, key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words), re.I)


def is_relevant(pattern: re.Pattern[str], *texts: str | None) -> bool:
    """True when any text mentions a topic keyword."""
    return any(t and pattern.search(t) for t in texts)
