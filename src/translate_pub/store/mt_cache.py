"""The machine-translation cache: (engine, languages, glossary version, source text) → output.

A provider is never paid twice for the same sentence under the same glossary:
the pipeline looks here before calling an engine and writes every output here
in the same transaction that saves the draft.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime

from sqlalchemy import Connection, select

from translate_pub.store import schema as t
from translate_pub.store.db import upsert


def source_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def cached(
    conn: Connection,
    engine: str,
    source_lang: str,
    target_lang: str,
    glossary_version: str,
    texts: Iterable[str],
) -> dict[str, str]:
    """The cached output of each text that has one."""
    by_hash = {source_hash(x): x for x in texts}
    c = t.mt_cache.c
    found: dict[str, str] = {}
    hashes = list(by_hash)
    for i in range(
        0, len(hashes), 500
    ):  # keep the IN list within every backend's parameter limit
        rows = conn.execute(
            select(c.source_hash, c.output).where(
                c.engine == engine,
                c.source_lang == source_lang,
                c.target_lang == target_lang,
                c.glossary_version == glossary_version,
                c.source_hash.in_(hashes[i : i + 500]),
            )
        )
        found.update({by_hash[r.source_hash]: r.output for r in rows})
    return found


def remember(
    conn: Connection,
    engine: str,
    source_lang: str,
    target_lang: str,
    glossary_version: str,
    outputs: Mapping[str, str],
) -> None:
    """Cache outputs; a text already cached (by a concurrent run) keeps its first output."""
    if not outputs:
        return
    stamp = datetime.now(UTC)
    rows = [
        {
            "engine": engine,
            "source_lang": source_lang,
            "target_lang": target_lang,
            "glossary_version": glossary_version,
            "source_hash": source_hash(src),
            "output": out,
            "created_at": stamp,
        }
        for src, out in outputs.items()
    ]
    conn.execute(upsert(conn, t.mt_cache).on_conflict_do_nothing(), rows)
