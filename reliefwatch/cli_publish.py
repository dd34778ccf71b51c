"""Publishing commands: serve, export, demo."""

from __future__ import annotations

from pathlib import Path

import click

import db as store
from reliefwatch.cli_options import DEFAULT_DB, LOG, db_option, guard


@click.command()
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


@click.command()
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


@click.command()
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
    with guard(db_path):
        run_demo(db_path, echo=click.echo, settings={"LOG_LEVEL": LOG["level"]})
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
