"""Full-text search that finds Chinese words of any length, English words and place names.

Design (see README "Search"): Chinese runs are indexed as overlapping character bigrams
(劳务报酬 -> 劳务 务报 报酬, plus the run's last character alone), the way CJK analyzers of
search engines do, so a query of any length becomes a phrase of bigrams: two-character words
(河池) are one token, unspaced phrases (劳务报酬发放) a phrase, single characters a prefix. Other
text goes through SQLite's unicode61 tokenizer with Porter stemming (households ~ household).
No dictionary is involved, so search never depends on how jieba would segment a word.

A fact's indexed text is its sentence, span and place as written, plus every written form of
its linked place and of the places above it (from ``place_names``/``place_tree``): 河池,
河池市, Hechi, Hechi City all find a fact about 巴马县 in 河池市. The tables are contentless
FTS5 tables (only the index is stored), keyed by ``facts.id`` and ``documents.id``.

Queries go through :func:`match_expression`, registered in SQLite as ``search_match(q)``
(and, in Datasette, in place of ``escape_fts``, so table search boxes behave the same).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Iterator

import sqlite_utils

TOKENIZE = "porter unicode61 remove_diacritics 2"
SEARCH_TABLES = ("facts_search", "documents_search")
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
_CJK_RUN = re.compile(f"[{_CJK}]+")
_WORD = re.compile(rf"[^\W{_CJK}]+")
_QUERY_PART = re.compile(r'"([^"]*)"|(\S+)')


def index_text(text: str | None) -> str:
    """``text`` as the index sees it: each Chinese run as bigrams plus its last character."""
    if not text:
        return ""
    out, pos = [], 0
    for match in _CJK_RUN.finditer(text):
        run = match.group()
        out.append(text[pos:match.start()])
        out.append(" " + " ".join([run[i:i + 2] for i in range(len(run) - 1)] + [run[-1]]) + " ")
        pos = match.end()
    out.append(text[pos:])
    return "".join(out)


def _phrases(text: str) -> Iterator[str]:
    """FTS5 phrases for one query word or quoted phrase, split where the script changes."""
    pos = 0
    for match in _CJK_RUN.finditer(text):
        yield from _word_phrase(text[pos:match.start()])
        run = match.group()
        if len(run) == 1:
            yield f'"{run}" *'
        else:
            yield '"' + " ".join(run[i:i + 2] for i in range(len(run) - 1)) + '"'
        pos = match.end()
    yield from _word_phrase(text[pos:])


def _word_phrase(text: str) -> Iterator[str]:
    words = _WORD.findall(text)
    if words:
        yield '"' + " ".join(words) + '"'


def match_expression(query: str | None) -> str:
    """An FTS5 MATCH expression finding every word of ``query`` (quoted groups as phrases)."""
    phrases: list[str] = []
    for quoted, bare in _QUERY_PART.findall((query or "").replace("\u3000", " ")):
        phrases.extend(_phrases(quoted or bare))
    # Nothing searchable (only punctuation): a phrase no row can hold.
    return " AND ".join(phrases) if phrases else '"\u2063"'


def register_functions(conn: sqlite3.Connection) -> None:
    """Make ``search_match(q)`` available to SQL on ``conn``."""
    conn.create_function("search_match", 1, match_expression, deterministic=True)


def ensure_search_tables(db: sqlite_utils.Database) -> None:
    """Create the contentless full-text tables and the documents' index state if missing."""
    register_functions(db.conn)
    for name in SEARCH_TABLES:
        db.execute(f"create virtual table if not exists [{name}] using fts5("
                   f"body, content='', tokenize='{TOKENIZE}')")
    db.execute("create table if not exists documents_search_state "
               "(id integer primary key, sha256 text)")


def place_alias_text(db: sqlite_utils.Database) -> dict[str, str]:
    """For each place code, the written forms of the place and of every place above it."""
    names: dict[str, list[str]] = {}
    for code, name in db.execute("select code, name from place_names"):
        names.setdefault(code, []).append(name)
    out: dict[str, list[str]] = {}
    for ancestor, code in db.execute("select ancestor_code, code from place_tree"):
        out.setdefault(code, []).extend(names.get(ancestor, ()))
    return {code: " ; ".join(forms) for code, forms in out.items()}


def rebuild_fact_search(db: sqlite_utils.Database) -> int:
    """Index every fact again (facts are replaced per document, so ids do not last)."""
    aliases = place_alias_text(db)
    rows = db.execute(
        "select id, sentence, span, place, place_name_zh, place_name_en, place_code from facts"
    )

    def bodies() -> Iterable[tuple[int, str]]:
        for fact_id, sentence, span, place, name_zh, name_en, code in rows:
            body = " ; ".join(p for p in (sentence, span, place, name_zh, name_en,
                                          aliases.get(code or "")) if p)
            yield fact_id, index_text(body)

    with db.conn:
        db.execute("insert into facts_search(facts_search) values('delete-all')")
        cursor = db.conn.executemany("insert into facts_search(rowid, body) values (?, ?)",
                                     bodies())
    return cursor.rowcount


def update_document_search(db: sqlite_utils.Database, rebuild: bool = False) -> int:
    """Index new documents; re-index all when one was changed or removed since (rare).

    A contentless index cannot forget one row, so a changed document means a full rebuild.
    """
    stale = db.execute(
        "select count(*) from documents_search_state s left join documents d on d.id = s.id "
        "where d.id is null or d.sha256 is not s.sha256"
    ).fetchone()[0]
    with db.conn:
        if rebuild or stale:
            db.execute("insert into documents_search(documents_search) values('delete-all')")
            db.execute("delete from documents_search_state")
        rows = db.execute(
            "select id, sha256, title, publisher, text from documents "
            "where id not in (select id from documents_search_state)"
        ).fetchall()
        db.conn.executemany(
            "insert into documents_search(rowid, body) values (?, ?)",
            [(r[0], index_text(" ; ".join(p for p in r[2:] if p))) for r in rows],
        )
        db.conn.executemany("insert into documents_search_state(id, sha256) values (?, ?)",
                            [(r[0], r[1]) for r in rows])
    return len(rows)
