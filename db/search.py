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

They are kept up to date row by row (``update_fact_search``, ``update_document_search``): a
contentless FTS5 table (SQLite 3.40, no ``contentless_delete``) forgets a row only when given
the text it indexed, so the triggers of ``db/changes.py`` keep the text of each fact or
document removed or edited since the last refresh (``search_removed_*``), and only until
then. An external-content table or a side table of indexed text would do the same by keeping
every row's text a second time (another fifth of the database, for the rare row that
changes); the index itself stays exactly what a rebuild would make. ``search_format()``
changes when the indexed text would (tokenizer, bigrams), and then everything is indexed
again, as it is when the place names behind the aliases change.

Queries go through :func:`match_expression`, registered in SQLite as ``search_match(q)``
(and, in Datasette, in place of ``escape_fts``, so table search boxes behave the same).
"""

from __future__ import annotations

import hashlib
import operator
import re
import sqlite3
from collections.abc import Iterable, Iterator
from functools import lru_cache

import sqlite_utils

TOKENIZE = "porter unicode61 remove_diacritics 2"
SEARCH_TABLES = ("facts_search", "documents_search")
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
_CJK_RUN = re.compile(f"[{_CJK}]+")
_CJK_SPLIT = re.compile(f"([{_CJK}]+)")
_WORD = re.compile(rf"[^\W{_CJK}]+")
_QUERY_PART = re.compile(r'"([^"]*)"|(\S+)')


def index_text(text: str | None) -> str:
    """``text`` as the index sees it: each Chinese run as bigrams plus its last character."""
    if not text:
        return ""
    parts = _CJK_SPLIT.split(text)  # text, run, text, run, ..., text
    for i in range(1, len(parts), 2):
        run = parts[i]
        bigrams = " ".join(map(operator.add, run[:-1], run[1:]))
        parts[i] = f" {bigrams} {run[-1]} " if bigrams else f" {run} "
    return "".join(parts)


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


# Text whose indexed form covers every rule of index_text: a change shows in search_format().
_PROBE = "河池市巴马县 Hechi City, 2023年发放劳务报酬4.05亿元 (households) 湘 x"


def search_format() -> str:
    """Changes whenever the text an index holds for a row would (tokenizer, bigrams)."""
    return hashlib.sha1(f"{TOKENIZE}|{index_text(_PROBE)}".encode()).hexdigest()[:12]


_FACT_TEXT = "document_id, sentence, span, place, place_name_zh, place_name_en, place_code"


def fact_body(aliases: dict[str, str], sentence: str | None, span: str | None,
              place: str | None, name_zh: str | None, name_en: str | None,
              code: str | None) -> str:
    """What ``facts_search`` indexes for a fact (before :func:`index_text`)."""
    return " ; ".join(p for p in (sentence, span, place, name_zh, name_en,
                                  aliases.get(code or "")) if p)


# Places, spans and alias lists repeat from fact to fact.
_short_index_text = lru_cache(maxsize=1 << 14)(index_text)


def fact_bodies(rows: Iterable[tuple], aliases: dict[str, str]) -> Iterator[tuple[int, str]]:
    """``(id, index_text(fact_body(...)))`` for rows of ``id`` and the ``_FACT_TEXT`` columns.

    Made a part at a time, which gives the same text (no Chinese run crosses " ; "), so the
    parts that repeat are made once: a sentence for the facts of one document stating
    several, places and alias lists for all.
    """
    document, sentences = None, {}
    for fact_id, document_id, sentence, *rest, code in rows:
        if document_id != document:
            document, sentences = document_id, {}
        parts = []
        if sentence:
            if sentence not in sentences:
                sentences[sentence] = index_text(sentence)
            parts.append(sentences[sentence])
        parts += [_short_index_text(p) for p in (*rest, aliases.get(code or "")) if p]
        yield fact_id, " ; ".join(parts)


def _document_body(title: str | None, publisher: str | None, text: str | None) -> str:
    return " ; ".join(p for p in (title, publisher, text) if p)


def rebuild_fact_search(db: sqlite_utils.Database) -> int:
    """Index every fact again. Commits nothing: the caller's transaction does."""
    aliases = place_alias_text(db)
    rows = db.execute(f"select id, {_FACT_TEXT} from facts order by id")
    db.execute("insert into facts_search(facts_search) values('delete-all')")
    db.execute("delete from search_removed_facts")
    cursor = db.conn.executemany(
        "insert into facts_search(rowid, body) values (?, ?)",
        fact_bodies(rows, aliases))
    return cursor.rowcount


def _indexed(db: sqlite_utils.Database, table: str, ids: list[int]) -> set[int]:
    found: set[int] = set()
    for n in range(0, len(ids), 500):
        part = ids[n:n + 500]
        found.update(r[0] for r in db.execute(
            f"select rowid from [{table}] where rowid in ({', '.join('?' * len(part))})", part))
    return found


def update_fact_search(db: sqlite_utils.Database, aliases: dict[str, str]) -> int:
    """Drop every fact removed or edited since the last refresh from the index (with the text
    it was indexed with), then index the facts of the documents in ``temp.publish_slice``
    not indexed. Returns the facts indexed. Commits nothing."""
    removed = db.execute(f"select id, {_FACT_TEXT} from search_removed_facts").fetchall()
    indexed = _indexed(db, "facts_search", [r[0] for r in removed])
    db.conn.executemany(
        "insert into facts_search(facts_search, rowid, body) values ('delete', ?, ?)",
        list(fact_bodies([r for r in removed if r[0] in indexed], aliases)))
    db.execute("delete from search_removed_facts")
    rows = db.execute(f"select id, {_FACT_TEXT} from facts where document_id in "
                      "(select document_id from temp.publish_slice) order by id").fetchall()
    done = _indexed(db, "facts_search", [r[0] for r in rows])
    new = list(fact_bodies([r for r in rows if r[0] not in done], aliases))
    db.conn.executemany("insert into facts_search(rowid, body) values (?, ?)", new)
    return len(new)


def _drop_removed_documents(db: sqlite_utils.Database) -> None:
    removed = db.execute("select r.id, r.title, r.publisher, r.text "
                         "from search_removed_documents r "
                         "join documents_search_state s on s.id = r.id").fetchall()
    db.conn.executemany(
        "insert into documents_search(documents_search, rowid, body) values ('delete', ?, ?)",
        [(r[0], index_text(_document_body(*r[1:]))) for r in removed])
    db.conn.executemany("delete from documents_search_state where id = ?",
                        [(r[0],) for r in removed])
    db.execute("delete from search_removed_documents")


def _index_documents(db: sqlite_utils.Database, where: str) -> int:
    rows = db.execute(
        "select id, sha256, title, publisher, text from documents "
        f"where {where} and id not in (select id from documents_search_state)").fetchall()
    db.conn.executemany("insert into documents_search(rowid, body) values (?, ?)",
                        [(r[0], index_text(_document_body(*r[2:]))) for r in rows])
    db.conn.executemany("insert into documents_search_state(id, sha256) values (?, ?)",
                        [(r[0], r[1]) for r in rows])
    return len(rows)


def update_document_search(db: sqlite_utils.Database, rebuild: bool = False,
                           only_queued: bool = False) -> int:
    """Index new documents and re-index changed ones; returns how many were indexed.

    ``only_queued``: look at the documents in ``temp.publish_slice`` only (the incremental
    refresh); otherwise at all, and a document whose text changed without the triggers
    seeing it (a database older than them) means indexing all again, as ``rebuild`` does.
    Commits nothing.
    """
    _drop_removed_documents(db)
    if only_queued:
        return _index_documents(db, "id in (select document_id from temp.publish_slice)")
    stale = db.execute(
        "select count(*) from documents_search_state s left join documents d on d.id = s.id "
        "where d.id is null or d.sha256 is not s.sha256"
    ).fetchone()[0]
    if rebuild or stale:
        db.execute("insert into documents_search(documents_search) values('delete-all')")
        db.execute("delete from documents_search_state")
    return _index_documents(db, "1")
