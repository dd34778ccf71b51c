"""The ``reliefwatch_facts`` spaCy component: facts as Doc spans, in blank pipelines."""

from __future__ import annotations

import subprocess
import sys

import pytest
import spacy

import nlp.spacy_factory  # noqa: F401 - registers the factory in this process
from nlp import extract_facts

ZH = "花垣县2023年实施以工代赈项目12个，带动群众就业3000人。"
EN = "Last year, Hechi paid 12 million yuan in wages to 3,000 villagers."


@pytest.mark.parametrize(("lang", "text"), [("zh", ZH), ("en", EN)])
def test_factory_sets_fact_spans_labelled_with_their_metric(lang: str, text: str) -> None:
    pipeline = spacy.blank(lang)
    pipeline.add_pipe("reliefwatch_facts")
    doc = pipeline(text)
    expected = extract_facts(text, lang)
    assert doc._.facts == expected
    assert [(s.start_char, s.end_char, s.label_) for s in doc.spans["facts"]] == [
        (f.start, f.end, f.metric) for f in expected]


def test_factory_reads_the_publication_date_from_the_doc() -> None:
    pipeline = spacy.blank("en")
    pipeline.add_pipe("reliefwatch_facts", config={"spans_key": "rw"})
    doc = pipeline.make_doc(EN)
    doc._.published = "2024-04-11"
    doc = pipeline(doc)
    assert [s.label_ for s in doc.spans["rw"]] == ["labor_remuneration_yuan", "people_employed"]
    assert {f.year for f in doc._.facts} == {"2023"}
    assert doc._.facts[0].place_name_en == "Hechi City"


def test_factory_is_found_through_its_entry_point() -> None:
    """A fresh interpreter that never imports nlp finds the factory by name."""
    code = ("import spacy; p = spacy.blank('zh'); p.add_pipe('reliefwatch_facts'); "
            f"doc = p({ZH!r}); print([s.label_ for s in doc.spans['facts']])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=120)
    assert out.stdout.strip() == "['projects', 'people_employed']"
