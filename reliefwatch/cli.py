"""The ``reliefwatch`` command: one entry point for every stage."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import click

from reliefwatch.cli_ops import schedule, status
from reliefwatch.cli_options import (
    DEFAULT_DB,
    LOG,
    apply_options,
    archive_option,
    crawl_options,
    db_option,
    guard,
    jobs_option,
    quiet_option,
)
from reliefwatch.cli_publish import demo, export, serve
from reliefwatch.extract_command import check_published


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
    LOG["level"] = logging.getLevelName(level)


def _crawl(db_path: Path, sources: tuple[str, ...], start_urls: tuple[str, ...],
           archive_dir: Path | None, full: bool, max_pages: int | None, quiet: bool = False,
           redis_url: str | None = None, workers: int = 2):
    from reliefwatch.crawling import crawl_with_progress

    return crawl_with_progress(db_path, sources, start_urls, archive_dir, full, max_pages,
                               quiet, {"LOG_LEVEL": LOG["level"]}, redis_url, workers)


def _echo_crawl(summary) -> None:
    from reliefwatch.crawling import summary_lines

    for line in summary_lines(summary, Path(DEFAULT_DB)):
        click.echo(line)


@cli.command()
@apply_options(crawl_options)
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

    with guard(db_path):
        summary = _crawl(db_path, sources, start_urls, archive_dir, full, max_pages, quiet,
                         redis_url, workers)
    click.get_current_context().exit(report(summary, db_path, quiet))


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
    with command.database_errors(db_path), guard(db_path):
        summary = command.extract_database(db_path, force, jobs, quiet, batch_size)
    if summary.failed or not quiet:
        click.echo(command.summary_line(summary), err=quiet)
    click.get_current_context().exit(EXIT_PARTIAL if summary.failed else 0)


@cli.command()
@apply_options(crawl_options)
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

    with guard(db_path):
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

    with command.database_errors(db_path), guard(db_path):
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


for command in (serve, export, demo, status, schedule):
    cli.add_command(command)


if __name__ == "__main__":  # pragma: no cover
    cli()
