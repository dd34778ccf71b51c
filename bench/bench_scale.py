"""Scale figure: extract a database of >= 20,000 real-length documents with ``--jobs 1`` and
with every core, as ``reliefwatch extract`` runs (run by hand; takes minutes).

    .venv/bin/python bench/bench_scale.py [--documents 20000] [--jobs 1,all]

Documents are the real articles of ``../shared/corpus`` (else the written bench corpus), each
copy made distinct by a line of letters (no figure), stored in a fresh database; each setting
extracts its own copy of it. Printed per setting: wall time, documents/s, characters/s, peak
memory (largest process, and the sum over the run and its workers), CPU seconds used (sampled,
so slightly low: with other work on the machine, wall time / CPU tells how much of the cores
the run got), the hours 1,000,000
documents would take at that rate, the speed-up over ``--jobs 1``, and how much of the wall
time the publication refresh took (``db/publication.py``, read from the run's ``-v`` log). Then
``--add`` new documents go into the last database and ``reliefwatch extract`` runs again: the
time of that refresh is what a scheduled run adding a few documents pays. The machine may be
shared with other work: say so next to any figure you quote.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sqlite3
import string
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_extract import real_documents, written_documents

import db as store

EXE = str(Path(sys.executable).with_name("reliefwatch"))


def letters(n: int) -> str:
    out = ""
    while True:
        n, r = divmod(n, 26)
        out = string.ascii_lowercase[r] + out
        if n == 0:
            return out


def build(path: Path, count: int, first: int = 0) -> int:
    """A database of ``count`` distinct real-length documents (numbered from ``first``);
    returns their characters."""
    docs = real_documents() or written_documents(2.0)
    database = store.open_db(path)
    database.execute("pragma synchronous = off")
    chars = 0
    for n in range(first, first + count):
        doc = docs[n % len(docs)]
        text = f"{doc['text']}\n文档 {letters(n)}"
        chars += len(text)
        store.store_document(database, {
            "url": f"http://bench.example/{n}", "text": text, "relevant": 1,
            "lang": doc.get("lang"), "published": doc.get("published"),
            "title": doc.get("title"), "publisher": doc.get("publisher")})
    database.close()
    return chars


def tree_rss(root: int, cpu: dict[int, float]) -> tuple[int, int]:
    """(largest RSS, summed RSS) in bytes over ``root`` and all its descendants; records each
    member's CPU seconds so far in ``cpu``."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    ticks: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            parents[int(entry.name)] = int(fields[1])
            rss[int(entry.name)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
            ticks[int(entry.name)] = int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            continue
    members, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        for child, parent in parents.items():
            if parent == pid and child not in members:
                members.add(child)
                frontier.append(child)
    for pid in members:
        cpu[pid] = max(cpu.get(pid, 0.0), ticks.get(pid, 0) / os.sysconf("SC_CLK_TCK"))
    sizes = [rss.get(p, 0) for p in members]
    return max(sizes, default=0), sum(sizes)


_REFRESHED = re.compile(r"publication refreshed: .*seconds=([\d.]+)")


def refresh_seconds(log: str) -> float | None:
    """Seconds the publication refresh logged in ``log`` took (None: not logged)."""
    found = _REFRESHED.findall(log)
    return float(found[-1]) if found else None


def extract(path: Path, jobs: str) -> dict:
    """Run ``reliefwatch extract`` on ``path``; wall time and peak memory."""
    args = [EXE, "-v", "extract", "--quiet", "--db", str(path)]
    if jobs != "all":
        args += ["--jobs", jobs]
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak_one = peak_sum = 0
    cpu: dict[int, float] = {}
    while proc.poll() is None:
        one, total = tree_rss(proc.pid, cpu)
        peak_one, peak_sum = max(peak_one, one), max(peak_sum, total)
        time.sleep(0.25)
    seconds = time.perf_counter() - start
    out, err = proc.communicate()
    if proc.returncode != 0:
        raise SystemExit(f"extract failed ({proc.returncode}): {err[-2000:]}")
    with sqlite3.connect(path) as conn:
        facts = conn.execute("select count(*) from facts").fetchone()[0]
    return {"seconds": seconds, "peak_one": peak_one, "peak_sum": peak_sum, "facts": facts,
            "cpu": sum(cpu.values()), "refresh": refresh_seconds(err)}


def add_and_extract(path: Path, first: int, count: int) -> None:
    """Store ``count`` new documents in an extracted database and extract them."""
    build(path, count, first)
    r = extract(path, "1")
    print(f"then {count} new documents: extract {r['seconds']:.2f} s, of which the "
          f"publication refresh {r['refresh']} s", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=20_000)
    parser.add_argument("--jobs", default="1,all", help="settings to compare, e.g. 1,2,all")
    parser.add_argument("--add", type=int, default=10,
                        help="documents added to the last database and extracted (0: none)")
    args = parser.parse_args()
    cores = len(os.sched_getaffinity(0))
    with tempfile.TemporaryDirectory(prefix="rw-bench-") as tmp:
        base = Path(tmp) / "base.db"
        started = time.perf_counter()
        chars = build(base, args.documents)
        print(f"{args.documents:,} documents, {chars:,} characters "
              f"({chars / args.documents:,.0f} per document), built in "
              f"{time.perf_counter() - started:.0f} s; {cores} cores; load average "
              f"{os.getloadavg()[0]:.2f} before the runs")
        first = first_idle = None
        for jobs in args.jobs.split(","):
            copy = Path(tmp) / f"jobs-{jobs}.db"
            shutil.copy(base, copy)
            r = extract(copy, jobs)
            rate = args.documents / r["seconds"]
            first = first or rate
            print(f"--jobs {jobs:>3}: {r['seconds']:7.1f} s  {rate:7.1f} documents/s  "
                  f"{chars / r['seconds']:10,.0f} characters/s  peak memory "
                  f"{r['peak_one'] / 2**20:5.0f} MB (one process), "
                  f"{r['peak_sum'] / 2**20:5.0f} MB (all)  {r['facts']:,} facts  "
                  f"CPU {r['cpu']:6.1f} s  "
                  f"1,000,000 documents: {1e6 / rate / 3600:4.2f} h  "
                  f"speed-up {rate / first:.2f}x", flush=True)
            print(f"           of which the publication refresh: {r['refresh']} s")
            # What the run would take on idle cores: its CPU time spread over the cores it
            # could use. On a shared machine the wall time above also holds others' work.
            workers = min(cores, cores if jobs == "all" else int(jobs))
            idle_rate = args.documents / (r["cpu"] / workers)
            first_idle = first_idle or idle_rate
            print(f"           used {r['cpu'] / r['seconds']:.2f} cores on average; on "
                  f"{workers} idle core(s): {idle_rate:7.1f} documents/s, 1,000,000 "
                  f"documents: {1e6 / idle_rate / 3600:4.2f} h, speed-up "
                  f"{idle_rate / first_idle:.2f}x (estimate from CPU time)", flush=True)
            if args.add and jobs == args.jobs.split(",")[-1]:
                add_and_extract(copy, args.documents, args.add)
            copy.unlink()


if __name__ == "__main__":
    main()
