"""Extraction time per character as documents grow from 1 KB to 5 MB (run by hand).

    .venv/bin/python bench/bench_scaling.py [--sizes 1e3,1e4,1e5,1e6,5e6]

Each document is real reporting (``../shared/corpus``, else the written bench corpus) joined
into one text of the given number of characters; small sizes are timed over several distinct
documents so that each measurement covers at least 200,000 characters. Linear extraction shows
a constant time per character; the last column is the ratio to the smallest size.
"""

from __future__ import annotations

import argparse
import time

from bench_extract import real_documents, written_documents

import nlp

MIN_MEASURED = 200_000


def texts_of_size(pool: list[str], size: int, count: int) -> list[str]:
    """``count`` texts of ``size`` characters, each joined from ``pool`` from its own offset."""
    texts = []
    for k in range(count):
        parts, total, i = [], 0, k * 7
        while total < size:
            parts.append(pool[i % len(pool)])
            total += len(parts[-1]) + 1
            i += 1
        texts.append("\n".join(parts)[:size])
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1e3,1e4,1e5,1e6,5e6",
                        help="document sizes in characters, comma-separated")
    args = parser.parse_args()
    docs = real_documents() or written_documents(1.0)
    pool = [d["text"] for d in docs]
    nlp.extract_facts(pool[0], published="2024-06-01")  # load everything first
    print(f"text: {'real reporting' if real_documents() else 'written corpus'}")
    print(f"{'size (chars)':>14} {'documents':>9} {'seconds':>9} {'facts':>8} "
          f"{'us/char':>9} {'vs smallest':>11}")
    first = None
    for size in (int(float(s)) for s in args.sizes.split(",")):
        texts = texts_of_size(pool, size, max(1, MIN_MEASURED // size))
        start = time.perf_counter()
        facts = sum(len(nlp.extract_facts(t, published="2024-06-01")) for t in texts)
        seconds = time.perf_counter() - start
        per_char = seconds / sum(len(t) for t in texts) * 1e6
        first = first or per_char
        print(f"{size:>14,} {len(texts):>9} {seconds:>9.2f} {facts:>8,} {per_char:>9.2f} "
              f"{per_char / first:>10.2f}x", flush=True)


if __name__ == "__main__":
    main()
