"""The ``reliefwatch`` command: one entry point for every stage."""

from __future__ import annotations

import json
import logging
import sqlite3
from pathlib import Path

import click

import db as store
from reliefwatch.extract_command import check_published

DEFAULT_DB = "data/reliefwatch.db"

db_option = click.option(
    "--db", "db_path", default=DEFAULT_DB, show_default=True,
    type=click.Path(dir_okay=False, path_type=Path), help="SQLite database file.",
)
archive_option = click.option(
    "--archive", "archive_dir", type=click.Path(file_okay=False, path_type=Path),
    help="WARC archive folder [default: archive/ beside the database].",
)


@click.group()
@click.version_option(package_name="reliefwatch")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
def cli(verbose: int) -> None:
    """ReliefWatch: crawl, extract and publish figures on work-for-relief (以工代赈),
    relocation (易地扶贫搬迁) and employment of people lifted out of poverty."""
    from reliefwatch.logs import configure_console

    level = max(logging.WARNING - 10 * verbose, logging.DEBUG)
    configure_console(verbose)  # Scrapy's log goes to a file beside the database unless -v
    import jieba  # its import sets its own logger to DEBUG

    jieba.setLogLevel(logging.DEBUG if verbose > 1 else logging.WARNING)
    global LOG_LEVEL
    LOG_LEVEL = logging.getLevelName(level)


LOG_LEVEL = "WARNING"


def _crawl(db_path: Path, sources: tuple[str, ...], start_urls: tuple[str, ...],
           archive_dir: Path | None, full: bool, max_pages: int | None, quiet: bool = False,
           redis_url: str | None = None, workers: int = 2):
    from reliefwatch.crawling import crawl_with_progress

    return crawl_with_progress(db_path, sources, start_urls, archive_dir, full, max_pages,
                               quiet, {"LOG_LEVEL": LOG_LEVEL}, redis_url, workers)


def _echo_crawl(summary) -> None:
    from reliefwatch.crawling import summary_lines

    for line in summary_lines(summary, Path(DEFAULT_DB)):
        click.echo(line)


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


def _apply(options):
    def decorator(func):
        for option in reversed(options):
            func = option(func)
        return func
    return decorator


@cli.command()
@_apply(crawl_options)
def crawl(sources, start_urls, db_path, archive_dir, full, max_pages, quiet, redis_url,
          workers) -> None:
    """Fetch new articles and attachments from SOURCES (default: all configured sources).

    Exit codes: 0 ok, 3 partial, 4 failed, 5 locked or unwritable database, 6 interrupted.

    \b
    Examples:
      reliefwatch crawl                       # every source in crawlers/sources.yaml
      reliefwatch crawl xxz-gov hechi-gov     # named sources
      reliefwatch crawl --start-url http://www.example.gov.cn/zwgk/gzdt/index.html
    """
    from reliefwatch.crawling import report

    with _guard(db_path):
        summary = _crawl(db_path, sources, start_urls, archive_dir, full, max_pages, quiet,
                         redis_url, workers)
    click.get_current_context().exit(report(summary, db_path, quiet))


jobs_option = click.option(
    "-j", "--jobs", type=click.IntRange(min=1), default=None,
    help="Worker processes for extraction [default: one per core].")
quiet_option = click.option("-q", "--quiet", is_flag=True,
                            help="No progress display; only the summary and errors (cron).")


@cli.command()
@db_option
@click.option("--input", "input_file", type=click.File("rb"),
              help="JSONL documents: {\"id\", \"text\", \"lang\"?, \"published\"?, \"title\"?}.")
@click.option("--output", "output_path", type=click.File("w", encoding="utf-8", lazy=True),
              help="Write one fact per line (JSONL) here; with --input.")
@click.option("--text", help="Print the facts of this pasted text.")
@click.option("--published", callback=check_published,
              help="Publication date for --text: YYYY, YYYY-MM or YYYY-MM-DD (resolves 去年).")
@click.option("--lang", type=click.Choice(["zh", "en", "mixed"]), help="Language of --text.")
@click.option("--json", "as_json", is_flag=True, help="With --text: print JSON lines.")
@click.option("--explain", is_flag=True,
              help="With --text: say what set each figure's metric, place and period.")
@click.option("--all", "force", is_flag=True,
              help="Re-extract every document, not only those the current extractor missed.")
@jobs_option
@click.option("--batch-size", type=click.IntRange(min=1),
              help="Documents committed per transaction [default: 200, or fewer every 2 s].")
@quiet_option
def extract(db_path, input_file, output_path, text, published, lang, as_json, explain, force,
            jobs, batch_size, quiet) -> None:
    """Find quantified facts: in the database, in a JSONL file, or in a pasted text.

    Documents whose extraction fails are listed in the extraction_errors table and retried
    by the next run (exit status 3 when there were any; 5 when the database cannot be
    written).

    \b
    Examples:
      reliefwatch extract --db data/reliefwatch.db --jobs 2
      reliefwatch extract --input docs.jsonl --output facts.jsonl
      reliefwatch extract --text "去年，全县发放劳务报酬1.2亿元。" --published 2024-04-11
      reliefwatch extract --text "..." --published 2024-04-11 --explain
    """
    import nlp
    from reliefwatch import extract_command as command
    from reliefwatch import pipeline
    from reliefwatch.outcome import EXIT_PARTIAL

    if output_path is not None and input_file is None:
        raise click.UsageError("--output needs --input (the JSONL documents to read)")
    if text is not None:
        facts = nlp.extract_facts(text, lang=None if lang == "mixed" else lang,
                                  published=published)
        if as_json:
            for fact in facts:
                click.echo(json.dumps(fact.to_dict(), ensure_ascii=False))
        else:
            click.echo(nlp.format_facts_table(facts) if facts else "no facts found")
            if explain and facts:
                click.echo("\n" + nlp.format_explanations(facts))
        return
    if input_file is not None:
        out = output_path or click.get_text_stream("stdout")
        docs, facts_total, skipped = command.extract_jsonl(
            input_file, out, pipeline.facts_for_record, lambda m: click.echo(m, err=True))
        click.echo(f"{facts_total} facts from {docs} documents"
                   + (f"; {skipped} lines skipped" if skipped else ""), err=True)
        return
    command.require_database(db_path)
    with command.database_errors(db_path), _guard(db_path):
        summary = command.extract_database(db_path, force, jobs, quiet, batch_size)
    if summary.failed or not quiet:
        click.echo(command.summary_line(summary), err=quiet)
    click.get_current_context().exit(EXIT_PARTIAL if summary.failed else 0)


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8001, show_default=True, type=int)
@click.option("--public", is_flag=True,
              help="Serve an immutable snapshot with an inspect file (to put online): "
                   "downloadable, withheld full texts removed; the live database stays free.")
@click.option("--cors", is_flag=True,
              help="Send Access-Control-Allow-Origin: * so other sites' pages may query it.")
@click.option("--allow-robots", is_flag=True, help="Let search engines crawl the site.")
def serve(db_path, host, port, public, cors, allow_robots) -> None:
    """Publish the database with Datasette (read-only).

    \b
    Examples:
      reliefwatch serve --db data/reliefwatch.db --port 8001
      reliefwatch serve --public --host 0.0.0.0      # behind a proxy, online
    """
    from db.publication import refresh_publication
    from reliefwatch.extract_command import database_errors, require_database
    from reliefwatch.publish import serve as serve_datasette

    require_database(db_path)
    with database_errors(db_path):
        database = store.open_db(db_path)  # bring an older database's schema up to date
        if not database.execute(
                "select 1 from schema_info where key = 'published_at'").fetchone():
            refresh_publication(database)  # figures and search of a database made before them
        database.close()
    click.echo(f"Datasette: http://{host}:{port}/{db_path.stem}"
               + (" (immutable snapshot)" if public else ""))
    serve_datasette(db_path, host=host, port=port, public=public, cors=cors,
                    allow_robots=allow_robots)


@cli.command()
@db_option
@click.option("--table", type=click.Choice(["figures", "fact_evidence"]), default="figures",
              show_default=True, help="Figures (each counted once) or every fact with its source.")
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx"]), default="csv",
              show_default=True)
@click.option("--place", help="A place in any written form (湘西州, Hechi City, 451200); "
                              "places under it are included.")
@click.option("--metric", help="One metric, e.g. labor_remuneration_yuan.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write [default: TABLE.FORMAT].")
def export(db_path, table, fmt, place, metric, output) -> None:
    """Write figures or fact_evidence to a CSV (UTF-8 with BOM, for Excel) or XLSX file.

    \b
    Examples:
      reliefwatch export --format xlsx --place 湘西州
      reliefwatch export --table fact_evidence --metric labor_remuneration_yuan -o pay.csv
    """
    from reliefwatch.export import ExportError, export_rows
    from reliefwatch.extract_command import require_database

    require_database(db_path)
    output = output or Path(f"{table}.{fmt}")
    try:
        count = export_rows(db_path, output, table=table, fmt=fmt, place=place, metric=metric)
    except ExportError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"{count} rows of {table} written to {output}")


@cli.command()
@_apply(crawl_options)
def run(sources, start_urls, db_path, archive_dir, full, max_pages, quiet, redis_url,
        workers) -> None:
    """Crawl, then extract facts: what a schedule (cron, systemd timer) calls.

    Runs never overlap on one database (a lock file beside it); a run that was killed is
    marked 'interrupted' and the next run picks up where it stopped. Exit codes: 0 ok,
    3 partial, 4 failed, 5 locked or unwritable database, 6 interrupted.

    \b
    Example (crontab, every day at 03:17, a full pass on Sundays):
      17 3 * * 1-6  cd /srv/reliefwatch && .venv/bin/reliefwatch run
      17 3 * * 0    cd /srv/reliefwatch && .venv/bin/reliefwatch run --full
    """
    from reliefwatch import extract_command as command
    from reliefwatch.crawling import report
    from reliefwatch.outcome import EXIT_PARTIAL

    with _guard(db_path):
        summary = _crawl(db_path, sources, start_urls, archive_dir, full, max_pages, quiet,
                         redis_url, workers)
        code = report(summary, db_path, quiet)
        if summary.signal:  # stopped by SIGTERM/Ctrl-C: no extraction, say so in the code
            click.get_current_context().exit(code)
        with command.database_errors(db_path):
            result = command.extract_database(db_path, False, None, quiet)
    if not quiet or result.failed:
        click.echo(command.summary_line(result), err=quiet)
    click.get_current_context().exit(code or (EXIT_PARTIAL if result.failed else 0))


@cli.command()
@db_option
@archive_option
@jobs_option
@quiet_option
def reextract(db_path, archive_dir, jobs, quiet) -> None:
    """Rebuild documents and facts from the WARC archive, without the network."""
    from crawlers.api import reextract_archive
    from reliefwatch import extract_command as command
    from reliefwatch.outcome import EXIT_PARTIAL, exit_code

    with command.database_errors(db_path), _guard(db_path):
        summary = reextract_archive(db_path, archive_dir=archive_dir)
        _echo_crawl(summary)
        result = command.extract_database(db_path, True, jobs, quiet)
    if not quiet or result.failed:
        click.echo(command.summary_line(result), err=quiet)
    code = exit_code(summary.status)
    click.get_current_context().exit(code or (EXIT_PARTIAL if result.failed else 0))


@cli.command()
@db_option
def sources(db_path) -> None:
    """List the configured sources (with their last crawl outcome when --db exists)."""
    from crawlers.api import load_sources
    from reliefwatch.status import last_source_outcomes

    last = last_source_outcomes(db_path)
    for source in load_sources():
        outcome = last.get(source.id)
        note = f"  last run {outcome[0]}: {outcome[1]}" if outcome else ""
        click.echo(f"{source.id:20} {source.language or '?':3} {source.name}{note}")
        for url in source.start_urls:
            click.echo(f"{'':24} {url}")


@cli.command()
@click.option("--redis", "redis_url", envvar="REDIS_URL", required=True,
              help="The Redis of the shared crawl [env: REDIS_URL].")
@click.option("--run", "run_id", type=int, help="Run to join [default: the current one].")
def worker(redis_url, run_id) -> None:
    """Join a crawl shared through Redis (started with 'crawl --redis') from this machine.

    The worker fetches pages and sends them to the process that started the crawl, which
    alone writes the database; it stops when the crawl is done.
    """
    from crawlers.remote import run_worker

    click.get_current_context().exit(run_worker(redis_url, run_id))


@cli.command()
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


@cli.command()
@db_option
@click.option("--serve/--no-serve", default=True, help="Serve Datasette at the end.")
@click.option("--port", default=8001, show_default=True, type=int,
              help="Datasette port (the next free one if taken).")
def demo(db_path, serve, port) -> None:
    """Crawl the bundled sample site over loopback, extract, load and serve Datasette.

    \b
    Example:
      reliefwatch demo                 # database in data/demo/reliefwatch.db
      reliefwatch demo --no-serve --db /tmp/demo.db
    """
    from reliefwatch.demo import run_demo

    if db_path == Path(DEFAULT_DB):
        db_path = Path("data/demo/reliefwatch.db")
    with _guard(db_path):
        run_demo(db_path, echo=click.echo, settings={"LOG_LEVEL": LOG_LEVEL})
    if serve:
        from reliefwatch.demo import free_port
        from reliefwatch.publish import serve as serve_datasette

        port = free_port(port)
        base = f"http://127.0.0.1:{port}/{db_path.stem}"
        home = base.rsplit("/", 1)[0]
        click.echo(f"\nDatasette is serving the demo at {home}/\n"
                   f"  figures, each counted once: {base}/figures\n"
                   f"  every fact with its source, to cite: {base}/fact_evidence\n"
                   f"  charts and maps: {home}/-/dashboards\n"
                   f"  (Ctrl-C to stop)")
        serve_datasette(db_path, port=port, immutable=True)


@cli.command()
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


class _guard:
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


if __name__ == "__main__":  # pragma: no cover
    cli()
