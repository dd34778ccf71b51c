"""Extraction time per character as documents grow from 1 KB to 5 MB (run by hand).

    .venv/bin/python bench/bench_scaling.py [--sizes 1e3,1e4,1e5,1e6,5e6]

The real reporting of ``../shared/corpus`` (else the written bench corpus) is joined into one
stream, and each size cuts that same stream into documents of the given number of characters;
small sizes are timed over several documents so that each measurement covers at least 200,000
characters. Every size thus reads the same mix of headlines, leads and body text (documents
cut from article starts hold more figures per character than whole articles), and the smallest
size is read once before timing so that no size pays for warming caches. Linear extraction
shows a constant time per character; the last column is the ratio to the smallest size.
"""

from __future__ import annotations

import argparse
import time

from bench_extract import real_documents, written_documents

import nlp

MIN_MEASURED = 200_000


def texts_of_size(pool: list[str], size: int, count: int) -> list[str]:
    """``count`` consecutive texts of ``size`` characters cut from the joined ``pool``."""
    stream = "\n".join(pool)
    stream *= size * count // len(stream) + 1
    return [stream[k * size:(k + 1) * size] for k in range(count)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1e3,1e4,1e5,1e6,5e6",
                        help="document sizes in characters, comma-separated")
    args = parser.parse_args()
    docs = real_documents() or written_documents(1.0)
    pool = [d["text"] for d in docs]
    sizes = [int(float(s)) for s in args.sizes.split(",")]
    for text in texts_of_size(pool, sizes[0], max(1, MIN_MEASURED // sizes[0])):
        nlp.extract_facts(text, published="2024-06-01")  # load and warm everything first
    print(f"text: {'real reporting' if real_documents() else 'written corpus'}")
    print(f"{'size (chars)':>14} {'documents':>9} {'seconds':>9} {'facts':>8} "
          f"{'us/char':>9} {'vs smallest':>11}")
    first = None
    for size in sizes:
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
