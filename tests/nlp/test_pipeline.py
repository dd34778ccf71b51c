"""The spaCy pipelines, their components and helpers around them."""

from __future__ import annotations

import pytest
from spacy.language import Language

from nlp import detect_lang, extract_facts, format_facts_table
from nlp.context import SentenceContext
from nlp.periods.dates import RefDate
from nlp.pipeline import COMPONENTS, get_pipeline, run_sentence


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_pipelines_are_cached_and_declare_their_contracts(lang: str) -> None:
    nlp = get_pipeline(lang)
    assert nlp is get_pipeline(lang)
    assert tuple(nlp.pipe_names) == COMPONENTS
    meta = Language.get_factory_meta("rw_fact_builder")
    assert "doc._.facts" in meta.assigns and "doc._.candidates" in meta.requires


def test_chinese_pipeline_uses_jieba_with_the_domain_dictionary() -> None:
    doc = get_pipeline("zh").make_doc("以工代赈发放劳务报酬")
    assert [t.text for t in doc] == ["以工代赈", "发放", "劳务报酬"]


def test_a_doc_carries_quantities_candidates_places_periods_and_facts() -> None:
    ctx = SentenceContext(lang="en", offset=100, ref=RefDate(2024, 4))
    doc = run_sentence("Last year, Hechi paid 12 million yuan in wages to 3,000 villagers.", ctx)
    assert [s.text for s in doc.spans["quantities"]] == ["12 million yuan", "3,000 villagers"]
    assert [c.metric for c in doc._.candidates] == ["labor_remuneration_yuan", "people_employed"]
    assert [r.text for r in doc._.place_refs] == ["Hechi"]
    assert [m.period.label for m in doc._.periods] == ["2023"]
    assert [(f.start, f.place_code, f.year) for f in doc._.facts][0] == (122, "451200", "2023")


def test_component_links_places_itself_without_document_context() -> None:
    doc = get_pipeline("zh")("花垣县实施以工代赈项目12个。")
    assert doc._.facts[0].place_name_en == "Huayuan County"


def test_detect_lang() -> None:
    assert detect_lang("全县实施以工代赈项目20个，带动群众就业3000人。") == "zh"
    english = "The county launched 20 work-relief projects this year for villagers."
    assert detect_lang(english) == "en"
    mixed = ("湖南推广以工代赈成效显著带动群众就近就业增收\n"
             "Hunan Province has achieved significant progress in the work relief initiative.")
    assert detect_lang(mixed) == "mixed"


def test_published_falls_back_to_a_dateline_in_the_header() -> None:
    text = "Report\nUpdated: 2022-08-12\n\nLast year, the county employed 300 people."
    assert extract_facts(text)[0].year == "2021"
    assert extract_facts(text, published="2020-01-01")[0].year == "2019"


def test_format_facts_table_aligns_wide_characters() -> None:
    facts = extract_facts("湖南省今年发放劳务报酬24.36亿元。Hunan trained 166,400 people.",
                          published="2025-07-01")
    table = format_facts_table(facts)
    lines = table.splitlines()
    assert lines[0].split() == ["span", "metric", "value", "unit", "approx", "place", "year"]
    assert "24.36亿元" in table and "2,436,000,000" in table and "Hunan Province" in table
    assert len(lines) == 2 + len(facts)
