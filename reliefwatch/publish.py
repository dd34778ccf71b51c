"""Publishing with Datasette: metadata, the app, and a server."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

from datasette.app import Datasette

METADATA_NAME = "datasette_metadata.json"
DEFAULT_DB_NAME = "reliefwatch"
SETTINGS = {
    "sql_time_limit_ms": 5000,
    "max_returned_rows": 5000,
    "default_page_size": 50,
    "facet_time_limit_ms": 500,
    "allow_download": True,
    "truncate_cells_html": 400,
}


def metadata_path() -> Path:
    """The project's ``datasette_metadata.json`` (repo root, or the copy shipped in the package)."""
    repo_copy = Path(__file__).resolve().parent.parent / METADATA_NAME
    if repo_copy.exists():
        return repo_copy
    return Path(str(resources.files("reliefwatch") / METADATA_NAME))


def load_metadata(db_path: str | Path) -> dict[str, Any]:
    """Metadata with its database section renamed to the database file actually served."""
    metadata = json.loads(metadata_path().read_text("utf-8"))
    name = Path(db_path).stem
    databases = metadata.get("databases", {})
    if DEFAULT_DB_NAME in databases and name != DEFAULT_DB_NAME:
        databases[name] = databases.pop(DEFAULT_DB_NAME)
    return metadata


def make_datasette(db_path: str | Path) -> Datasette:
    """A Datasette instance over ``db_path`` (opened read-only) with the project's metadata."""
    return Datasette(
        [str(db_path)], metadata=load_metadata(db_path), settings=SETTINGS, cors=True,
    )


def serve(db_path: str | Path, host: str = "127.0.0.1", port: int = 8001) -> None:
    """Serve Datasette until interrupted."""
    import uvicorn

    ds = make_datasette(db_path)
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning")
