"""Real crawl of the ``county_cms`` fixture: soft 404s, print copies, Office attachments,
off-site links, gzip bomb, redirect loop, deep nesting (see ``build_edge_sites.py``)."""

from __future__ import annotations

import json
import shutil

import pytest

from reliefwatch.sitehost import serve_site

from .conftest import SITES, rows, run_crawl

# The bomb inflates to 4 MB: a 1 MB cap cuts it (the default cap is 64 MB).
SETTINGS = {"DOWNLOAD_MAXSIZE": 1024 * 1024, "DOWNLOAD_WARNSIZE": 512 * 1024}


def _copy_site(root, offsite_url: str):
    shutil.copytree(SITES / "county_cms", root)
    for path in (root / "pages" / "detail-101.html", root / "_headers.json"):
        path.write_text(path.read_text("utf-8").replace("{{OFFSITE}}", offsite_url), "utf-8")


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    base = tmp_path_factory.mktemp("county_cms")
    (base / "elsewhere").mkdir()
    with serve_site(base / "elsewhere", host="127.0.0.1") as elsewhere:
        offsite = elsewhere.base_url.replace("127.0.0.1", "localhost")
        _copy_site(base / "site", offsite)
        with serve_site(base / "site") as server:
            db = base / "db" / "rw.db"
            first = run_crawl(db, [server.base_url + "/list.html"], settings=SETTINGS)
            first_requests = list(server.requests)
            later = []
            for _ in range(3):
                server.requests.clear()
                later.append((run_crawl(db, [server.base_url + "/list.html"],
                                        settings=SETTINGS), list(server.requests)))
        return {"db": db, "summary": first, "requests": first_requests, "later": later,
                "elsewhere": list(elsewhere.requests)}


def _path(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def _errors(db, run_id: int = 1) -> dict[str, str]:
    return {_path(e["url"]) if "://" in e["url"] else e["url"]: e["kind"]
            for e in rows(db, "select * from crawl_errors where crawl_run_id = ?", [run_id])}


def test_soft_404s_in_both_languages_are_errors_not_documents(crawled):
    errors = _errors(crawled["db"])
    for n in (103, 104, 105, 106):
        assert errors[f"/detail.html?id={n}"] == "soft404"
    urls = {_path(d["url"]) for d in rows(crawled["db"], "select url from documents")}
    assert not urls & ({f"/detail.html?id={n}" for n in (103, 104, 105, 106)} | {"/404.html"})
    titles = [d["title"] for d in rows(crawled["db"], "select title from documents")]
    assert not any("页面不存在" in (t or "") or "Not Found" in (t or "") for t in titles)


def test_print_copies_become_aliases_of_the_article(crawled):
    db = crawled["db"]
    docs = {_path(d["url"]): d for d in rows(db, "select * from documents where "
                                                 "content_type = 'text/html'")}
    assert {"/detail.html?id=101", "/detail.html?id=102"} <= set(docs)
    assert not any(p.startswith("/print.html") for p in docs)
    aliases = {_path(a["url"]): (a["document_id"], a["reason"])
               for a in rows(db, "select * from document_aliases")}
    assert aliases["/print.html?id=101"] == (docs["/detail.html?id=101"]["id"], "print")
    assert aliases["/print.html?id=102"] == (docs["/detail.html?id=102"]["id"], "canonical")


def test_office_attachments_are_documents_with_type_size_and_tables(crawled):
    db = crawled["db"]
    [parent] = rows(db, "select id from documents where url like '%detail.html?id=101'")
    found = {_path(d["url"]): d for d in rows(
        db, "select * from documents where parent_id = ?", [parent["id"]])}
    types = {p.rsplit(".", 1)[-1]: d["content_type"] for p, d in found.items()}
    assert types == {
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xls": "application/vnd.ms-excel", "doc": "application/msword",
        "wps": "application/msword"}
    office = SITES.parent / "office"
    for path, doc in found.items():
        assert doc["size"] == (office / path.rsplit("/", 1)[-1]).stat().st_size
    # one annex in three Word formats and one in two spreadsheet formats: the text and tables
    # are kept once per annex, every file still has its row
    for group, header in ((("docx", "doc", "wps"), "乡镇"), (("xlsx", "xls"), "安置点")):
        read = [d for p, d in found.items() if p.rsplit(".", 1)[-1] in group and d["text"]]
        if "doc" in group and not (shutil.which("antiword") or shutil.which("catdoc")):
            read = read or [found["/files/annex.docx"]]
        [kept] = read
        assert json.loads(kept["tables"])[0]["rows"][0][0] == header and kept["relevant"] == 1


def test_office_tables_become_facts_through_the_pipeline(crawled, tmp_path):
    import db as store
    from reliefwatch import pipeline

    copy = tmp_path / "rw.db"
    shutil.copyfile(crawled["db"], copy)
    for suffix in ("-wal", "-shm"):
        if crawled["db"].with_name(crawled["db"].name + suffix).exists():
            shutil.copyfile(crawled["db"].with_name(crawled["db"].name + suffix),
                            copy.with_name(copy.name + suffix))
    database = store.open_db(copy)
    pipeline.extract_documents(database)
    found = rows(copy, "select f.metric, f.value from facts f join documents d on "
                       "d.id = f.document_id where d.url like '%annex.xls%'")
    assert ("people_employed", 2710.0) in {(f["metric"], f["value"]) for f in found}


def test_nothing_is_fetched_off_site(crawled):
    assert crawled["elsewhere"] == []
    errors = rows(crawled["db"], "select url, kind, message from crawl_errors "
                                 "where kind = 'offsite'")
    assert {e["url"].rsplit("/", 1)[-1] for e in errors} == {"secret.xlsx", "trap.html"}
    assert all("<" not in e["message"] for e in errors)


def test_bomb_and_loop_are_recorded_and_retried_but_not_forever(crawled):
    errors = _errors(crawled["db"])
    assert errors["/detail.html?id=108"] == "too_large"
    assert errors["/detail.html?id=107"] == "redirect_loop"
    assert crawled["summary"].status == "partial"
    asked = [sum(r.startswith(("/detail.html?id=107", "/detail.html?id=108")) for r in reqs)
             for _summary, reqs in crawled["later"]]
    assert asked[0] >= 2 and asked[1] >= 2 and asked[2] == 0  # 3 failed runs, then left


def test_deep_page_keeps_its_text_and_a_hidden_body_is_flagged(crawled):
    db = crawled["db"]
    [deep] = rows(db, "select text from documents where url like '%detail.html?id=109'")
    assert "开发公益性岗位860个" in deep["text"] and "第399段" in deep["text"]
    assert _errors(db)["/detail.html?id=110"] == "short_text"
    assert rows(db, "select id from documents where url like '%detail.html?id=110'")


def test_messages_never_quote_a_response_body(crawled):
    for error in rows(crawled["db"], "select message from crawl_errors"):
        message = error["message"] or ""
        assert "<html" not in message.lower() and "抱歉" not in message and "Sorry" not in message
