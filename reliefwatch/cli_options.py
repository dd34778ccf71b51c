"""Options and helpers the ``reliefwatch`` commands share."""

from __future__ import annotations

from pathlib import Path

import click

DEFAULT_DB = "data/reliefwatch.db"
LOG = {"level": "WARNING"}  # Scrapy's log level, set by the command group from -v

db_option = click.option(
    "--db", "db_path", default=DEFAULT_DB, show_default=True,
    type=click.Path(dir_okay=False, path_type=Path), help="SQLite database file.",
)
archive_option = click.option(
    "--archive", "archive_dir", type=click.Path(file_okay=False, path_type=Path),
    help="WARC archive folder [default: archive/ beside the database].",
)


crawl_options = [
    click.argument("sources", nargs=-1),
    click.option("--start-url", "start_urls", multiple=True,
                 help="Crawl this column/list page with the generic spider (repeatable)."),
    db_option,
    archive_option,
    click.option("--full", is_flag=True,
                 help="Walk every list page again instead of stopping at known articles."),
    click.option("--max-pages", type=int, help="Stop after this many pages."),
    click.option("--quiet", "-q", is_flag=True,
                 help="No progress; print only what went wrong (for cron)."),
    click.option("--redis", "redis_url", envvar="REDIS_URL",
                 help="Share the crawl through this Redis (redis://host:6379/0) with worker "
                      "processes [env: REDIS_URL]."),
    click.option("--workers", type=click.IntRange(1, 64), default=2, show_default=True,
                 help="With --redis: worker processes started here."),
]


def apply_options(options):
    def decorator(func):
        for option in reversed(options):
            func = option(func)
        return func
    return decorator


jobs_option = click.option(
    "-j", "--jobs", type=click.IntRange(min=1), default=None,
    help="Worker processes for extraction [default: one per core].")
quiet_option = click.option("-q", "--quiet", is_flag=True,
                            help="No progress display; only the summary and errors (cron).")


class guard:
    """Hold the database's run lock; turn a held lock into a clean CLI error."""

    def __init__(self, db_path: Path) -> None:
        from reliefwatch.runlock import run_lock

        self._db_path = db_path
        self._cm = run_lock(db_path)

    def __enter__(self):
        from reliefwatch.outcome import EXIT_UNWRITABLE, CommandError, unwritable
        from reliefwatch.runlock import AlreadyRunning

        try:
            return self._cm.__enter__()
        except AlreadyRunning as exc:
            raise CommandError(str(exc), EXIT_UNWRITABLE) from exc
        except OSError as exc:  # the lock file cannot be made: the folder is not writable
            raise unwritable(self._db_path, exc) from exc

    def __exit__(self, *exc_info):
        return self._cm.__exit__(*exc_info)
