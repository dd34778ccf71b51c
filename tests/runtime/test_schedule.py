"""``reliefwatch schedule``: systemd units or a crontab line that run ``run --quiet``."""

from __future__ import annotations

import os
import shlex
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from reliefwatch.cli import cli
from reliefwatch.schedule import systemd_running

from .helpers import run_cli


def test_cron_line_for_every_six_hours(tmp_path):
    db = tmp_path / "rw.db"
    result = run_cli("schedule", "--every", "6h", "--cron", "--db", str(db))
    assert result.returncode == 0, result.stderr
    line = result.stdout.strip()
    spec, command = line[:len("17 */6 * * *")], line[len("17 */6 * * * "):]
    assert spec == "17 */6 * * *"
    assert command.startswith(f"cd {shlex.quote(os.getcwd())} && ")
    argv = shlex.split(command.split(" && ", 1)[1].split("  #")[0])
    assert Path(argv[0]).name == "reliefwatch" and Path(argv[0]).is_absolute()
    assert argv[1:] == ["run", "--quiet", "--db", str(db.resolve())]
    assert CliRunner().invoke(cli, [*argv[1:], "--help"]).exit_code == 0  # run takes them


@pytest.mark.parametrize(("every", "spec"), [("30m", "*/30 * * * *"), ("1h", "17 */1 * * *"),
                                             ("1d", "17 3 * * *"), ("2d", "17 3 */2 * *")])
def test_cron_intervals(every, spec):
    result = CliRunner().invoke(cli, ["schedule", "--every", every, "--cron"])
    assert result.exit_code == 0 and result.output.startswith(spec + " cd ")


@pytest.mark.parametrize(("every", "message"), [("7h", "cannot run every 7 hour(s) evenly"),
                                                ("90s", "is not an interval"),
                                                ("2m", "at most every 5 minutes")])
def test_intervals_cron_cannot_keep_are_refused(every, message):
    result = CliRunner().invoke(cli, ["schedule", "--every", every, "--cron"])
    assert result.exit_code == 1 and message in result.output


def test_systemd_service_and_timer(tmp_path):
    db = tmp_path / "rw.db"
    result = run_cli("schedule", "--every", "6h", "--systemd", "--db", str(db),
                     env={"XDG_CONFIG_HOME": str(tmp_path / "config")})
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert f"# {tmp_path}/config/systemd/user/reliefwatch.service" in out
    assert "Type=oneshot" in out and f"run --quiet --db {db.resolve()}" in out
    assert "OnCalendar=*-*-* 00/6:17:00" in out and "Persistent=true" in out
    assert "WantedBy=timers.target" in out
    assert "journalctl --user -u reliefwatch.service" in out
    odd = CliRunner().invoke(cli, ["schedule", "--every", "7h", "--systemd"])
    assert "OnUnitActiveSec=420min" in odd.output  # no calendar spec fits: a steady interval


@pytest.mark.skipif(systemd_running(), reason="would enable a real timer on this machine")
def test_install_writes_the_units(tmp_path):
    config = tmp_path / "config"
    result = run_cli("schedule", "--every", "1d", "--systemd", "--install", "--db",
                     str(tmp_path / "rw.db"), env={"XDG_CONFIG_HOME": str(config)})
    assert result.returncode == 0, result.stderr
    units = config / "systemd" / "user"
    assert "ExecStart=" in (units / "reliefwatch.service").read_text()
    assert "OnCalendar=*-*-* 03:17:00" in (units / "reliefwatch.timer").read_text()
    assert "systemctl --user enable --now reliefwatch.timer" in result.stdout


def test_install_adds_one_crontab_line(tmp_path):
    # A stand-in for crontab(1) that keeps the table in a file: the test must not edit the
    # machine's real crontab.
    table = tmp_path / "table"
    table.write_text("MAILTO=ops@example.org\n0 1 * * * other-job\n")
    crontab = tmp_path / "bin" / "crontab"
    crontab.parent.mkdir()
    crontab.write_text(f'#!/bin/sh\nif [ "$1" = "-l" ]; then cat {table}; '
                       f'else cat > {table}; fi\n')
    crontab.chmod(crontab.stat().st_mode | stat.S_IEXEC)
    env = {"PATH": f"{crontab.parent}:{os.environ['PATH']}"}
    for every in ("6h", "1d"):  # the second replaces the first
        result = run_cli("schedule", "--every", every, "--cron", "--install", "--db",
                         str(tmp_path / "rw.db"), env=env)
        assert result.returncode == 0, result.stderr
    lines = table.read_text().splitlines()
    assert lines[:2] == ["MAILTO=ops@example.org", "0 1 * * * other-job"]
    (ours,) = lines[2:]
    assert ours.startswith("17 3 * * * cd ") and ours.endswith("  # reliefwatch")
    assert "replaced the crontab line" in result.stdout
