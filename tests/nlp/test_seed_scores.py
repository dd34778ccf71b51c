"""Accuracy gate on the five seed articles of ../shared (skipped where it is absent)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from nlp import extract_facts

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
QUANTITY_F1_TARGET = 0.97
STRICT_F1_TARGET = 0.85

pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(not (SHARED / "corpus" / "seeds.jsonl").exists(),
                       reason="../shared is not present"),
]


def _write_predictions(path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for line in (SHARED / "corpus" / "seeds.jsonl").read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            doc = json.loads(line)
            facts = extract_facts(doc["text"], doc.get("lang"), doc.get("published"),
                                  doc.get("title"))
            for fact in facts:
                row = {"doc_id": doc["id"], **fact.to_dict(),
                       "place_aliases": [fact.place_name_zh, fact.place_name_en]}
                out.write(json.dumps(row, ensure_ascii=False) + "\n")


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory) -> dict:
    pred = tmp_path_factory.mktemp("seeds") / "facts.jsonl"
    _write_predictions(pred)
    result = subprocess.run(
        [sys.executable, str(SHARED / "eval" / "score_facts.py"), "--gold",
         str(SHARED / "gold" / "seeds"), "--pred", str(pred), "--json"],
        capture_output=True, text=True, check=True, timeout=120,
    )
    return json.loads(result.stdout)["all"]


def test_seed_quantity_f1_reaches_target(scores: dict) -> None:
    assert scores["quantity_f1"] >= QUANTITY_F1_TARGET, scores


def test_seed_strict_f1_reaches_target(scores: dict) -> None:
    assert scores["strict_f1"] >= STRICT_F1_TARGET, scores


def test_every_seed_fact_span_is_in_its_text() -> None:
    for line in (SHARED / "corpus" / "seeds.jsonl").read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        for fact in extract_facts(doc["text"], doc.get("lang"), doc.get("published")):
            assert doc["text"][fact.start:fact.end] == fact.span
