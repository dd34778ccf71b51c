"""Charts and maps: a datasette-dashboards page per metric, built from figures (never raw facts).

Each page takes a place in any written form (湘西州, Hechi City, 451200; a prefecture includes
its counties) and shows the metric over time, the places with the largest figures and a map.
"""

from __future__ import annotations

METRICS = {
    "labor_remuneration_yuan": "Labour remuneration paid (劳务报酬), yuan",
    "investment_yuan": "Investment (投资/下达资金), yuan",
    "people_employed": "People employed (带动务工)",
    "people_trained": "People trained (培训)",
    "people_benefited": "People benefited (受益群众)",
    "households": "Households (户)",
    "projects": "Projects (项目)",
    "positions": "Positions / jobs (岗位)",
    "income_yuan": "Income (收入), yuan",
    "other_yuan": "Other amounts, yuan",
    "percent": "Percentages",
    "other_count": "Other counts",
}

# A place in any written form, with every place under it.
PLACE_FILTER = (
    "[[ and place_code in (select code from place_tree where ancestor_code in "
    "(select code from place_names where name = lower(trim(:place)) union select :place)) ]]"
)


def _charts(db: str, metric: str) -> dict:
    where = f"metric = '{metric}' {PLACE_FILTER}"
    return {
        "over-time": {
            "title": "Over time (one point per figure; a place's counties in their own colour)",
            "db": db, "library": "vega-lite",
            "query": "select year, value, coalesce(place_name_zh, place, 'national / unclear') "
                     f"as place, documents from figures where {where} and year is not null "
                     "order by year limit 1000",
            "display": {
                "mark": {"type": "line", "point": True, "tooltip": True},
                "encoding": {
                    "x": {"field": "year", "type": "ordinal", "title": "year or period"},
                    "y": {"field": "value", "type": "quantitative", "title": metric},
                    "color": {"field": "place", "type": "nominal"},
                },
            },
        },
        "largest": {
            "title": "Largest figures by place (each figure counted once)",
            "db": db, "library": "vega-lite",
            "query": "select coalesce(place_name_zh, place) as place, max(value) as value "
                     f"from figures where {where} and place_code is not null "
                     "group by place_code order by value desc limit 15",
            "display": {
                "mark": {"type": "bar", "tooltip": True},
                "encoding": {
                    "y": {"field": "place", "type": "nominal", "sort": "-x"},
                    "x": {"field": "value", "type": "quantitative", "title": metric},
                },
            },
        },
        "map": {
            "title": "Where the figures are (county-level points)",
            "db": db, "library": "map",
            "query": "select places.latitude, places.longitude, places.name_zh as place, "
                     "count(*) as figures, max(figures.value) as largest from figures "
                     "join places on places.code = figures.place_code "
                     f"where figures.{where.replace('place_code in', 'figures.place_code in')} "
                     "and places.latitude is not null group by places.code limit 1000",
        },
    }


def dashboards(db: str) -> dict:
    """datasette-dashboards configuration for the database named ``db``."""
    out = {}
    for metric, title in METRICS.items():
        out[metric] = {
            "title": title,
            "description": f"Figures for `{metric}`: each figure once, however many documents "
                           "report it. Filter by a place in any written form; a prefecture "
                           "includes its counties.",
            "settings": {"allow_fullscreen": True},
            "layout": [["over-time", "over-time"], ["largest", "map"]],
            "filters": {"place": {"name": "Place (湘西州, Hechi, 451200 …)", "type": "text"}},
            "charts": _charts(db, metric),
        }
    return out
