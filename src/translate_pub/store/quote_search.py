"""Finding what a digest can quote: approved sentences by text, outlet, tag, date or any other test.

Text is matched as the queue's search matches it (store/search.py, stems.py): every word of the
query, as a Snowball stem, begins a word of the sentence, so «протестующих» finds «протестующие»
and "appeal" finds "appeals". Documents come first from the queue's full-text index (titles and
Russian text), then from the newest approved ones whose English may hold the words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import Connection, exists, select

from translate_pub.placeholders import PLACEHOLDER
from translate_pub.slugs import slugify
from translate_pub.stems import terms
from translate_pub.store import schema as t
from translate_pub.store.digests import QuotedSegment, quotable
from translate_pub.store.search import matching

SCANNED = 500  # newest approved documents whose sentences one search looks through


@dataclass(frozen=True)
class Found:
    """One approved document and its sentences that match; `key` is what a shortcode's doc= takes."""

    key: str
    document_id: int
    title: str
    outlet: str
    published_at: datetime | None
    tags: tuple[str, ...]
    segments: tuple[QuotedSegment, ...]


@dataclass(frozen=True)
class Query:
    text: str = ""  # words in the Russian or the approved translation, any form (stems)
    outlet: str = ""  # part of the outlet's name
    tag: str = ""  # one of the document's tags, exactly (any case)
    day: date | None = None  # the original's publication day
    sentence: Callable[[str], bool] | None = (
        None  # any further test of a Russian sentence (glossary terms)
    )


def search(conn: Connection, lang: str, query: Query, limit: int = 20) -> list[Found]:
    """Documents with an approved `lang` edition, newest first, with their sentences matching `query`."""
    found: list[Found] = []
    words = terms(query.text)
    if query.text.strip() and not words:
        return found  # punctuation only: nothing to look for, rather than everything
    for row in _documents(conn, lang, query):
        source = quotable(conn, row.id, lang)
        if source is None:
            continue
        # A sentence with no approved words (empty, or left out by a reviewer) is never offered.
        hits = tuple(
            s for s in source.segments if s.target.strip() and _matches(s, words, query)
        )
        if hits:
            found.append(
                Found(
                    f"{slugify(row.outlet)}/{row.slug}",
                    row.id,
                    row.title,
                    row.outlet,
                    row.published_at,
                    tuple(row.tags or ()),
                    hits,
                )
            )
        if len(found) == limit:
            break
    return found


def _documents(conn: Connection, lang: str, query: Query) -> list:  # type: ignore[type-arg]
    """The newest SCANNED approved documents passing the outlet, tag and day filters.

    Those filters run here rather than in SQL: SQLite folds only ASCII case, and outlets are Russian.
    """
    d, e = t.documents, t.editions
    q = (
        select(d.c.id, d.c.slug, d.c.title, d.c.outlet, d.c.published_at, d.c.tags)
        .where(
            d.c.kind == "article",
            exists().where(e.c.document_id == d.c.id, e.c.lang == lang),
        )
        .order_by(d.c.published_at.desc().nulls_last(), d.c.id.desc())
    )
    if query.day:
        start = datetime.combine(query.day, time())
        q = q.where(d.c.published_at >= start)
        if query.day < date.max:  # the day after the last one would overflow
            q = q.where(d.c.published_at < start + timedelta(days=1))
    outlet, tag = query.outlet.casefold(), query.tag.casefold()
    indexed = (
        list(
            conn.execute(
                q.where(
                    d.c.id.in_(
                        select(t.doc_status.c.document_id).where(
                            matching(conn.dialect.name, query.text)
                        )
                    )
                )
            )
        )
        if query.text.strip()
        else []
    )
    seen = {r.id for r in indexed}
    rows = [
        r
        for r in (
            *indexed,
            *(r for r in conn.execute(q.limit(SCANNED)) if r.id not in seen),
        )
        if outlet in r.outlet.casefold()
        and (not tag or any(str(x).casefold() == tag for x in r.tags or ()))
    ]
    return rows[:SCANNED]


def _matches(s: QuotedSegment, words: tuple[str, ...], query: Query) -> bool:
    if words:
        have = terms(PLACEHOLDER.sub(" ", f"{s.source} {s.target}"))
        if not all(
            any(h.startswith(w) if not w.isdigit() else h == w for h in have)
            for w in words
        ):
            return False
    return query.sentence is None or query.sentence(s.source)
