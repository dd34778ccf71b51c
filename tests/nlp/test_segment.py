"""Sentence, clause and section splitting."""

from __future__ import annotations

from nlp.document.sections import clause_bounds, split_document, split_sentences


def _texts(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def test_english_sentences_keep_abbreviations_and_decimals() -> None:
    text = "Dr. Li visited No. 5 village. It got 1.5 million yuan. Was it enough? Yes."
    assert _texts(text) == ["Dr. Li visited No. 5 village.", "It got 1.5 million yuan.",
                            "Was it enough?", "Yes."]


def test_chinese_sentences_end_at_full_stops_and_semicolons() -> None:
    text = "全县实施项目20个；带动就业3000人。“成效明显！”他说。"
    assert _texts(text) == ["全县实施项目20个；", "带动就业3000人。", "“成效明显！”", "他说。"]


def test_offsets_are_kept() -> None:
    text = "  First one. Second one.  "
    for start, end in split_sentences(text, offset=10):
        assert text[start - 10:end - 10] in ("First one.", "Second one.")


def test_clauses_skip_commas_inside_numbers_and_protected_spans() -> None:
    text = ("In 2023, the city paid 1,029,000 yuan in Dahua, Huanjiang, and Du'an, "
            "employing 30 people")
    start = text.index("1,029,000")
    protected = [(text.index("Dahua"), text.index(", employing"))]
    lo, hi = clause_bounds(text, start, start + 9, protected)
    assert text[lo:hi] == " the city paid 1,029,000 yuan in Dahua, Huanjiang, and Du'an"


def test_headlines_with_datelines_start_sections() -> None:
    text = ("第一篇标题：以工代赈见成效\n2025-08-21 04:33\nCore - The county did well [1]\n"
            "Second headline about jobs\nUpdated: 2025-07-23\nThe province did well.")
    sections, sentences = split_document(text)
    assert len(sections) == 2
    assert [s.date.month for s in sections] == [8, 7]
    assert [s.text for s in sentences if s.headline] == ["第一篇标题：以工代赈见成效",
                                                         "Second headline about jobs"]
    assert all(not s.text.startswith(("2025", "Updated")) for s in sentences)


def test_bullets_are_paragraphs_and_boilerplate_is_left_out() -> None:
    text = "Group 1: Reserve - The county reserved projects [2] - Training was held [2]\n" \
           "Copyright © 2024 Example. All rights reserved."
    _, sentences = split_document(text)
    assert [s.text for s in sentences] == ["Group 1: Reserve", "The county reserved projects [2]",
                                           "Training was held [2]"]
    assert len({s.paragraph for s in sentences}) == 3
