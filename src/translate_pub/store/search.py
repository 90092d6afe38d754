"""The queue's full-text search: each document's search terms, kept in step with its text, and the match.

`doc_search` holds one row per document: the `stems.terms` of its title, its current source
sentences and its title's translations. `reindex` rewrites the rows of documents whose text
may have changed (a new revision, a saved translation) and leaves unchanged rows alone.

The full-text index over the terms comes from migration 0012_fulltext: on SQLite an
external-content FTS5 table that triggers keep in step with `doc_search`, on PostgreSQL a
GIN index over a tsvector column generated from the terms. `matching` turns what a user typed into a query on
either backend. Every word must occur, each as a prefix of a term (so «оштраф» finds
«оштрафовал»), a number as itself ("5" does not find 50); the user's text is only ever words, never query syntax: quotes, OR, NEAR,
`-`, `*` and column filters are punctuation or plain words.

Why stems and prefixes rather than FTS5's trigram tokenizer (with pg_trgm on PostgreSQL): trigrams
find any substring, but not an inflection that changes the word's ending («Казань» → «в Казани»),
and they need an extension on PostgreSQL. Stems matched as prefixes find both the other forms of
a word and a word begun; what they miss is a piece from inside a word («штраф» in «оштрафовал»).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Integer,
    String,
    and_,
    bindparam,
    cast,
    column,
    false,
    insert,
    literal,
    literal_column,
    select,
    text,
    union_all,
    update,
)
from sqlalchemy.sql.selectable import Select, TextualSelect

from translate_pub.placeholders import PLACEHOLDER
from translate_pub.stems import terms, terms_of
from translate_pub.store import schema as t
from translate_pub.store.db import any_of

# PostgreSQL's generated tsvector column under the GIN index (the migration's, like the index).
PG_VECTOR = f"doc_search.{t.SEARCH_INDEX}_vector"


d, s, tr, ds = t.documents, t.segments, t.translations, t.doc_search
_current = and_(d.c.id == s.c.document_id, d.c.revision == s.c.revision)
# Built once (building a select costs more than SQLite running it), one statement: each
# document's title (part 0), its current source sentences in order (1), its title's
# translations by language (2) and the terms stored now (3).
_0, _1, _2, _3 = (literal_column(str(n), Integer) for n in range(4))
_NONE = literal_column("''", String)
_TITLES = select(d.c.id, _0, _0, _NONE, d.c.title).where(any_of(d.c.id, "docs"))
_SOURCES = (
    select(s.c.document_id, _1, s.c.position, _NONE, s.c.source)
    .join(d, _current)
    .where(any_of(s.c.document_id, "docs"))
)
_TRANSLATED_TITLES = (
    select(s.c.document_id, _2, _0, tr.c.lang, tr.c.text)
    .join(s, s.c.id == tr.c.segment_id)
    .join(d, _current)
    .where(any_of(s.c.document_id, "docs"), s.c.block == "title", tr.c.text != "")
)
_STORED = select(ds.c.document_id, _3, _0, _NONE, ds.c.terms).where(
    any_of(ds.c.document_id, "docs")
)
_PARTS = union_all(_TITLES, _SOURCES, _TRANSLATED_TITLES, _STORED).order_by(
    literal_column("2"), literal_column("3"), literal_column("4")
)
_CHANGE = (
    update(ds)
    .where(ds.c.document_id == bindparam("doc"))
    .values(terms=bindparam("text"))
)
_ADD = insert(ds)
_TITLE_OWNERS = select(s.c.document_id).where(
    any_of(s.c.id, "ids"), s.c.block == "title"
)


def index_new(conn: Connection, doc_id: int, title: str, sources: list[str]) -> None:
    """The search terms of a new document, from its title and sources in order (what
    `reindex` reads back before any title is translated), without reading them back."""
    conn.execute(_ADD, {"document_id": doc_id, "terms": _terms_of([title, *sources])})


def _terms_of(texts: list[str]) -> str:
    return " ".join(terms_of(PLACEHOLDER.sub(" ", text) for text in texts))


def reindex(conn: Connection, doc_ids: Collection[int]) -> None:
    """Bring the search terms of these documents up to date, writing only the rows that changed."""
    if not doc_ids:
        return
    texts: dict[int, list[str]] = defaultdict(list)
    old: dict[int, str] = {}
    for doc_id, part, _n, _lang, part_text in conn.execute(
        _PARTS, {"docs": [int(i) for i in doc_ids]}
    ):
        if part == 3:
            old[doc_id] = part_text
        else:
            texts[doc_id].append(part_text)
    new = {doc_id: _terms_of(parts) for doc_id, parts in texts.items()}
    changed = [
        {"doc": doc_id, "text": text}
        for doc_id, text in new.items()
        if doc_id in old and old[doc_id] != text
    ]
    added = [
        {"document_id": doc_id, "terms": text}
        for doc_id, text in new.items()
        if doc_id not in old
    ]
    if changed:
        conn.execute(_CHANGE, changed)
    if added:
        conn.execute(_ADD, added)


def reindex_titles(conn: Connection, segment_ids: Collection[int]) -> None:
    """`reindex` the documents of those of these segments that are titles (a title's translation is searchable)."""
    reindex(
        conn,
        set(
            conn.execute(
                _TITLE_OWNERS, {"ids": [int(i) for i in segment_ids]}
            ).scalars()
        ),
    )


def matching(dialect: str, query: str) -> ColumnElement[bool]:
    """`doc_status` rows whose document has every word of `query` (none at all if it has no words)."""
    words = terms(query)
    if not words:
        return false()
    if dialect == "sqlite":
        # Each stem a quoted FTS5 string ("" escapes a quote), `*` making it a prefix; space means AND.
        fts = " ".join(
            '"{}"{}'.format(w.replace('"', '""'), "" if w.isdigit() else "*")
            for w in words
        )
        found: Select[Any] | TextualSelect = (
            text(
                f"SELECT rowid FROM {t.SEARCH_INDEX} WHERE {t.SEARCH_INDEX} MATCH :fts"
            )
            .bindparams(fts=fts)
            .columns(column("rowid", Integer))
        )
    else:
        from sqlalchemy.dialects.postgresql import TSQUERY  # PostgreSQL's stores only

        # A tsquery literal: each stem quoted ('' and \\ escaped), `:*` a prefix, & all required.
        tsq = " & ".join(
            "'{}'{}".format(
                w.replace("\\", "\\\\").replace("'", "''"), "" if w.isdigit() else ":*"
            )
            for w in words
        )
        found = select(t.doc_search.c.document_id).where(
            literal_column(PG_VECTOR).bool_op("@@")(cast(literal(tsq), TSQUERY))
        )
    return t.doc_status.c.document_id.in_(found)
