"""Translation memory imported from TMX files: stored, merged, indexed by word, looked up.

An imported unit is a source sentence and its translation into one language. It is never
approved here: its provenance is `imported`, with the file it came from, its creator and
date. The same pair imported again (from this file or another) stays one unit, which keeps
the newest date with its creator and file. Lookups mirror store/memory.py's over approved
documents (exact sources, fuzzy candidates by rare words, concordance), which callers try first.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

from sqlalchemy import Connection, func, insert, select, tuple_, update

from translate_pub.model import Provenance
from translate_pub.store import memory
from translate_pub.store import schema as t
from translate_pub.store.db import ids_in
from translate_pub.store.memory import Entry

WORDS = "memory_unit_words"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class Unit(Protocol):
    """What `save` needs of a unit (review.tmx_read.TmxUnit is one)."""

    @property
    def lang(self) -> str: ...
    @property
    def source(self) -> str: ...
    @property
    def target(self) -> str: ...
    @property
    def creator(self) -> str: ...
    @property
    def changed(self) -> datetime | None: ...


@dataclass
class Saved:
    """What `save` did: units added, and units that merged with one already stored or read."""

    added: int = 0
    merged: int = 0


def unit_key(source: str, target: str) -> str:
    return hashlib.sha256(f"{source}\x00{target}".encode()).hexdigest()


@contextlib.contextmanager
def bulk(conn: Connection) -> Iterator[Connection]:
    """A transaction's connection made ready for a large import: on SQLite a 64 MB page cache for
    its duration, as the word index's tree outgrows the default 2 MB and would be written to the
    log again and again (a 50,000-unit file: 108 s wall for 18 s CPU)."""
    if conn.dialect.name != "sqlite":
        yield conn
        return
    default = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql("PRAGMA cache_size=-65536")
    try:
        yield conn
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size={int(default or -2000)}")


def save(conn: Connection, units: Sequence[Unit], file: str) -> Saved:
    """Store a batch of units from `file`, merging duplicates newest first; index the new ones."""
    newest: dict[tuple[str, str], Unit] = {}
    for u in units:
        k = (u.lang, unit_key(u.source, u.target))
        if k not in newest or _when(u.changed) > _when(newest[k].changed):
            newest[k] = u
    mu, stamp = t.memory_units, datetime.now(UTC)
    stored = (
        {
            (r.lang, r.key): r
            for r in conn.execute(
                select(mu.c.id, mu.c.lang, mu.c.key, mu.c.changed_at).where(
                    tuple_(mu.c.lang, mu.c.key).in_(list(newest))
                )
            )
        }
        if newest
        else {}
    )
    fresh = [(k, u) for k, u in newest.items() if k not in stored]
    if fresh:
        conn.execute(insert(mu), [_row(k[1], u, file, stamp) for k, u in fresh])
    for k, u in newest.items():
        old = stored.get(k)
        if old is not None and _when(u.changed) > _when(old.changed_at):
            conn.execute(
                update(mu)
                .where(mu.c.id == old.id)
                .values(
                    file=file[:500],
                    creator=u.creator,
                    changed_at=u.changed,
                    imported_at=stamp,
                )
            )
    _index(conn, [k for k, _u in fresh])
    return Saved(added=len(fresh), merged=len(units) - len(fresh))


def _when(changed: datetime | None) -> datetime:
    return changed or _EPOCH


def _row(key: str, u: Unit, file: str, stamp: datetime) -> dict[str, object]:
    return {
        "lang": u.lang,
        "key": key,
        "source": u.source,
        "target": u.target,
        "origin": Provenance.IMPORTED.value,
        "file": file[:500],
        "creator": u.creator,
        "changed_at": u.changed,
        "imported_at": stamp,
    }


def _index(conn: Connection, keys: list[tuple[str, str]]) -> None:
    """Index the words of these new units. Plain driver rows: built through SQLAlchemy's
    statement layer, 500,000 index rows (a 20,000-unit file) cost three times their insert."""
    mu, rows = t.memory_units, list[tuple[str, str, str, int]]()
    for i in range(0, len(keys), 500):
        for r in conn.execute(
            select(mu.c.id, mu.c.lang, mu.c.source, mu.c.target).where(
                tuple_(mu.c.lang, mu.c.key).in_(keys[i : i + 500])
            )
        ):
            rows += [
                (w, r.lang, side, r.id)
                for side, text in (("s", r.source), ("t", r.target))
                for w in memory.words(text)
            ]
    rows.sort()  # in the index's order: each insert lands beside the last instead of anywhere in the tree
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    sql = f"INSERT INTO {WORDS} (word, lang, side, unit_id) VALUES ({mark}, {mark}, {mark}, {mark})"
    for i in range(0, len(rows), 5000):
        conn.exec_driver_sql(sql, rows[i : i + 5000])


def exact(conn: Connection, sources: Iterable[str], lang: str) -> dict[str, str]:
    """The newest imported translation of each of these exact source texts (absent: none)."""
    return {src: e.target for src, e in exact_units(conn, sources, lang).items()}


def exact_units(
    conn: Connection, sources: Iterable[str], lang: str
) -> dict[str, Entry]:
    """`exact`, each as the imported unit it is (its file named as the entry's title)."""
    mu, texts, found = t.memory_units, list(dict.fromkeys(sources)), dict[str, Entry]()
    for i in range(0, len(texts), 500):
        rows = conn.execute(
            select(mu.c.id, mu.c.source, mu.c.target, mu.c.file)
            .where(mu.c.lang == lang, mu.c.source.in_(texts[i : i + 500]))
            .order_by(mu.c.changed_at.desc().nulls_last(), mu.c.id.desc())
        )
        for r in rows:
            found.setdefault(
                r.source,
                Entry(r.id, 0, 0, r.file, r.source, r.target, Provenance.IMPORTED),
            )
    return found


def similar(
    conn: Connection, sources: Iterable[str], lang: str
) -> dict[str, list[Entry]]:
    """Imported units sharing the rarer words of each source: fuzzy candidates."""
    picked = memory.candidates(conn, sources, lang, WORDS)
    entries = _entries(conn, {i for ids in picked.values() for i in ids})
    return {
        src: [entries[i] for i in ids if i in entries] for src, ids in picked.items()
    }


def concordance(
    conn: Connection, phrase: str, lang: str, limit: int = 20
) -> list[Entry]:
    """Imported units whose source or translation holds `phrase` (its words in order, any form
    of each), newest imports first."""
    found = list[Entry]()
    ids = memory.holding(conn, phrase, lang, WORDS)
    for i in range(0, len(ids), 100):
        batch = sorted(
            _entries(conn, ids[i : i + 100]).values(), key=lambda e: -e.segment_id
        )
        found += [
            e
            for e in batch
            if memory.phrase_at(e.source, phrase) or memory.phrase_at(e.target, phrase)
        ]
        if len(found) >= limit:
            break
    return found[:limit]


def _entries(conn: Connection, ids: Collection[int]) -> dict[int, Entry]:
    if not ids:
        return {}
    mu = t.memory_units
    rows = conn.execute(
        select(mu.c.id, mu.c.source, mu.c.target, mu.c.file).where(ids_in(mu.c.id, ids))
    )
    return {
        r.id: Entry(r.id, 0, 0, r.file, r.source, r.target, Provenance.IMPORTED)
        for r in rows
    }


def count(conn: Connection, lang: str | None = None) -> int:
    """How many imported units there are (in `lang`, or in every language)."""
    mu = t.memory_units
    query = select(func.count()).select_from(mu)
    return int(
        conn.execute(query.where(mu.c.lang == lang) if lang else query).scalar_one()
    )
