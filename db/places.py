"""Publishing side of the gazetteer: every written form of a place, its ancestors, a point.

``places`` is loaded by the extract stage; this module adds what search, filters and the map
need: ``place_names`` (湘西州, 湘西土家族苗族自治州, xiangxi, hechi city ... in lower case),
``place_tree`` (each place with itself and every place above it) and ``places.longitude`` /
``latitude`` / ``province_code`` / ``prefecture_code``. Coordinates come from
``db/data/place_coordinates.tsv`` (see ``db/data/SOURCE.md``).
"""

from __future__ import annotations

import csv
import hashlib
import importlib.util
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import sqlite_utils

COORDINATES = "place_coordinates.tsv"


def _gazetteer_file(name: str) -> Path | None:
    """A data file of the places gazetteer (``nlp/places/data``), found without importing nlp."""
    spec = importlib.util.find_spec("nlp")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "places" / "data" / name
    return path if path.exists() else None


def _tsv(path: Path | None) -> Iterator[dict[str, str]]:
    if path is None:
        return
    with path.open(encoding="utf-8") as handle:
        yield from csv.DictReader(handle, delimiter="\t")


def coordinates() -> dict[str, tuple[float, float, str]]:
    """``code -> (longitude, latitude, source)`` from the shipped coordinates file."""
    path = Path(str(resources.files("db") / "data" / COORDINATES))
    return {r["code"]: (float(r["longitude"]), float(r["latitude"]), r["from"])
            for r in _tsv(path)}


def _written_forms(db: sqlite_utils.Database) -> set[tuple[str, str, str]]:
    """(name in lower case, code, lang) for every name, alias, bare stem and exonym."""
    known = {r[0] for r in db.execute("select code from places")}
    forms: set[tuple[str, str, str]] = set()

    def add(names: str | None, code: str, lang: str) -> None:
        for name in (names or "").split("|"):
            if name.strip() and code in known:
                forms.add((name.strip().lower(), code, lang))

    for code, name_zh, name_en in db.execute("select code, name_zh, name_en from places"):
        add(name_zh, code, "zh")
        add(name_en, code, "en")
    for row in _tsv(_gazetteer_file("divisions.tsv")):
        for column, lang in (("aliases_zh", "zh"), ("bare_zh", "zh"), ("aliases_en", "en"),
                             ("bare_en", "en")):
            add(row.get(column), row["code"], lang)
    for row in _tsv(_gazetteer_file("exonyms.tsv")):
        add(row.get("exonym"), row.get("code") or "", "en")
    return forms


def _inputs_digest(db: sqlite_utils.Database) -> str:
    """Changes whenever what ``refresh_places`` reads does: the places and the data files."""
    digest = hashlib.sha1()
    for row in db.execute("select code, name_zh, name_en, level, parent_code from places "
                          "order by code"):
        digest.update(repr(row).encode())
    for path in (_gazetteer_file("divisions.tsv"), _gazetteer_file("exonyms.tsv"),
                 Path(str(resources.files("db") / "data" / COORDINATES))):
        digest.update(path.read_bytes() if path and path.exists() else b"-")
    return "inputs-" + digest.hexdigest()[:16]


def refresh_places(db: sqlite_utils.Database, force: bool = False) -> bool:
    """Fill ``place_names``, ``place_tree`` and the places' points; skip when the places and
    the gazetteer's files are as they were last time."""
    stamp = _inputs_digest(db)
    done = db.execute("select cast(value as text) from schema_info "
                      "where key = 'places_refreshed'").fetchone()
    filled = db.execute("select 1 from place_tree limit 1").fetchone()
    if not force and filled and done and done[0] == stamp:
        return False
    parents = dict(db.execute("select code, parent_code from places").fetchall())
    levels = dict(db.execute("select code, level from places").fetchall())
    tree, updates = [], []
    points = coordinates()
    for code in parents:
        chain, seen, current, depth = {}, set(), code, 0
        while current and current in parents and current not in seen:
            seen.add(current)
            tree.append((current, code, depth))
            chain[levels.get(current)] = current
            current, depth = parents[current], depth + 1
        lon, lat, source = points.get(code, (None, None, None))
        updates.append((chain.get("province"), chain.get("prefecture"), lon, lat, source, code))
    with db.conn:
        db.execute("delete from place_tree")
        db.conn.executemany("insert into place_tree (ancestor_code, code, depth) "
                            "values (?, ?, ?)", tree)
        db.execute("delete from place_names")
        db.conn.executemany("insert into place_names (name, code, lang) values (?, ?, ?)",
                            sorted(_written_forms(db)))
        db.conn.executemany(
            "update places set province_code = ?, prefecture_code = ?, longitude = ?, "
            "latitude = ?, coordinates_from = ? where code = ?", updates)
    db.table("schema_info").upsert({"key": "places_refreshed", "value": stamp}, pk="key")
    return True
