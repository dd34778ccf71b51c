"""The settings object: one file of numeric windows, loaded strictly."""

from __future__ import annotations

import dataclasses
import json
from importlib import resources

import pytest

from nlp.settings import SETTINGS, load_settings


def _shipped() -> dict:
    return json.loads(resources.files("nlp").joinpath("settings.json").read_text("utf-8"))


def test_shipped_settings_load_with_their_types() -> None:
    assert SETTINGS == load_settings()
    assert SETTINGS.metrics.cue_window["zh"] == (24, 10)
    assert SETTINGS.metrics.subject_lookback == _shipped()["metrics"]["subject_lookback"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        SETTINGS.metrics.subject_lookback = 1  # type: ignore[misc]


@pytest.mark.parametrize("change", ["missing", "unknown", "wrong_type"])
def test_a_settings_file_with_a_typo_fails_loudly(change: str) -> None:
    data = _shipped()
    if change == "missing":
        del data["places"]["role_lookback"]
    elif change == "unknown":
        data["places"]["role_lookbak"] = 16
    else:
        data["periods"]["target_reach"] = "30"
    with pytest.raises(ValueError, match="places|periods"):
        load_settings(json.dumps(data))


def test_a_changed_window_changes_the_settings_read() -> None:
    data = _shipped()
    data["metrics"]["cue_window"]["en"] = [10, 5]
    assert load_settings(json.dumps(data)).metrics.cue_window["en"] == (10, 5)
