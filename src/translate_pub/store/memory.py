"""The translation memory beyond exact matches: candidates for fuzzy matches, and concordance.

Memory is every translation of documents approved in a language: human translations, and
machine translations a reviewer approved as they were (each `Entry` says which, and who approved
it when). When a document is approved, `index` records each distinct word of those translations (side "t") and of their
sources (side "s") in its word index (store/memory_index.py); lookups still join the live status, so the rows of a
document reopened since are simply not found until it is approved (and indexed) again.

A fuzzy lookup picks a sentence's candidates by its rarest words: a word found in more than
COMMON memory sources ("в", "суд") says little and would make the lookup scan them all.
The review app scores the candidates (review/suggestions.py).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import NamedTuple, TypeVar

from sqlalchemy import (
    Connection,
    TextClause,
    and_,
    bindparam,
    delete,
    select,
    text,
)

from translate_pub import names, stems
from translate_pub.model import Origin, Provenance, Status
from translate_pub.store import memory_index
from translate_pub.store import schema as t
from translate_pub.store.db import any_of, hold, ids_in, insert_rows, upsert
from translate_pub.store.review import Reading

T = TypeVar("T")
COMMON = 500  # a word in more memory segments than this picks no candidates
RARE = 6  # the rarest words of a sentence that pick its candidates
CANDIDATES = 10  # per sentence: those sharing the most of its rare words
SCANNED = 1000  # concordance: newest memory segments holding the query's rarest word
APPROVED = "memory_texts"  # the approved memory's index (memory_index.py); imported units have theirs
LONGEST = 64  # characters of an indexed stem: longer tokens (URLs) are left out


def words(text: str) -> set[str]:
    """The distinct stems of a text's words, as the queue's search makes them (stems.py), so
    «задержание» meets «задержаниям»; over-long tokens such as URLs are left out."""
    return {w for w in stems.terms(text) if len(w) <= LONGEST}


def _tokens(prefix: str, text: str) -> list[str]:
    """`words` of `text` as index tokens (`prefix` + stem), without building its set first."""
    return [prefix + w for w in stems.terms(text) if len(w) <= LONGEST]


def phrase_at(text: str, phrase: str) -> list[tuple[int, int]]:
    """Where `phrase` stands in `text`, word for word by stems, ignoring case and punctuation
    between words: (start, end) of each occurrence, from its first word to its last."""
    wanted = [stem for _s, _e, stem in stems.located(phrase)]
    have = stems.located(text)
    n = len(wanted)
    if not n:
        return []
    return [
        (have[i][0], have[i + n - 1][1])
        for i in range(len(have) - n + 1)
        if [stem for _s, _e, stem in have[i : i + n]] == wanted
    ]


class Kept(NamedTuple):
    """A sentence whose approved translation becomes memory."""

    id: int
    source: str
    text: str
    origin: str


def index(conn: Connection, doc_ids: Collection[int], lang: str) -> None:
    """(Re)index the translations into `lang` of these documents' current segments (names: the
    human ones, which say how this newsroom writes a name)."""
    for doc_id in sorted(doc_ids):  # the advisory locks in one order
        index_read(conn, doc_id, lang, Reading.of(conn, doc_id, lang))


def index_read(conn: Connection, doc_id: int, lang: str, reading: Reading) -> None:
    """`index` of one document as the caller (an approval) has read it, without reading it again."""
    # A sentence a reviewer left out was not approved, whatever text it holds: not memory.
    kept = [
        Kept(r.segment_id, r.source, r.text, r.origin)
        for r in reading.rows
        if r.text and r.segment_id not in reading.omitted
    ]
    _write(conn, doc_id, [r.segment_id for r in reading.rows], kept, lang)


def _write(
    conn: Connection,
    doc_id: int,
    segment_ids: list[int],
    kept: list[Kept],
    lang: str,
) -> None:
    # One row of memory_texts holds a segment's words in every language, and two languages of
    # a document may be approved at once (each locks only its own status row): on PostgreSQL
    # an advisory lock per document, held until the transaction ends, makes one approval read
    # the row the other wrote (SQLite has one writer at a time anyway). Not a lock on the
    # documents row: an ingest's revision holds that row, then waits for the status row this
    # approval holds (a deadlock), and an edition's foreign key holds it shared.
    hold(conn, f"memory-index:{doc_id}")
    source, target = (memory_index.token(lang, side, "") for side in ("s", "t"))
    memory_index.write(
        conn,
        segment_ids,
        {r.id: {*_tokens(source, r.source), *_tokens(target, r.text)} for r in kept},
        lang,
    )
    _index_names(
        conn, [r for r in kept if r.origin == Origin.HUMAN.value], segment_ids, lang
    )


_UNNAMED = (  # built once: every approval replaces its segments' name renderings
    delete(t.name_renderings)
    .where(
        any_of(t.name_renderings.c.segment_id, "ids"),
        t.name_renderings.c.lang == bindparam("in_lang"),
    )
    .returning(t.name_renderings.c.name, t.name_renderings.c.rendering)
)


def _index_names(
    conn: Connection,
    human: Sequence[Kept],
    segment_ids: list[int],
    lang: str,
) -> None:
    """Replace these segments' name renderings, and move the per-name counts by the difference."""
    nr = t.name_renderings
    old = Counter(
        (r.name, r.rendering)
        for r in conn.execute(  # one statement: what goes is what was
            _UNNAMED, {"ids": segment_ids, "in_lang": lang}
        )
    )
    rows = sorted(
        {
            (key, lang, rendering[:64], r.id)
            for r in human
            for key in names.names(r.source)
            for rendering in names.renderings(key, r.text)
        }
    )
    insert_rows(conn, nr, ("name", "lang", "rendering", "segment_id"), rows)
    new = Counter((name, rendering) for name, _lang, rendering, _id in rows)
    _count(
        conn,
        lang,
        {k: new[k] - old[k] for k in old.keys() | new.keys() if new[k] != old[k]},
    )


def _count(conn: Connection, lang: str, deltas: dict[tuple[str, str], int]) -> None:
    if not deltas:
        return
    nc = t.name_counts
    stmt = upsert(conn, nc)
    conn.execute(  # one executemany: a statement per name cost more than the counting
        stmt.on_conflict_do_update(
            index_elements=[nc.c.name, nc.c.lang, nc.c.rendering],
            set_={"n": nc.c.n + stmt.excluded.n},
        ),
        [
            {"name": name, "lang": lang, "rendering": rendering, "n": delta}
            for (name, rendering), delta in sorted(deltas.items())
        ],
    )
    if any(d < 0 for d in deltas.values()):
        conn.execute(delete(nc).where(nc.c.lang == lang, nc.c.n <= 0))


def name_renderings(
    conn: Connection, keys: Collection[str], lang: str
) -> dict[str, Counter[str]]:
    """How approved translations rendered these names (dictionary forms): rendering → sentences."""
    if not keys:
        return {}
    nc, found = t.name_counts, defaultdict[str, Counter[str]](Counter)
    for r in conn.execute(
        select(nc.c.name, nc.c.rendering, nc.c.n).where(
            nc.c.name.in_(sorted(keys)), nc.c.lang == lang
        )
    ):
        found[r.name][r.rendering] = r.n
    return dict(found)


@dataclass(frozen=True)
class Entry:
    """One memory unit: an approved source sentence and its translation, or an imported
    unit (`segment_id` is then the unit's id, `title` the file it came from, `document_id` 0)."""

    segment_id: int
    document_id: int
    position: int
    title: str
    source: str
    target: str
    provenance: Provenance = Provenance.APPROVED
    approved_by: str = ""  # who approved the edition it belongs to (approved units)
    approved_at: datetime | None = None


def similar(
    conn: Connection, sources: Iterable[str], lang: str, exclude_doc: int
) -> dict[str, list[Entry]]:
    """Memory units (of other documents) sharing the rarer words of each source: fuzzy candidates."""
    picked = candidates(conn, sources, lang, APPROVED)
    entries = _entries(
        conn, {i for ids in picked.values() for i in ids}, lang, exclude_doc
    )
    return {
        src: [entries[i] for i in ids if i in entries] for src, ids in picked.items()
    }


def candidates(
    conn: Connection, sources: Iterable[str], lang: str, table: str
) -> dict[str, list[int]]:
    """The ids (in `table`'s index) of the memory units sharing the rarer words of each source."""
    wanted = {src: words(src) for src in dict.fromkeys(sources)}
    counts = _counts(conn, set().union(*wanted.values()), lang, ("s",), table)
    rare = {
        src: sorted(
            (w for w in found if 0 < counts.get(w, 0) <= COMMON),
            key=lambda w: (counts[w], w),
        )[:RARE]
        for src, found in wanted.items()
    }
    return _sharing(conn, rare, lang, table)


def concordance(
    conn: Connection, phrase: str, lang: str, limit: int = 20
) -> list[Entry]:
    """Memory units whose source or translation holds `phrase` (its words in order, any form
    of each: the same stems as the queue's search), newest first."""
    found = list[Entry]()
    ids = holding(conn, phrase, lang, APPROVED)
    for i in range(0, len(ids), 100):  # newest first, until enough hits
        batch = sorted(
            _entries(conn, ids[i : i + 100], lang).values(), key=lambda e: -e.segment_id
        )
        found += [
            e
            for e in batch
            if phrase_at(e.source, phrase) or phrase_at(e.target, phrase)
        ]
        if len(found) >= limit:
            break
    return found[:limit]


def holding(conn: Connection, phrase: str, lang: str, table: str) -> list[int]:
    """The newest SCANNED units (ids in `table`'s index) holding the phrase's rarest word, newest first."""
    counts = _counts(conn, words(phrase), lang, ("s", "t"), table)
    if not counts or min(counts.values()) == 0:
        return []
    rarest = min(counts, key=lambda w: (counts[w], w))
    if table == APPROVED:
        found = set[int]()
        for side in ("s", "t"):
            found.update(
                memory_index.newest(
                    conn, memory_index.token(lang, side, rarest), SCANNED
                )
            )
        return sorted(found, reverse=True)[:SCANNED]
    mw, found = t.metadata.tables[table], set[int]()
    key = mw.c.unit_id if table == "memory_unit_words" else mw.c.segment_id
    for side in ("s", "t"):  # one side at a time reads the index in order, with no sort
        found.update(
            conn.execute(
                select(key)
                .where(mw.c.word == rarest, mw.c.lang == lang, mw.c.side == side)
                .order_by(key.desc())
                .limit(SCANNED)
            ).scalars()
        )
    return sorted(found, reverse=True)[:SCANNED]


def _counts(
    conn: Connection,
    found: Collection[str],
    lang: str,
    sides: tuple[str, ...],
    table: str = APPROVED,
) -> dict[str, int]:
    """How many memory segments hold each word, counted up to COMMON + 1 (enough to rule it out).

    `table` is the word index read: APPROVED, or memory_unit_words for imported units."""
    if table == APPROVED:  # a row per side holding the word, as in memory_unit_words
        tokens = {
            (w, side): memory_index.token(lang, side, w)
            for w in found
            for side in sides
        }
        held = memory_index.counts(conn, sorted(tokens.values()), COMMON + 1)
        return {
            w: min(sum(held.get(tokens[w, side], 0) for side in sides), COMMON + 1)
            for w in found
        }
    ordered, counts = sorted(found), dict[str, int]()
    for i in range(0, len(ordered), 256):
        chunk = _padded(ordered[i : i + 256], "")
        params = {f"w{k}": w for k, w in enumerate(chunk)} | {
            "lang": lang,
            "sides": list(sides),
        }
        counts.update(
            {
                r.word: r.n
                for r in conn.execute(_counts_sql(len(chunk), table), params)
                if r.word
            }
        )
    return counts


def _padded(items: list[T], filler: T) -> list[T]:
    """`items` filled up to a power of two, so a page's statement is one of a few compiled ones."""
    return items + [filler] * ((1 << max(len(items) - 1, 15).bit_length()) - len(items))


@lru_cache(maxsize=16)
def _counts_sql(size: int, table: str) -> TextClause:
    """Text, because an expression tree of hundreds of subqueries costs more to build than to run."""
    return text(
        f"WITH q(word) AS (VALUES {', '.join(f'(:w{k})' for k in range(size))}) "
        f"SELECT q.word, (SELECT count(*) FROM (SELECT 1 FROM {table} m WHERE m.word = q.word "
        f"AND m.lang = :lang AND m.side IN :sides LIMIT {COMMON + 1}) AS capped) AS n FROM q"
    ).bindparams(bindparam("sides", expanding=True))


def _sharing(
    conn: Connection, rare: dict[str, list[str]], lang: str, table: str = APPROVED
) -> dict[str, list[int]]:
    """For each source, the CANDIDATES memory sources sharing the most of its rare words.

    One statement for the whole page, counted and ranked by the database: fetching the
    postings instead would bring 10,000 rows a page into Python.
    """
    pairs = [(n, w) for n, ws in enumerate(rare.values()) for w in ws]
    if not pairs:
        return {}
    if table == APPROVED:
        shared = memory_index.sharing(
            conn, [(n, memory_index.token(lang, "s", w)) for n, w in pairs], CANDIDATES
        )
        return {src: shared[n] for n, src in enumerate(rare) if shared.get(n)}
    pairs = _padded(pairs, (-1, ""))
    params: dict[str, object] = {"lang": lang, "top": CANDIDATES}
    for k, (n, w) in enumerate(pairs):
        params |= {f"n{k}": n, f"w{k}": w}
    rows = conn.execute(_sharing_sql(len(pairs), table), params)
    found = defaultdict[int, list[int]](list)
    for r in rows:
        found[r.n].append(r.segment_id)
    return {src: found[n] for n, src in enumerate(rare) if found[n]}


@lru_cache(maxsize=16)
def _sharing_sql(size: int, table: str) -> TextClause:
    key = "unit_id" if table == "memory_unit_words" else "segment_id"
    return text(
        f"WITH q(n, word) AS (VALUES {', '.join(f'(:n{k}, :w{k})' for k in range(size))}), "
        f"shared AS (SELECT q.n, m.{key} AS segment_id, count(*) AS c FROM q JOIN {table} m "
        f"ON m.word = q.word AND m.lang = :lang AND m.side = 's' GROUP BY q.n, m.{key}), "
        "ranked AS (SELECT n, segment_id, row_number() OVER (PARTITION BY n ORDER BY c DESC, segment_id DESC) AS r "
        "FROM shared) SELECT n, segment_id FROM ranked WHERE r <= :top ORDER BY n, r"
    )


def _entries(
    conn: Connection, ids: Collection[int], lang: str, exclude_doc: int | None = None
) -> dict[int, Entry]:
    """These segments as memory units, if their document is still approved in `lang`.

    Two queries: joined with doc_status in one, SQLite starts from every approved
    document's segments (130,000 at 10,000 documents) instead of these few ids.
    """
    if not ids:
        return {}
    d, s, tr, st = t.documents, t.segments, t.translations, t.doc_status
    query = (
        select(
            s.c.id,
            s.c.document_id,
            s.c.position,
            s.c.source,
            tr.c.text,
            tr.c.origin,
            d.c.title,
        )
        .join(d, d.c.id == s.c.document_id)
        .join(tr, and_(tr.c.segment_id == s.c.id, tr.c.lang == lang))
        .where(ids_in(s.c.id, ids), tr.c.text != "")
    )
    if exclude_doc is not None:
        query = query.where(s.c.document_id != exclude_doc)
    rows = conn.execute(query).all()
    approved = set(
        conn.execute(
            select(st.c.document_id).where(
                ids_in(st.c.document_id, {r.document_id for r in rows}),
                st.c.lang == lang,
                st.c.status >= int(Status.APPROVED),
            )
        ).scalars()
    )
    by = _approvals(conn, approved, lang)
    return {
        r.id: Entry(
            r.id,
            r.document_id,
            r.position,
            r.title,
            r.source,
            r.text,
            Provenance.APPROVED_MACHINE
            if r.origin == Origin.MACHINE.value
            else Provenance.APPROVED,
            *by.get(r.document_id, ("", None)),
        )
        for r in rows
        if r.document_id in approved
    }


def _approvals(
    conn: Connection, doc_ids: Collection[int], lang: str
) -> dict[int, tuple[str, datetime]]:
    """Who approved each document's newest edition in `lang`, and when."""
    e = t.editions
    found: dict[int, tuple[str, datetime]] = {}
    for r in conn.execute(
        select(e.c.document_id, e.c.approved_by, e.c.approved_at)
        .where(ids_in(e.c.document_id, doc_ids), e.c.lang == lang)
        .order_by(e.c.id)
    ):
        found[r.document_id] = (r.approved_by, r.approved_at)
    return found
