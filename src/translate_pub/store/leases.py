"""Leases on untranslated segments: a translate run claims the segments it is about to send to
the engine, so that a second run at the same time leaves them alone and each text is sent
(and paid for) once.

A lease names its holder (one per run) and expires `LEASE` after it was taken or last renewed
(the run renews its leases each time it saves drafts), so the claims of a run that was killed
come back by themselves within `LEASE`; a run releases its leases once their drafts are saved.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite

from translate_pub.store import schema as t
from translate_pub.store.db import ids_in

# Longer than one engine request takes, retries and rate-limit waits included.
LEASE = timedelta(minutes=2)


def new_holder() -> str:
    """A name for one translate run's leases."""
    return uuid.uuid4().hex


def claim(conn: Connection, lang: str, segment_ids: Collection[int], holder: str,
          lease: timedelta = LEASE) -> set[int]:
    """Of `segment_ids`, those `holder` holds now: free or expired leases are taken, others' kept."""
    if not segment_ids:
        return set()
    c, at = t.mt_leases.c, datetime.now(UTC)
    conn.execute(delete(t.mt_leases).where(c.lang == lang, ids_in(c.segment_id, segment_ids), c.expires_at <= at))
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    rows = [{"segment_id": i, "lang": lang, "holder": holder, "expires_at": at + lease} for i in segment_ids]
    conn.execute(dialect.insert(t.mt_leases).on_conflict_do_nothing(), rows)
    held = select(c.segment_id).where(c.lang == lang, c.holder == holder, ids_in(c.segment_id, segment_ids))
    return set(conn.scalars(held))


def renew(conn: Connection, lang: str, holder: str, lease: timedelta = LEASE) -> None:
    """The run `holder` is alive: its leases last another `lease`."""
    c = t.mt_leases.c
    conn.execute(update(t.mt_leases).where(c.lang == lang, c.holder == holder)
                 .values(expires_at=datetime.now(UTC) + lease))


def release(conn: Connection, lang: str, segment_ids: Collection[int], holder: str) -> None:
    c = t.mt_leases.c
    if segment_ids:
        conn.execute(delete(t.mt_leases).where(c.lang == lang, c.holder == holder, ids_in(c.segment_id, segment_ids)))
