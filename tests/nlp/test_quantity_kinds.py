"""Hotlines, policy rules, durations, hyphenated counts, fractions in words and occupations."""

from __future__ import annotations

import pytest

from nlp.quantities import find_quantities

NOT_FACTS = [
    "如有问题请拨打0951-12345反映。",
    "群众可通过12345政务服务便民热线反映诉求。",
    "监督电话：0871-54321，12345热线全天受理。",
    "Residents can call the 12345 hotline or 0931-56789 with complaints.",
    "确保有劳动能力的脱贫家庭每户至少一人就业。",
    "Each household should have at least one person employed.",
]


@pytest.mark.parametrize("text", NOT_FACTS)
def test_hotlines_and_policy_rules_are_no_quantities(text: str) -> None:
    assert [q.text for q in find_quantities(text) if q.unit not in ("duration",)] == []


@pytest.mark.parametrize(("text", "written"), [
    ("这条便道只用了两个多月就修通了。", "两个多月"),
    ("工程历时一个半月。", "一个半月"),
    ("培训持续三个星期。", "三个星期"),
])
def test_durations_are_durations(text: str, written: str) -> None:
    (q,) = find_quantities(text)
    assert (q.text, q.unit) == (written, "duration")


def test_hyphenated_project_count() -> None:
    (q,) = find_quantities("The county approved a 14-project package for its villages.")
    assert (q.text, q.value, q.unit) == ("14-project", 14, "projects")
    assert find_quantities("a 45-day campaign") == []


@pytest.mark.parametrize(("text", "value", "approx"), [
    ("About a quarter of the money went on wages.", 25, True),
    ("More than half of the workers were women.", 50, True),
    ("Three quarters of the households took part.", 75, False),
    ("Nearly a third of the sites have workshops.", 33.3, True),
    ("劳务报酬占比一半以上。", 50, True),
    ("近四成资金用于发放劳务报酬。", 40, True),
    ("三成岗位面向脱贫人口。", 30, False),
    ("约四分之一的项目已完工。", 25, True),
    ("过半项目已开工。", 50, True),
])
def test_fractions_in_words_are_percentages(text: str, value: float, approx: bool) -> None:
    (q,) = [q for q in find_quantities(text) if q.unit == "percent"]
    assert (q.value, q.approx) == (value, approx)


def test_fraction_words_that_are_not_fractions() -> None:
    assert find_quantities("In the first quarter the county paid wages.") == []
    assert find_quantities("It took a quarter century.") == []


@pytest.mark.parametrize(("text", "unit"), [
    ("The city hired 5,300 security guards.", "people"),
    ("Some 2,400 cleaners and 860 drivers were hired.", "people"),
    ("The county trained 420 caregivers and 75 nurses.", "people"),
    ("Last year 96,000 found jobs through the fairs.", "people"),
    ("The fair drew 31,000 job seekers.", "people"),
    ("The fair offered 31,000 jobs.", "positions"),
    ("全县选聘生态护林员1200名。", "people"),
])
def test_occupations_and_job_seekers_are_people(text: str, unit: str) -> None:
    assert {q.unit for q in find_quantities(text)} == {unit}
