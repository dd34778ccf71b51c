"""Period expressions in both languages, resolved against a publication date."""

from __future__ import annotations

import pytest

from nlp.periods.dates import RefDate, dateline_date, parse_published
from nlp.periods.grammar import expand, find_periods, load_grammar

REF = RefDate(2024, 9)


def _labels(text: str, lang: str, ref: RefDate | None = REF) -> list[tuple[str | None, str]]:
    return [(m.period.label if m.period else None, m.role) for m in find_periods(text, ref, lang)]


@pytest.mark.parametrize(("text", "lang", "label"), [
    ("From October 2021 to July 2022, income rose", "en", "2021-10/2022-07"),
    ("during the 14th Five-Year Plan period", "en", "2021-2025"),
    ("in the 2021-25 period", "en", "2021-2025"),
    ("As of the end of August, the scale", "en", "2024-01/2024-08"),
    ("In the first half of 2022, the city", "en", "2022-H1"),
    ("by mid-2025, ranking", "en", "2025-H1"),
    ("since 2022, through promotion", "en", "2022-2024"),
    ("Since the beginning of this year, workers", "en", "2024"),
    ("Last year, the village", "en", "2023"),
    ("in the first three quarters of 2023", "en", "2023-01/2023-09"),
    ("between 2019 and 2021", "en", "2019-2021"),
    ("2024年1-8月，全省", "zh", "2024-01/2024-08"),
    ("截至8月底，全国", "zh", "2024-01/2024-08"),
    ("“十四五”期间，全市", "zh", "2021-2025"),
    ("2021年至2023年，累计", "zh", "2021-2023"),
    ("今年以来，全县", "zh", "2024"),
    ("2022年以来，全县", "zh", "2022-2024"),
    ("上半年，全省", "zh", "2024-H1"),
    ("去年，该村", "zh", "2023"),
    ("2021年10月至2022年7月", "zh", "2021-10/2022-07"),
    ("今年一季度，全市", "zh", "2024-01/2024-03"),
])
def test_period_is_resolved(text: str, lang: str, label: str) -> None:
    assert _labels(text, lang)[0] == (label, "period")


@pytest.mark.parametrize(("text", "lang"), [
    ("an increase of 237000 compared to the same period in 2023", "en"),
    ("30,000 more than that in 2019", "en"),
    ("比去年同期增长5%", "zh"),
    ("较2019年增加", "zh"),
])
def test_comparison_base_is_not_a_period(text: str, lang: str) -> None:
    assert [role for _, role in _labels(text, lang)] == ["comparison"]


def test_a_month_after_publication_belongs_to_the_year_before() -> None:
    assert _labels("截至11月底", "zh", RefDate(2024, 3))[0][0] == "2023-01/2023-11"


def test_relative_years_need_a_reference_date() -> None:
    assert _labels("Last year, the county", "en", None) == [(None, "period")]
    assert _labels("In 2023, the county", "en", None) == [("2023", "period")]


def test_targets_and_to_date_are_marked() -> None:
    assert _labels("exceeding the annual target of 2.761 million", "en") == [(None, "target")]
    assert _labels("To date, the city", "en") == [("2024", "to_date")]


def test_words_that_look_like_months_are_not_periods() -> None:
    assert _labels("the county may add more projects", "en") == []
    assert _labels("issued a circular in June", "en") == []


@pytest.mark.parametrize(("value", "expected"), [
    ("2024-04", RefDate(2024, 4)), ("2024-04-11", RefDate(2024, 4)), ("2024", RefDate(2024)),
    ("2024-04-11T08:00:00+08:00", RefDate(2024, 4)), (None, None), ("soon", None),
])
def test_published_forms(value: str | None, expected: RefDate | None) -> None:
    assert parse_published(value) == expected


@pytest.mark.parametrize(("line", "expected"), [
    ("Apr Thu 2024", RefDate(2024, 4)), ("Updated: 2022-08-12", RefDate(2022, 8)),
    ("Zhong Guo Fa Zhan Wang· 2025-08-21 04:33", RefDate(2025, 8)),
    ("Updated: Oct 29, 2020 Print", RefDate(2020, 10)),
    ("发布时间：2024年04月11日", RefDate(2024, 4)),
    ("In 2023, the county paid wages on 2023-05-01 to all workers.", None),
])
def test_datelines(line: str, expected: RefDate | None) -> None:
    assert dateline_date(line) == expected


def test_grammar_templates_expand_placeholders_and_keep_quantifiers() -> None:
    expanded = expand(r"(?P<y>{Y})年\d{1,2}月", {"Y": r"(?:20\d\d)"})
    assert expanded == r"(?P<y>(?:20\d\d))年\d{1,2}月"


def test_grammar_file_with_an_unknown_handler_fails_loudly() -> None:
    bad = """
[fragments]
Y = '(?:20\\d\\d)'
[en]
ignore_case = true
[[en.rule]]
pattern = '{Y}'
handler = "no_such_handler"
role = "period"
[zh]
ignore_case = false
"""
    with pytest.raises(ValueError, match="unknown role or handler"):
        load_grammar(bad)
