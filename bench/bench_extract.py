"""Extraction throughput against plain jieba segmentation of the same text (run by hand).

    .venv/bin/python bench/bench_extract.py [--mb 5]

Builds >= 5 MB of mixed Chinese/English documents from the fixture sentences plus filler
paragraphs of ordinary news text, then times ``jieba.lcut`` over all of it and
``nlp.extract_facts`` over each document, and prints the ratio (target: <= 1.5).
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

import jieba

import nlp

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "nlp" / "fixtures"
FILLER_ZH = [
    "会议强调，要坚持问题导向，压实各方责任，推动各项政策措施落地见效。",
    "与会人员围绕乡村振兴、基层治理和民生保障等议题进行了深入交流。",
    "下一步，当地将持续优化营商环境，健全工作机制，提升服务群众的能力和水平。",
    "村里的道路变宽了，路灯亮起来了，群众的获得感和幸福感不断增强。",
]
FILLER_EN = [
    "Officials at the meeting called for closer coordination between departments.",
    "Villagers said the new roads had made it much easier to sell their produce in town.",
    "The county will keep improving public services and the local business environment.",
    "Experts noted that rural revitalization depends on steady work over many years.",
]


def build_corpus(megabytes: float, seed: int = 7) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    cases = [json.loads(line) for path in sorted(FIXTURES.glob("facts_*.jsonl"))
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs: list[tuple[str, str]] = []
    size = 0
    while size < megabytes * 1_000_000:
        paragraphs = []
        for _ in range(rng.randint(4, 10)):
            filler = FILLER_ZH if rng.random() < 0.5 else FILLER_EN
            paragraphs.append("".join(rng.choice(filler) for _ in range(rng.randint(3, 8))))
        for _ in range(rng.randint(1, 3)):
            paragraphs.insert(rng.randrange(len(paragraphs) + 1), rng.choice(cases)["text"])
        text = "\n".join(paragraphs)
        docs.append((text, "2024-06-01"))
        size += len(text.encode("utf-8"))
    return docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=float, default=5.0)
    args = parser.parse_args()
    docs = build_corpus(args.mb)
    chars = sum(len(t) for t, _ in docs)
    megabytes = sum(len(t.encode("utf-8")) for t, _ in docs) / 1e6
    jieba.initialize()
    nlp.extract_facts(docs[0][0], published="2024-06-01")  # load rules and gazetteer

    start = time.perf_counter()
    for text, _ in docs:
        jieba.lcut(text)
    segment_s = time.perf_counter() - start

    start = time.perf_counter()
    facts = sum(len(nlp.extract_facts(text, published=pub)) for text, pub in docs)
    extract_s = time.perf_counter() - start

    print(f"corpus: {len(docs)} docs, {chars:,} chars, {megabytes:.1f} MB, {facts:,} facts")
    print(f"jieba.lcut:    {segment_s:7.2f} s  {len(docs) / segment_s:8.1f} docs/s  "
          f"{chars / segment_s:12,.0f} chars/s")
    print(f"extract_facts: {extract_s:7.2f} s  {len(docs) / extract_s:8.1f} docs/s  "
          f"{chars / extract_s:12,.0f} chars/s")
    print(f"ratio extract/segment: {extract_s / segment_s:.2f} (target <= 1.5)")


if __name__ == "__main__":
    main()
