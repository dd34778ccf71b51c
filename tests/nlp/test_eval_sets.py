"""Accuracy gates, scored by ``../shared/eval/score_facts.py``.

Facts are extracted exactly as ``reliefwatch extract --input`` does (``facts_for_record``).

- The real development set (``../shared/gold/dev``, 60 real articles) and the seeds carry the
  targets of issue 7, per language: they are the sets the rules are tuned on.
- ``heldout`` and ``blind``..``blind4`` were written by our own annotators under an older,
  narrower period and place convention (a figure with no time word in its own sentence got
  ``null``). Their place and year annotations are retired rather than re-annotated; they stay
  as regression fixtures for what does not depend on that convention: finding each figure with
  its value and unit (quantity F1).

Score checks skip where ``../shared`` (the scorer) is absent; the gold-file checks always run.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from reliefwatch import pipeline

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[1].parent / "shared"
SCORER = SHARED / "eval" / "score_facts.py"


@dataclass(frozen=True)
class EvalSet:
    name: str
    corpus: Path
    gold: Path
    quantity_f1: float
    strict_f1: float | None = None  # None: a quantity-only regression fixture
    languages: tuple[str, ...] = field(default=("all",))


SETS = [
    # issue 7's targets, in each language
    EvalSet("dev", SHARED / "corpus" / "dev.jsonl", SHARED / "gold" / "dev", 0.97, 0.85,
            ("all", "zh", "en")),
    # The seeds' gold gives 15 undated present-tense or running figures (Hechi "has developed
    # 13,200 posts") a null year, where the shared convention that the real development set
    # follows gives the publication year; their strict floor sits under that conflict
    # (README, "How accurate is it?").
    EvalSet("seeds", SHARED / "corpus" / "seeds.jsonl", SHARED / "gold" / "seeds", 0.97, 0.65),
    EvalSet("heldout", HERE / "heldout" / "corpus.jsonl", HERE / "heldout" / "gold", 0.97),
    EvalSet("blind", HERE / "blind" / "corpus.jsonl", HERE / "blind" / "gold", 0.96),
    EvalSet("blind2", HERE / "blind2" / "corpus.jsonl", HERE / "blind2" / "gold", 0.94),
    EvalSet("blind3", HERE / "blind3" / "corpus.jsonl", HERE / "blind3" / "gold", 0.96),
    EvalSet("blind4", HERE / "blind4" / "corpus.jsonl", HERE / "blind4" / "gold", 0.94),
]
LOCAL_SETS = [s for s in SETS if s.name not in ("seeds", "dev")]


def documents(corpus: Path) -> list[dict]:
    lines = corpus.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def score(eval_set: EvalSet, workdir: Path) -> dict:
    """The scorer's JSON report for the current extractor on ``eval_set``."""
    pred = workdir / f"{eval_set.name}.jsonl"
    with pred.open("w", encoding="utf-8") as out:
        for doc in documents(eval_set.corpus):
            for row in pipeline.facts_for_record(doc):
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
    result = subprocess.run(
        [sys.executable, str(SCORER), "--gold", str(eval_set.gold), "--pred", str(pred), "--json"],
        capture_output=True, text=True, check=True, timeout=300,
    )
    report = json.loads(result.stdout)
    for key, row in report.items():
        print(f"{eval_set.name} {key}: quantity_f1={row['quantity_f1']} "
              f"strict_f1={row['strict_f1']} metric={row['metric_acc']} "
              f"place={row['place_acc']} year={row['year_acc']}")
    return report


@pytest.mark.shared
@pytest.mark.skipif(not SCORER.exists(), reason="../shared is not present")
@pytest.mark.parametrize("eval_set", SETS, ids=lambda s: s.name)
def test_scores_stay_at_or_above_their_floor(eval_set: EvalSet, tmp_path: Path) -> None:
    report = score(eval_set, tmp_path)
    for language in eval_set.languages:
        row = report[language]
        assert row["quantity_f1"] >= eval_set.quantity_f1, (language, row)
        if eval_set.strict_f1 is not None:
            assert row["strict_f1"] >= eval_set.strict_f1, (language, row)


@pytest.mark.parametrize("eval_set", LOCAL_SETS, ids=lambda s: s.name)
def test_every_gold_file_matches_a_document_and_its_spans(eval_set: EvalSet) -> None:
    docs = {doc["id"]: doc for doc in documents(eval_set.corpus)}
    golds = sorted(eval_set.gold.glob("*.json"))
    assert {g.stem for g in golds} == set(docs)
    for path in golds:
        gold = json.loads(path.read_text(encoding="utf-8"))
        assert gold["lang"] == docs[gold["id"]]["lang"], gold["id"]
        for fact in gold["facts"]:
            assert fact["span"] in docs[gold["id"]]["text"], (gold["id"], fact["span"])


@pytest.mark.parametrize("eval_set", SETS, ids=lambda s: s.name)
def test_every_extracted_span_is_where_its_offsets_say(eval_set: EvalSet) -> None:
    if not eval_set.corpus.exists():
        pytest.skip("../shared is not present")
    for doc in documents(eval_set.corpus):
        for row in pipeline.facts_for_record(doc):
            if row["origin"] == "text":
                assert doc["text"][row["start"]:row["end"]] == row["span"], (doc["id"], row)
