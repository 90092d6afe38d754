"""The approved memory's word index: one row per segment, read by store/memory.py's lookups.

`memory_texts` holds, per segment, a token `lang:side:stem` for each distinct stem of its source
(side "s") and of its approved translation (side "t") into each language, space-separated.
Migration 0029_memory_fts indexes it: on SQLite an external-content FTS5 table kept in step by
triggers (as the queue's search, store/search.py), on PostgreSQL a (token, segment) B-tree
table a trigger fills (its buffer pool takes the scattered writes; a GIN index would have to
collect every holder of a common token to count 501 of them). Why not a table of (stem, segment) rows: ordered by stem, an approval's
thousand rows land on a thousand pages all over it, and each commit writes them all again
(benchmarks/store_load.py grew from 35 to 140 ms an article with the store); a full-text
index writes an approval's tokens as one small segment and merges segments in bulk.

Each lookup here counts or lists the segments holding a token; the segment ids come newest
(highest) first where the caller keeps only some.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from functools import lru_cache

from sqlalchemy import Connection, TextClause, delete, select, text

from translate_pub.store import schema as t
from translate_pub.store.db import any_of, insert_rows

# Per backend: the index as a FROM item aliased m, the segment id in it, its match of one token.
_INDEX = {
    "sqlite": (f"{t.MEMORY_INDEX} m", "m.rowid", f"m.{t.MEMORY_INDEX} MATCH {{}}"),
    "postgresql": (f"{t.MEMORY_INDEX}_words m", "m.segment_id", "m.token = {}"),
}


def token(lang: str, side: str, stem: str) -> str:
    return f"{lang}:{side}:{stem}"


# Built once, as an approval's other statements (building costs more than running them).
_OLD = select(t.memory_texts.c.segment_id, t.memory_texts.c.words).where(
    any_of(t.memory_texts.c.segment_id, "ids")
)
_STALE = delete(t.memory_texts).where(any_of(t.memory_texts.c.segment_id, "ids"))


def write(
    conn: Connection,
    segment_ids: Collection[int],
    tokens: Mapping[int, Collection[str]],
    lang: str,
) -> None:
    """Make `tokens` these segments' words in `lang` (none: a segment not in `tokens`), keeping
    their words in other languages; rows that would not change are not written."""
    mt, mine = t.memory_texts, f"{lang}:"
    old = dict(conn.execute(_OLD, {"ids": [int(i) for i in segment_ids]}).all())
    new = {
        i: " ".join(
            sorted(
                [w for w in old.get(i, "").split() if not w.startswith(mine)]
                + list(tokens.get(i, ()))
            )
        )
        for i in segment_ids
    }
    # A row that changes is deleted (one statement) and written again with the new ones
    # (`insert_rows`: a few), as FTS5 writes what it holds at every statement; an UPDATE per
    # row was a statement per row.
    stale = [i for i, words in new.items() if i in old and words != old[i]]
    if stale:
        conn.execute(_STALE, {"ids": stale})
    insert_rows(
        conn,
        mt,
        ("segment_id", "words"),
        sorted((i, words) for i, words in new.items() if words and words != old.get(i)),
    )


def quoted(dialect: str, tok: str) -> str:
    """A token as one literal term of FTS5's query language (never query syntax); on
    PostgreSQL the token itself, compared as a value."""
    return '"{}"'.format(tok.replace('"', '""')) if dialect == "sqlite" else tok


def counts(conn: Connection, tokens: list[str], cap: int) -> dict[str, int]:
    """How many segments hold each token, counted up to `cap`: one statement per 256 tokens."""
    dialect, found = conn.dialect.name, dict[str, int]()
    for i in range(0, len(tokens), 256):
        chunk = padded(tokens[i : i + 256])
        params = {f"w{k}": quoted(dialect, w) if w else "" for k, w in enumerate(chunk)}
        rows = conn.execute(_counts_sql(dialect, len(chunk), cap), params)
        back = {quoted(dialect, w): w for w in chunk if w}
        found.update({back[r.word]: r.n for r in rows})
    return found


def padded(items: list[str]) -> list[str]:
    """`items` filled up to a power of two (with ""), so a statement is one of a few compiled."""
    return items + [""] * ((1 << max(len(items) - 1, 15).bit_length()) - len(items))


@lru_cache(maxsize=16)
def _counts_sql(dialect: str, size: int, cap: int) -> TextClause:
    source, _key, match = _INDEX[dialect]
    return text(
        f"WITH q(word) AS (VALUES {', '.join(f'(:w{k})' for k in range(size))}) "
        f"SELECT q.word, (SELECT count(*) FROM (SELECT 1 FROM {source} "
        f"WHERE {match.format('q.word')} LIMIT {cap}) AS capped) AS n "
        "FROM q WHERE q.word <> ''"
    )


def sharing(
    conn: Connection, wanted: list[tuple[int, str]], top: int
) -> dict[int, list[int]]:
    """For each number n of (n, token) pairs, the `top` segments holding most of its tokens
    (ties: newest first). One statement, counted and ranked by the database."""
    if not wanted:
        return {}
    dialect = conn.dialect.name
    pairs = wanted + [(-1, "")] * (len(padded([w for _n, w in wanted])) - len(wanted))
    params: dict[str, object] = {"top": top}
    for k, (n, w) in enumerate(pairs):
        params |= {f"n{k}": n, f"w{k}": quoted(dialect, w) if w else ""}
    found: dict[int, list[int]] = {}
    for r in conn.execute(_sharing_sql(dialect, len(pairs)), params):
        found.setdefault(r.n, []).append(r.segment_id)
    return found


@lru_cache(maxsize=16)
def _sharing_sql(dialect: str, size: int) -> TextClause:
    source, key, match = _INDEX[dialect]
    return text(
        f"WITH q(n, word) AS (VALUES {', '.join(f'(:n{k}, :w{k})' for k in range(size))}), "
        f"shared AS (SELECT q.n, {key} AS segment_id, count(*) AS c FROM q JOIN {source} "
        f"ON {match.format('q.word')} WHERE q.word <> '' GROUP BY q.n, {key}), "
        "ranked AS (SELECT n, segment_id, row_number() OVER (PARTITION BY n ORDER BY c DESC, "
        "segment_id DESC) AS r FROM shared) SELECT n, segment_id FROM ranked WHERE r <= :top "
        "ORDER BY n, r"
    )


def newest(conn: Connection, tok: str, limit: int) -> list[int]:
    """The newest `limit` segments holding the token, newest first (read in the index's order)."""
    dialect = conn.dialect.name
    source, key, match = _INDEX[dialect]
    sql = (
        f"SELECT {key} FROM {source} WHERE {match.format(':w')} "
        f"ORDER BY {key} DESC LIMIT :limit"
    )
    return list(
        conn.execute(text(sql), {"w": quoted(dialect, tok), "limit": limit}).scalars()
    )
