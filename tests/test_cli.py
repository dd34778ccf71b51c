"""The ``reliefwatch`` command line, run as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from reliefwatch.cli import cli
from reliefwatch.runlock import run_lock

COMMANDS = ["crawl", "extract", "serve", "run", "reextract", "sources", "demo"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command):
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output


def test_db_option_defaults_to_data_dir():
    result = CliRunner().invoke(cli, ["extract", "--help"])
    assert "data/reliefwatch.db" in result.output


def test_installed_entry_point_runs():
    exe = Path(sys.executable).with_name("reliefwatch")
    result = subprocess.run([str(exe), "--help"], capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert "demo" in result.stdout


def test_extract_files_round_trip(tmp_path):
    docs = tmp_path / "docs.jsonl"
    docs.write_text(
        json.dumps({"id": "a", "lang": "zh", "published": "2024-04-11",
                    "text": "去年，全县实施以工代赈项目12个，发放劳务报酬860万元。"},
                   ensure_ascii=False) + "\n"
        + "this line is not json\n"
        + json.dumps({"id": "b", "lang": "en", "published": "2022-08-12",
                      "text": "The county trained 3,200 people in 2021."}) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "facts.jsonl"
    result = CliRunner().invoke(cli, ["extract", "--input", str(docs), "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert "not JSON" in result.output
    facts = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    by_value = {(f["doc_id"], f["value"], f["unit"]) for f in facts}
    assert ("a", 12, "projects") in by_value
    assert ("a", 8600000, "yuan") in by_value
    assert ("b", 3200, "people") in by_value
    remuneration = next(f for f in facts if f["value"] == 8600000)
    assert remuneration["metric"] == "labor_remuneration_yuan"
    assert remuneration["year"] == "2023"
    for fact in facts:
        assert {"span", "metric", "approx", "place", "year", "sentence"} <= set(fact)


def test_extract_text_prints_a_table_and_json():
    text = "2023年，湘西州发放劳务报酬4.05亿元，带动2.17万人就近务工。"
    table = CliRunner().invoke(cli, ["extract", "--text", text])
    assert table.exit_code == 0, table.output
    assert "labor_remuneration_yuan" in table.output and "4.05亿元" in table.output
    as_json = CliRunner().invoke(cli, ["extract", "--text", text, "--json"])
    values = {json.loads(line)["value"] for line in as_json.output.splitlines()}
    assert {405000000, 21700} <= values


def test_extract_text_resolves_last_year_against_published():
    result = CliRunner().invoke(cli, ["extract", "--text", "去年全县发放劳务报酬1.2亿元。",
                                      "--published", "2024-04-11", "--json"])
    (fact,) = [json.loads(line) for line in result.output.splitlines()]
    assert fact["year"] == "2023"


def test_extract_text_explain_says_where_place_and_period_came_from():
    result = CliRunner().invoke(cli, ["extract", "--text", "去年，全县发放劳务报酬1.2亿元。",
                                      "--published", "2024-04-11", "--explain"])
    assert result.exit_code == 0, result.output
    assert "metric: cue '劳务报酬'" in result.output
    assert "period: sentence '去年'" in result.output


def test_extract_database_is_idempotent(tmp_path):
    import db as store

    path = tmp_path / "rw.db"
    database = store.open_db(path)
    store.store_document(database, {"url": "http://x/1", "relevant": 1, "lang": "zh",
                                    "published": "2024-01-02",
                                    "text": "全市新增公益性岗位1.32万个。"})
    database.close()
    first = CliRunner().invoke(cli, ["extract", "--db", str(path)])
    second = CliRunner().invoke(cli, ["extract", "--db", str(path)])
    assert "from 1 documents" in first.output
    assert "from 0 documents" in second.output
    assert store.open_db(path)["facts"].count >= 1


def test_a_second_run_on_a_locked_database_stops_cleanly(tmp_path):
    path = tmp_path / "rw.db"
    with run_lock(path):
        result = CliRunner().invoke(cli, ["extract", "--db", str(path)])
    assert result.exit_code == 5  # lock held or database unwritable (README: exit codes)
    assert "being updated" in result.output


def test_serve_refuses_a_missing_database(tmp_path):
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code != 0
    assert "does not exist" in result.output


def test_sources_lists_the_configured_sites():
    result = CliRunner().invoke(cli, ["sources"])
    assert result.exit_code == 0, result.output
    assert "xxz-gov" in result.output and "https://www.xxz.gov.cn/" in result.output


def test_crawl_of_an_unknown_source_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(cli, ["crawl", "no-such-site", "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 1
    assert "unknown source" in result.output and "Traceback" not in result.output
