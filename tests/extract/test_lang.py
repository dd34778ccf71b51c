"""detect_lang by the shares of Han characters and Latin words."""

from __future__ import annotations

import pytest

from extract import detect_lang


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全州实施以工代赈项目46个，带动务工群众5820人，其中GDP增长6%。", "zh"),
        ("Hechi organized 35 job fairs offering 45,000 positions for relocated people.", "en"),
        ("The county name 花垣县 appears once in this English report about relief work.", "en"),
        ("以工代赈 work-for-relief 项目 helped local villagers 就业增收 this year", "mixed"),
        ("2024-01-16 12,345", "mixed"),
        ("", "mixed"),
    ],
)
def test_detect_lang(text, expected):
    assert detect_lang(text) == expected
