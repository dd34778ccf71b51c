"""Extraction throughput against baselines measured in the same run (run by hand).

    .venv/bin/python bench/bench_extract.py                 # real text, when ../shared exists
    .venv/bin/python bench/bench_extract.py --written --mb 5  # the project's written corpus

Real-text mode reads ``../shared/corpus/dev.jsonl`` and ``seeds.jsonl`` (real articles, never
copied into the project) and repeats them to at least ``--chars`` characters (default 3 M).
Written mode builds documents from the fixture sentences plus filler paragraphs.

Each mode times, over the same texts: ``jieba.lcut``, jionlp's money extractor (only when
``jionlp`` is installed in the bench environment; it is no project dependency) and
``nlp.extract_facts``, and prints the ratios (targets: <= 1.5x jieba, <= 2x jionlp money).
The machine may be shared: run it twice and distrust a single figure.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections.abc import Callable
from pathlib import Path

import jieba

import nlp

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "corpus"
FIXTURES = REPO / "tests" / "nlp" / "fixtures"
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

Doc = dict  # {"text", "lang"?, "published"?, "title"?}


def real_documents() -> list[Doc]:
    """The real articles of ../shared (development set and seeds); empty where absent."""
    docs = []
    for name in ("dev.jsonl", "seeds.jsonl"):
        path = SHARED / name
        if path.exists():
            docs += [json.loads(line) for line in path.read_text("utf-8").splitlines()
                     if line.strip()]
    return [d for d in docs if d.get("text")]


def repeat_to(docs: list[Doc], chars: int) -> list[Doc]:
    """``docs`` repeated (whole) until they hold at least ``chars`` characters."""
    out: list[Doc] = []
    total = 0
    while total < chars:
        for doc in docs:
            out.append(doc)
            total += len(doc["text"])
    return out


def written_documents(megabytes: float, seed: int = 7) -> list[Doc]:
    """Fixture sentences among filler paragraphs of ordinary news text."""
    rng = random.Random(seed)
    cases = [json.loads(line) for path in sorted(FIXTURES.glob("facts_*.jsonl"))
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs: list[Doc] = []
    size = 0
    while size < megabytes * 1_000_000:
        paragraphs = []
        for _ in range(rng.randint(4, 10)):
            filler = FILLER_ZH if rng.random() < 0.5 else FILLER_EN
            paragraphs.append("".join(rng.choice(filler) for _ in range(rng.randint(3, 8))))
        for _ in range(rng.randint(1, 3)):
            paragraphs.insert(rng.randrange(len(paragraphs) + 1), rng.choice(cases)["text"])
        text = "\n".join(paragraphs)
        docs.append({"text": text, "published": "2024-06-01"})
        size += len(text.encode("utf-8"))
    return docs


def extract(doc: Doc) -> int:
    return len(nlp.extract_facts(doc["text"], lang=doc.get("lang"),
                                 published=doc.get("published"), title=doc.get("title")))


def baselines() -> dict[str, Callable[[Doc], object]]:
    """Name -> function of one document, for every baseline installed here."""
    found: dict[str, Callable[[Doc], object]] = {"jieba.lcut": lambda d: jieba.lcut(d["text"])}
    try:
        import jionlp
    except ImportError:
        print("jionlp is not installed in this environment: its baseline is skipped "
              "(pip install jionlp, in a bench venv only)")
    else:
        found["jionlp extract_money"] = lambda d: jionlp.ner.extract_money(d["text"])
    return found


def timed(function: Callable[[Doc], object], docs: list[Doc]) -> float:
    start = time.perf_counter()
    for doc in docs:
        function(doc)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--written", action="store_true", help="the written corpus, not real text")
    parser.add_argument("--mb", type=float, default=5.0, help="written corpus size")
    parser.add_argument("--chars", type=int, default=3_000_000, help="real text size")
    args = parser.parse_args()
    real = [] if args.written else real_documents()
    if not args.written and not real:
        print(f"{SHARED} is absent: using the written corpus")
    docs = repeat_to(real, args.chars) if real else written_documents(args.mb)
    chars = sum(len(d["text"]) for d in docs)
    others = baselines()
    jieba.initialize()
    for function in [extract, *others.values()]:  # load dictionaries, pipelines, gazetteer
        function(docs[0])

    extract_s = timed(extract, docs)
    facts = sum(extract(d) for d in docs[: len(set(id(d) for d in docs))])
    print(f"corpus: {'real text' if real else 'written'}, {len(docs):,} documents, "
          f"{chars:,} characters ({chars / len(docs):,.0f} per document)")
    print(f"{'extract_facts':22} {extract_s:8.2f} s {len(docs) / extract_s:9.1f} docs/s "
          f"{chars / extract_s:12,.0f} chars/s   ({facts:,} facts in the distinct documents)")
    for name, function in others.items():
        seconds = timed(function, docs)
        print(f"{name:22} {seconds:8.2f} s {len(docs) / seconds:9.1f} docs/s "
              f"{chars / seconds:12,.0f} chars/s   extract/this: {extract_s / seconds:.2f}x")
    print("targets: extract <= 1.5x jieba.lcut, <= 2x jionlp money (issue 10)")


if __name__ == "__main__":
    main()
