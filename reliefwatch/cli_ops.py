"""Operating commands: status and schedule."""

from __future__ import annotations

import json
import sqlite3

import click

from reliefwatch.cli_options import db_option


@click.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of the report.")
@click.option("--runs", "limit", default=10, show_default=True, type=click.IntRange(1, 1000),
              help="How many recent runs to show.")
@click.option("--failing-after", default=3, show_default=True, type=click.IntRange(1, 100),
              help="List sources that failed in each of their last N runs.")
def status(db_path, as_json, limit, failing_after) -> None:
    """Show the last runs, failing sources, what the database holds and what comes next.

    \b
    Examples:
      reliefwatch status
      reliefwatch status --json --db /srv/reliefwatch/data/reliefwatch.db
    """
    from reliefwatch.status import NoDatabase, gather, render

    try:
        info = gather(db_path, limit, failing_after)
    except NoDatabase as exc:
        raise click.ClickException(str(exc)) from exc
    except sqlite3.Error as exc:
        raise click.ClickException(f"cannot read {db_path}: {exc}") from exc
    if as_json:
        click.echo(json.dumps(info, ensure_ascii=False, indent=2))
    else:
        click.echo("\n".join(render(info)))


@click.command()
@db_option
@click.option("--every", required=True, metavar="INTERVAL",
              help="How often: 30m, 6h, 1d (hours that divide a day run at fixed times).")
@click.option("--install", is_flag=True,
              help="Write the systemd units (or the crontab line) instead of printing them.")
@click.option("--systemd/--cron", "use_systemd", default=None,
              help="Choose the form [default: systemd where it runs, else cron].")
@click.option("--name", default="reliefwatch", show_default=True,
              help="Unit or crontab tag name (one per database).")
def schedule(db_path, every, install, use_systemd, name) -> None:
    """Run 'reliefwatch run --quiet' every INTERVAL: a systemd user timer, or a crontab line.

    \b
    Examples:
      reliefwatch schedule --every 6h                  # print what would be installed
      reliefwatch schedule --every 6h --install        # install it
      reliefwatch schedule --every 1d --cron --db /srv/reliefwatch/data/reliefwatch.db
    """
    from reliefwatch import schedule as sched

    try:
        job = sched.make_job(every, db_path, name)
        systemd = sched.systemd_running() if use_systemd is None else use_systemd
        if install:
            done = sched.install_systemd(job) if systemd else sched.install_cron(job)
            click.echo("\n".join(done))
        elif systemd:
            folder = sched.user_unit_dir()
            for file_name, text in sched.systemd_units(job).items():
                click.echo(f"# {folder / file_name}\n{text}")
            click.echo(f"# then: systemctl --user daemon-reload && "
                       f"systemctl --user enable --now {name}.timer\n"
                       f"# runs while you are logged out: loginctl enable-linger $USER\n"
                       f"# logs: journalctl --user -u {name}.service")
        else:
            click.echo(sched.cron_line(job))
    except sched.ScheduleError as exc:
        raise click.ClickException(str(exc)) from exc
