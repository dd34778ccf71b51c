"""The README documents what the tool does, and the tree stays lint-clean."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from db.schema import TABLES, VIEWS
from reliefwatch.cli import cli

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text("utf-8")


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_is_documented(command):
    assert f"`{command}`" in README


@pytest.mark.parametrize("table", sorted(set(TABLES) - {"seen_urls"} | set(VIEWS)))
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
