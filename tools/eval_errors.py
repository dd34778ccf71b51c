"""List what the extractor gets wrong on a gold set, fact by fact (a developer's tool).

    python tools/eval_errors.py ../shared/corpus/dev.jsonl ../shared/gold/dev [--only place]

Extracts facts as ``reliefwatch extract --input`` does, pairs them with the gold facts the
way ``../shared/eval/score_facts.py`` does (it is imported from there), and prints each
matched pair whose metric, place or year is wrong, then the missed and extra facts.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
from collections import Counter
from pathlib import Path

from reliefwatch import pipeline

SCORER = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score_facts.py"


def load_scorer():
    spec = importlib.util.spec_from_file_location("score_facts", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("corpus")
    ap.add_argument("gold")
    ap.add_argument("--only", choices=["metric", "place", "year", "miss", "extra"])
    ap.add_argument("--doc", help="one document id")
    ap.add_argument("--lang")
    a = ap.parse_args()
    sf = load_scorer()
    docs = [json.loads(x) for x in Path(a.corpus).read_text(encoding="utf-8").splitlines() if x]
    counts: Counter = Counter()
    for doc in docs:
        if (a.doc and doc["id"] != a.doc) or (a.lang and doc.get("lang") != a.lang):
            continue
        gold_file = Path(a.gold) / f"{doc['id']}.json"
        if not gold_file.exists():
            continue
        gold = json.loads(gold_file.read_text(encoding="utf-8"))["facts"]
        pred = list(pipeline.facts_for_record(doc))
        pairs = sf.match_doc(gold, pred)
        for g, p in pairs:
            wrong = []
            if not sf.metric_ok(g, p):
                wrong.append(f"metric {p.get('metric')} (gold {g.get('metric')})")
            if not sf.place_ok(g.get("place"), p):
                wrong.append(f"place {p.get('place')} (gold {g.get('place')})")
            if sf.end_year(g.get("year")) != sf.end_year(p.get("year")):
                wrong.append(f"year {p.get('year')} (gold {g.get('year')})")
            for w in wrong:
                counts[w.split()[0]] += 1
            shown = [w for w in wrong if not a.only or w.startswith(a.only)]
            if shown:
                print(f"{doc['id']} {g.get('span')!r}: " + "; ".join(shown)
                      + f"  why={p.get('why', '')}")
        matched_g = {id(g) for g, _ in pairs}
        matched_p = {id(p) for _, p in pairs}
        for g in gold:
            if id(g) not in matched_g:
                counts["miss"] += 1
                if a.only in (None, "miss"):
                    print(f"{doc['id']} MISS {g.get('span')!r} {g.get('value')} {g.get('unit')} "
                          f"{g.get('metric')}")
        for p in pred:
            if id(p) not in matched_p:
                counts["extra"] += 1
                if a.only in (None, "extra"):
                    print(f"{doc['id']} EXTRA {p.get('span')!r} {p.get('value')} {p.get('unit')} "
                          f"{p.get('metric')} | {p.get('sentence', '')[:80]}")
    print(dict(counts))


if __name__ == "__main__":
    main()
