"""``reliefwatch schedule``: a systemd user timer, or a crontab line, that runs ``reliefwatch run``.

systemd is used where it runs (``/run/systemd/system`` exists and ``systemctl`` is on PATH):
a oneshot service plus a timer, logs in the journal. Elsewhere, one crontab line: cron mails
whatever a run prints, and ``run --quiet`` prints only when something went wrong.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

_EVERY = re.compile(r"^\s*(\d+)\s*(m|min|minutes?|h|hours?|d|days?)\s*$", re.I)
DAY = 24 * 60


class ScheduleError(ValueError):
    """An interval or an installation that cannot be done; the message says why."""


def parse_every(text: str) -> int:
    """``30m``, ``6h``, ``1d`` -> minutes (at least 5: a run needs time to finish)."""
    match = _EVERY.match(text)
    if not match:
        raise ScheduleError(f"{text!r} is not an interval; use e.g. 30m, 6h or 1d")
    number, unit = int(match.group(1)), match.group(2)[0].lower()
    minutes = number * {"m": 1, "h": 60, "d": DAY}[unit]
    if minutes < 5:
        raise ScheduleError("run at most every 5 minutes (a crawl needs time to finish)")
    return minutes


@dataclass
class Job:
    """What the schedule runs: ``argv`` in ``workdir``, every ``minutes``."""

    minutes: int
    workdir: Path
    argv: list[str]
    name: str = "reliefwatch"

    @property
    def command(self) -> str:
        return shlex.join(self.argv)


def make_job(every: str, db_path: Path, name: str = "reliefwatch") -> Job:
    """The scheduled ``reliefwatch run --quiet --db <absolute path>``, from the current folder."""
    exe = Path(sys.executable).with_name("reliefwatch")
    argv = [str(exe)] if exe.exists() else [sys.executable, "-m", "reliefwatch.cli"]
    argv += ["run", "--quiet", "--db", str(db_path.resolve())]
    return Job(parse_every(every), Path.cwd().resolve(), argv, name)


def _on_calendar(minutes: int) -> str | None:
    """A systemd calendar spec for intervals that divide a day evenly, else None."""
    if minutes < 60 and 60 % minutes == 0:
        return f"*-*-* *:00/{minutes}:00"
    if minutes % 60 == 0 and DAY % minutes == 0:
        return f"*-*-* 00/{minutes // 60}:17:00" if minutes < DAY else "*-*-* 03:17:00"
    return None


def systemd_units(job: Job) -> dict[str, str]:
    """File name -> text of the service and timer units."""
    calendar = _on_calendar(job.minutes)
    when = (f"OnCalendar={calendar}\nPersistent=true" if calendar else
            f"OnBootSec=15min\nOnUnitActiveSec={job.minutes}min")
    service = f"""[Unit]
Description=ReliefWatch: crawl the sources and extract facts (reliefwatch run)
Wants=network-online.target
After=network-online.target

[Service]
Type=oneshot
WorkingDirectory={job.workdir}
ExecStart={job.command}
Nice=10
IOSchedulingClass=idle
"""
    timer = f"""[Unit]
Description=Run ReliefWatch every {describe(job.minutes)}

[Timer]
{when}
RandomizedDelaySec=120

[Install]
WantedBy=timers.target
"""
    return {f"{job.name}.service": service, f"{job.name}.timer": timer}


def cron_line(job: Job) -> str:
    """One crontab line; intervals cron cannot express evenly are refused."""
    m = job.minutes
    if m < 60 and 60 % m == 0:
        spec = f"*/{m} * * * *" if m > 1 else "* * * * *"
    elif m % 60 == 0 and DAY % m == 0:
        spec = f"17 */{m // 60} * * *" if m < DAY else "17 3 * * *"
    elif m % DAY == 0:
        spec = f"17 3 */{m // DAY} * *"
    else:
        raise ScheduleError(f"cron cannot run every {describe(m)} evenly; choose minutes that "
                            f"divide an hour, hours that divide a day, or whole days")
    return f"{spec} cd {shlex.quote(str(job.workdir))} && {job.command}  # {job.name}"


def describe(minutes: int) -> str:
    if minutes % DAY == 0:
        return f"{minutes // DAY} day(s)"
    if minutes % 60 == 0:
        return f"{minutes // 60} hour(s)"
    return f"{minutes} minutes"


def systemd_running() -> bool:
    """True where systemd is the init system and ``systemctl`` can be called."""
    return Path("/run/systemd/system").is_dir() and shutil.which("systemctl") is not None


def user_unit_dir() -> Path:
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "systemd" / "user"


def install_systemd(job: Job) -> list[str]:
    """Write the units; enable the timer where systemd runs. Returns what was done."""
    folder = user_unit_dir()
    folder.mkdir(parents=True, exist_ok=True)
    done = []
    for name, text in systemd_units(job).items():
        (folder / name).write_text(text, encoding="utf-8")
        done.append(f"wrote {folder / name}")
    commands = [["systemctl", "--user", "daemon-reload"],
                ["systemctl", "--user", "enable", "--now", f"{job.name}.timer"]]
    if not systemd_running():
        done.append("systemd is not running here; enable the timer where it is with:")
        done += [f"  {shlex.join(c)}" for c in commands]
        return done
    for command in commands:
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise ScheduleError(f"{shlex.join(command)} failed: {result.stderr.strip()}")
        done.append(f"ran {shlex.join(command)}")
    return done


def install_cron(job: Job) -> list[str]:
    """Add the line to the user's crontab, replacing an earlier line for the same job name."""
    if shutil.which("crontab") is None:
        raise ScheduleError("crontab is not installed (Debian: apt-get install cron); add this "
                            f"line with 'crontab -e' yourself:\n{cron_line(job)}")
    current = subprocess.run(["crontab", "-l"], capture_output=True, text=True, check=False)
    lines = current.stdout.splitlines() if current.returncode == 0 else []
    tag = f"  # {job.name}"
    kept = [line for line in lines if not line.endswith(tag)]
    new = "\n".join([*kept, cron_line(job)]) + "\n"
    result = subprocess.run(["crontab", "-"], input=new, capture_output=True, text=True,
                            check=False)
    if result.returncode != 0:
        raise ScheduleError(f"crontab refused the new table: {result.stderr.strip()}")
    replaced = len(lines) - len(kept)
    return [("replaced" if replaced else "added") + f" the crontab line: {cron_line(job)}"]
