"""Serving speed on a 1,000,000-fact / 100,000-document database (run by hand).

    .venv/bin/python bench/bench_serve.py [--reps 15] [--workdir /tmp/reliefwatch-bench]

Builds the database once (cached in the work folder, never committed), then starts a real
``reliefwatch serve --public`` (immutable snapshot + inspect file) and times each page the
publishing issue lists over HTTP: median and max of ``--reps`` requests after one warm-up.
Every median is printed as a ratio to ``/-/versions.json`` measured in the same run (the
server's floor: routing, no SQL), and against the 200 ms target.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.benchdb import SCHEMA_MARK, build  # noqa: E402
from reliefwatch.demo import free_port  # noqa: E402

TARGET_MS = 200


def pages(db: str) -> list[tuple[str, str]]:
    q = quote
    return [
        ("facts, metric + place filter, 2 facets",
         f"/{db}/facts?metric=labor_remuneration_yuan&place_code=433124"),
        ("facts, default page (2 facets)", f"/{db}/facts"),
        ("facts sorted by value", f"/{db}/facts?_sort_desc=value"),
        ("fact_evidence, province filter (counties by code)",
         f"/{db}/fact_evidence?province_code=430000"),
        ("fact_evidence, default page", f"/{db}/fact_evidence"),
        ("figures, default page", f"/{db}/figures"),
        ("figures, metric + prefecture filter",
         f"/{db}/figures?metric=households&prefecture_code=451200"),
        ("search facts 河池 (Chinese, 2 chars)", f"/{db}/facts?_search={q('河池')}"),
        ("search fact_evidence 湘西土家族苗族自治州",
         f"/{db}/fact_evidence?_search={q('湘西土家族苗族自治州')}"),
        ("search documents 劳务报酬 (65% of documents)",
         f"/{db}/documents?_search={q('劳务报酬')}"),
        ("search fact_evidence 劳务报酬 (10% of facts)",
         f"/{db}/fact_evidence?_search={q('劳务报酬')}"),
        ("canned search_facts 发放劳务报酬", f"/{db}/search_facts?q={q('发放劳务报酬')}"),
        ("canned labor_remuneration_by_place_and_year",
         f"/{db}/labor_remuneration_by_place_and_year"),
        ("canned investment_by_place", f"/{db}/investment_by_place"),
        ("canned employment_figures (河池)", f"/{db}/employment_figures?place={q('河池')}"),
        ("canned facts_for_place (湘西州)", f"/{db}/facts_for_place?place={q('湘西州')}"),
        ("canned new_figures_for_place (Hechi City)",
         f"/{db}/new_figures_for_place?metric=&place={q('Hechi City')}"),
        ("atom feed new_figures_for_place (湘西州)",
         f"/{db}/new_figures_for_place.atom?metric=&place={q('湘西州')}"),
        ("atom feed new_figures (all places)", f"/{db}/new_figures.atom?metric="),
        ("canned employment_figures (all places)", f"/{db}/employment_figures?place="),
        ("canned latest_documents", f"/{db}/latest_documents"),
        ("canned crawl_health", f"/{db}/crawl_health"),
        ("row page: fact", f"/{db}/facts/500000"),
        ("row page: document", f"/{db}/documents/50000"),
        ("row page: figure", f"/{db}/figures/1000"),
        ("database page", f"/{db}"),
        ("home page", "/"),
    ]


def fetch_ms(url: str) -> tuple[float, int, int]:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as response:
        body = response.read()
        status = response.status
    return (time.perf_counter() - started) * 1000, status, len(body)


def wait_for(url: str, server: subprocess.Popen, timeout: float = 900) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            fetch_ms(url)
            return
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"server did not start: {server.stderr.read()!r}") from None
            time.sleep(1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reps", type=int, default=15)
    parser.add_argument("--workdir", type=Path,
                        default=Path(tempfile.gettempdir()) / "reliefwatch-bench")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    path = args.workdir / "bench.db"
    marker = args.workdir / "built"
    if not (path.exists() and marker.exists() and marker.read_text() == SCHEMA_MARK):
        for stale in args.workdir.glob("bench*"):
            stale.unlink() if stale.is_file() else None
        print("building the database (once) ...", flush=True)
        print("  ", build(path), flush=True)
        marker.write_text(SCHEMA_MARK)
    print(f"database: {path} ({path.stat().st_size / 1e9:.2f} GB); load average "
          f"{os.getloadavg()[0]:.2f} on {os.cpu_count()} cores", flush=True)
    port = free_port(0)
    exe = str(Path(sys.executable).with_name("reliefwatch"))
    started = time.monotonic()
    server = subprocess.Popen([exe, "serve", "--public", "--db", str(path), "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/-/versions.json", server)
        print(f"serve --public ready in {time.monotonic() - started:.0f} s (snapshot + inspect)")
        floor = statistics.median(fetch_ms(base + "/-/versions.json")[0]
                                  for _ in range(args.reps))
        print(f"baseline /-/versions.json median {floor:.1f} ms\n")
        print(f"{'page':52} {'median':>8} {'max':>8} {'ratio':>7}  status")
        slow = 0
        for label, url in pages(path.stem):
            fetch_ms(base + url)  # warm-up
            times, status, size = [], 0, 0
            for _ in range(args.reps):
                ms, status, size = fetch_ms(base + url)
                times.append(ms)
            median = statistics.median(times)
            slow += median >= TARGET_MS
            print(f"{label:52} {median:7.1f}ms {max(times):7.1f}ms {median / floor:6.1f}x  "
                  f"{status} {size // 1024} KB {'OVER' if median >= TARGET_MS else 'ok'}",
                  flush=True)
        started = time.perf_counter()
        with urllib.request.urlopen(base + f"/{path.stem}/fact_evidence.csv?_stream=on"
                                    "&metric=households&_size=max", timeout=600) as response:
            rows = response.read().count(b"\n") - 1
        print(f"\nstreamed CSV of fact_evidence (metric=households): {rows:,} rows in "
              f"{time.perf_counter() - started:.1f} s")
        print(f"\n{slow} page(s) at or over {TARGET_MS} ms median; load average now "
              f"{os.getloadavg()[0]:.2f}")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
