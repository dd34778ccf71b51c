"""RunState bookkeeping without a crawl: which sources walk every list page."""

from __future__ import annotations

from crawlers.runstate import RunState
from crawlers.sources import ad_hoc_source


def test_first_and_unfinished_runs_walk_every_list_page_a_finished_one_does_not(tmp_path):
    db_path = tmp_path / "rw.db"
    source = ad_hoc_source("http://127.0.0.1:8123/col/")
    first = RunState.open(db_path, [source])
    assert first.paginate_fully(source.id)  # never crawled: every page is new anyway
    first.db.close()  # killed: the run never finished
    resumed = RunState.open(db_path, [source])
    assert resumed.paginate_fully(source.id)
    resumed.finish("finished", pages_fetched=0, requests=0)
    resumed.db.close()
    later = RunState.open(db_path, [source])
    assert not later.paginate_fully(source.id)
    later.db.close()
    assert RunState.open(db_path, [source], full=True).paginate_fully(source.id)
