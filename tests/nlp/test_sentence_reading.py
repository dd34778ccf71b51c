"""Reading one sentence (quantities, places, metrics, periods, facts) and helpers around it."""

from __future__ import annotations

from nlp import detect_lang, extract_facts, format_facts_table
from nlp.document.sentence import read_sentence
from nlp.document.state import SentenceContext
from nlp.periods.dates import RefDate
from nlp.words import words


def test_the_private_tokenizer_knows_the_domain_dictionary() -> None:
    assert words("以工代赈发放劳务报酬") == ("以工代赈", "发放", "劳务报酬")


def test_the_private_tokenizer_leaves_jiebas_global_one_alone() -> None:
    import subprocess
    import sys

    code = ("import jieba; from nlp.words import words; words('以工代赈发放劳务报酬'); "
            "print(jieba.dt.FREQ.get('劳务报酬'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "None"  # jieba's own dictionary never learnt the domain's words


def test_a_sentence_reading_carries_quantities_candidates_places_periods_and_facts() -> None:
    text = "Last year, Hechi paid 12 million yuan in wages to 3,000 villagers."
    ctx = SentenceContext(lang="en", offset=100, ref=RefDate(2024, 4))
    reading = read_sentence(text, ctx)
    assert [text[q.start:q.noun_end or q.end] for q in reading.quantities] == [
        "12 million yuan", "3,000 villagers"]
    assert [c.metric for c in reading.candidates] == ["labor_remuneration_yuan",
                                                      "people_employed"]
    assert [r.text for r in reading.place_refs] == ["Hechi"]
    assert [m.period.label for m in reading.periods] == ["2023"]
    facts = [f.fact for f in reading.facts]
    assert [(f.start, f.place_code, f.year) for f in facts][0] == (122, "451200", "2023")


def test_a_sentence_links_its_places_itself_without_document_context() -> None:
    reading = read_sentence("花垣县实施以工代赈项目12个。", SentenceContext(lang="zh"))
    assert reading.facts[0].fact.place_name_en == "Huayuan County"


def test_a_running_total_takes_the_publication_year_and_keeps_its_section() -> None:
    ctx = SentenceContext(lang="zh", ref=RefDate(2024), section=2)
    reading = read_sentence("全县累计发放贷款2.3亿元。", ctx)
    assert [(f.fact.value, f.section, f.fact.year, f.fact.period_source)
            for f in reading.facts] == [(2.3e8, 2, "2024", "publication date")]


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


def test_an_opening_sentence_read_by_the_frame_is_not_read_again(monkeypatch) -> None:
    import nlp.document.reads as reads

    calls: list[str] = []
    find = reads.find_quantities

    def counting(text: str, lang: str | None = None):  # type: ignore[no-untyped-def]
        calls.append(text)
        return find(text, lang)

    monkeypatch.setattr(reads, "find_quantities", counting)
    text = "2023年以来，花垣县持续推进以工代赈。\n全县实施以工代赈项目12个，带动群众务工1500人。"
    facts = extract_facts(text, lang="zh", published="2023-12-20")
    assert [f.value for f in facts] == [12.0, 1500.0]
    assert len(calls) == len(set(calls))  # each sentence's quantities were found once


def test_a_taken_reading_is_the_one_kept_and_is_then_gone() -> None:
    from nlp.document.reads import SentenceReads
    from nlp.periods.grammar import find_periods
    from nlp.quantities import find_quantities

    memo = SentenceReads()
    text, ref = "2023年实施项目12个。", RefDate(2023, 12)
    kept = memo.quantities(text, "zh")
    periods = memo.periods(text, ref, "zh")
    assert memo.take_quantities(text, "zh") is kept
    assert memo.take_periods(text, ref, "zh") is periods
    again = memo.take_quantities(text, "zh")  # found anew: nothing is kept twice
    assert again is not kept and again == find_quantities(text, "zh")
    assert memo.take_periods(text, ref, "zh") == find_periods(text, ref, "zh")
