"""Write ``figures`` and ``figure_conflicts`` and point each fact at its figure: for every
group (a full rebuild) or only for the groups changed facts touched (``publish_groups``).

Both ways give the same rows. Groups are clustered in key order; a figure keeps its id while
its key stays, a conflict keeps its id while its pair of figures does, and new ones take the
next ids, so a group left alone keeps its rows exactly as a full rebuild would write them.
Facts are read in id order, so what a figure row takes from its group's first fact (unit,
place as written) does not depend on the query plan.
"""

from __future__ import annotations

import heapq
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import sqlite_utils

from db.figures import FigureIds, Report, group_figures, group_prefix, place_key

_SELECT = """
select f.id, f.metric, f.value, f.approx, f.document_id, f.unit, f.place, f.place_code,
       f.place_name_zh, f.place_name_en, f.year, f.origin,
       coalesce(d.published, p.published), d.fetched_at,
       coalesce(d.publisher, p.publisher, s.name, d.source_id)
from facts f
join documents d on d.id = f.document_id
left join documents p on p.id = d.parent_id
left join sources s on s.id = d.source_id
where f.value is not null and f.metric is not null {only}
order by f.id
"""
# Facts of the touched groups: by code through the (metric, place_code) index, and the facts
# without a code of the touched metrics whose name makes the group's key (rw_place_key is
# db.figures.place_key, registered on the connection).
_CODED = ("and f.id in (select f.id from temp.touched_groups g join facts f "
          "on f.metric = g.metric and f.place_code = g.place_key "
          "where coalesce(f.year, '') = g.year)")
_UNCODED = ("and f.id in (select f.id from temp.touched_groups g join facts f "
            "on f.metric = g.metric and (f.place_code is null or f.place_code = '') "
            "where g.coded = 0 and coalesce(f.year, '') = g.year and rw_place_key(f.place_code, "
            "f.place_name_en, f.place_name_zh, f.place) = g.place_key)")


@dataclass
class Groups:
    reports: dict[tuple, list[Report]] = field(default_factory=lambda: defaultdict(list))
    info: dict[tuple, dict] = field(default_factory=dict)


def is_coded(pkey: str) -> bool:
    return bool(pkey) and not pkey.startswith("name:")


def read_groups(db: sqlite_utils.Database, only: set[tuple] | None = None) -> Groups:
    """Facts by (metric, place key, year) with what a figure row needs to describe them:
    every group, or the groups in ``only`` (listed in ``temp.touched_groups``)."""
    groups = Groups()
    queries = [_SELECT.format(only="")] if only is None else [
        _SELECT.format(only=_CODED), _SELECT.format(only=_UNCODED)]
    # both in id order: merged as they are read, never all held at once
    rows = heapq.merge(*(db.conn.execute(sql) for sql in queries), key=lambda row: row[0])
    shared: dict = {}  # one copy of each document's strings (and of the origins)
    for row in rows:
        (fact_id, metric, value, approx, doc_id, unit, place, code, name_zh, name_en, year,
         origin, published, fetched_at, source) = row
        key = (metric, place_key(code, name_en, name_zh, place), year or "")
        if only is not None and key not in only:
            continue
        published, fetched_at, source = shared.setdefault(doc_id, (published, fetched_at,
                                                                   source))
        origin = shared.setdefault(origin, origin)
        groups.reports[key].append(Report(fact_id, value, approx or 0, doc_id, published,
                                          fetched_at, source, origin))
        known = groups.info.setdefault(key, {"unit": unit, "place": place, "place_code": code,
                                             "place_name_zh": name_zh,
                                             "place_name_en": name_en})
        for column, new in (("place_name_zh", name_zh), ("place_name_en", name_en),
                            ("place", place)):
            known[column] = known[column] or new
    return groups


def _old_figures(db: sqlite_utils.Database, keys: Iterable[tuple] | None) -> dict[int, str]:
    """``id -> figure_key`` of the figures of ``keys`` (None: all), in id order."""
    if keys is None:
        return dict(db.execute("select id, figure_key from figures order by id").fetchall())
    found: dict[int, str] = {}
    for key in keys:
        prefix = group_prefix(key)
        for figure_id, fkey in db.execute(
                "select id, figure_key from figures where figure_key >= ? and figure_key < ?",
                [prefix, prefix + "\U0010ffff"]):
            if "|" not in fkey[len(prefix):]:  # not a group whose place key goes on
                found[figure_id] = fkey
    return dict(sorted(found.items()))


def figure_groups(db: sqlite_utils.Database) -> set[tuple]:
    """The (metric, place key, year) groups of every figure (from its ``figure_key``)."""
    groups = set()
    for (fkey,) in db.execute("select figure_key from figures where figure_key is not null"):
        metric, rest = fkey.split("|", 1)
        pkey, year, _ = rest.rsplit("|", 2)
        groups.add((metric, pkey, year))
    return groups


def _ids_in(column: str, ids: Iterable[int]) -> tuple[str, list[int]]:
    """``column in (select value from json_each(?))`` and its parameter."""
    return f"{column} in (select value from json_each(?))", [json.dumps(list(ids))]


def refresh_figures(db: sqlite_utils.Database, only: set[tuple] | None = None,
                    evidence: bool = True) -> int:
    """Cluster every group (``only`` None) or the groups in ``only`` again and write them;
    returns the number of figures written. ``fact_evidence.figure_id`` follows unless
    ``evidence`` is false (a full rebuild writes fact_evidence afterwards). Commits nothing:
    the caller's transaction does."""
    if only is not None:
        db.conn.create_function("rw_place_key", 4, place_key, deterministic=True)
        db.execute("create temp table if not exists touched_groups "
                   "(metric text, place_key text, year text, coded integer)")
        db.execute("delete from temp.touched_groups")
        db.conn.executemany("insert into temp.touched_groups values (?, ?, ?, ?)",
                            [(*key, int(is_coded(key[1]))) for key in only])
    groups = read_groups(db, only)
    old = _old_figures(db, only)
    highest = db.execute("select coalesce(max(id), 0) from figures").fetchone()[0]
    ids = FigureIds({fkey: figure_id for figure_id, fkey in old.items()}, highest)
    places = {r[0]: r[1:] for r in db.execute(
        "select code, province_code, prefecture_code, longitude, latitude from places")}
    figures, links, conflicts = [], {}, []
    for key in sorted(groups.reports, key=lambda k: tuple(str(p) for p in k)):
        rows, pairs, disputes = group_figures(key, groups.reports[key], groups.info[key],
                                              places, ids)
        figures.extend(rows)
        links.update(pairs)
        conflicts.extend(disputes)
    _fill_evidence(db, figures)
    _write(db, only, old, figures, conflicts)
    _point_facts(db, only, old, links, evidence)
    return len(figures)


def _fill_evidence(db: sqlite_utils.Database, figures: list[dict]) -> None:
    """Each figure's evidence: the sentence and URL of the fact its row names."""
    where, params = _ids_in("f.id", (f["evidence"] for f in figures))
    found = {r[0]: r[1:] for r in db.execute(
        "select f.id, f.sentence, d.url from facts f join documents d on d.id = f.document_id "
        f"where {where}", params)}
    for figure in figures:
        figure["evidence"], figure["evidence_url"] = found[figure["evidence"]]


def _write(db: sqlite_utils.Database, only: set[tuple] | None, old: dict[int, str],
           figures: list[dict], conflicts: list[dict]) -> None:
    """Replace the old figures and conflicts of the groups by the new ones."""
    if only is None:
        old_pairs = db.execute("select figure_id, other_figure_id, id from figure_conflicts "
                               "order by id").fetchall()
    else:
        where, params = _ids_in("figure_id", old)
        old_pairs = db.execute("select figure_id, other_figure_id, id from figure_conflicts "
                               f"where {where} order by id", params).fetchall()
    pair_ids = {(a, b): conflict_id for a, b, conflict_id in old_pairs}
    highest = db.execute("select coalesce(max(id), 0) from figure_conflicts").fetchone()[0]
    for conflict in conflicts:
        pair = (conflict["figure_id"], conflict["other_figure_id"])
        conflict_id = pair_ids.pop(pair, None)
        if conflict_id is None:
            highest += 1
            conflict_id = highest
        conflict["id"] = conflict_id
    if only is None:
        db.execute("delete from figure_conflicts")
        db.execute("delete from figures")
    else:
        db.conn.executemany("delete from figure_conflicts where id = ?",
                            [(i,) for _, _, i in old_pairs])
        db.conn.executemany("delete from figures where id = ?", [(i,) for i in old])
    if figures:
        columns = list(figures[0])
        db.conn.executemany(
            f"insert into figures ({', '.join(columns)}) values "
            f"({', '.join('?' for _ in columns)})", [[f[c] for c in columns] for f in figures])
    if conflicts:
        columns = list(conflicts[0])
        db.conn.executemany(
            f"insert into figure_conflicts ({', '.join(columns)}) values "
            f"({', '.join('?' for _ in columns)})", [[c[k] for k in columns] for c in conflicts])


def _point_facts(db: sqlite_utils.Database, only: set[tuple] | None, old: dict[int, str],
                 links: dict[int, int], evidence: bool) -> None:
    """Set ``figure_id`` in facts and fact_evidence where it changed: the facts of the
    groups, and the facts that pointed at a figure of theirs but are in none now."""
    if only is None:
        now = dict(db.execute("select id, figure_id from facts where figure_id is not null"))
    else:
        where, params = _ids_in("figure_id", old)
        now = dict(db.execute(f"select id, figure_id from facts where {where}", params))
        where, params = _ids_in("id", links)
        now.update(db.execute(f"select id, figure_id from facts where {where}", params))
    changes = [(links.get(fact_id), fact_id) for fact_id, figure_id in now.items()
               if links.get(fact_id) != figure_id]
    changes += [(figure_id, fact_id) for fact_id, figure_id in links.items()
                if fact_id not in now]
    changes.sort(key=lambda change: change[1])  # in row order: each page written once
    db.conn.executemany("update facts set figure_id = ? where id = ?", changes)
    if evidence:
        db.conn.executemany("update fact_evidence set figure_id = ? where fact_id = ?", changes)
