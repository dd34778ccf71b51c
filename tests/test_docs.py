"""The README documents what the tool does, and the tree stays lint-clean."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from db.schema import INTERNAL_TABLES, TABLES, VIEWS
from reliefwatch.cli import cli

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text("utf-8")


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_is_documented(command):
    assert f"`{command}`" in README


@pytest.mark.parametrize("table", sorted(set(TABLES) - INTERNAL_TABLES | set(VIEWS)))
def test_every_published_table_is_documented(table):
    assert f"`{table}`" in README


def test_readme_commands_match_ci():
    ci = (REPO / ".ci" / "run").read_text("utf-8")
    test_command = re.search(r"```bash\n(python3 -m venv[^\n]*pytest)\n```", README).group(1)
    assert test_command in ci


def test_ruff_is_clean():
    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    if not Path(ruff).exists():
        pytest.skip("ruff is not installed")
    result = subprocess.run([ruff, "check", str(REPO)], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stdout[-3000:]


def test_internal_tables_are_hidden_in_datasette():
    from reliefwatch.publish import metadata_path

    metadata = json.loads(metadata_path().read_text("utf-8"))
    tables = metadata["databases"]["reliefwatch"]["tables"]
    for name in INTERNAL_TABLES:
        assert tables.get(name, {}).get("hidden") is True, name


def test_readme_source_example_is_a_valid_source():
    import yaml

    from crawlers.sources import parse_source

    block = re.search(r"```yaml\n(.*?)```", README, re.S).group(1)
    (entry,) = yaml.safe_load(block)
    source = parse_source(entry)
    assert source.id == "guizhou-fgw" and source.hints.max_pages == 30


def test_every_environment_setting_is_documented():
    settings = (REPO / "crawlers" / "settings.py").read_text("utf-8")
    names = set(re.findall(r"\"(RELIEFWATCH_[A-Z_]+)\"", settings))
    names -= {"RELIEFWATCH_DB", "RELIEFWATCH_ARCHIVE_DIR"}  # set by the CLI's --db/--archive
    assert names
    for name in names:
        assert f"`{name}`" in README, name
