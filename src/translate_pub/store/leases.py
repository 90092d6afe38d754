"""Leases on untranslated segments: a translate run claims the segments it is about to send to
the engine, so that a second run at the same time leaves them alone and each text is sent
(and paid for) once.

A lease names its holder (one per run) and expires `LEASE` after it was taken or last renewed
(the run renews its leases each time it saves drafts); a run releases its leases once their
drafts are saved. The holder's name says which process holds it (this boot of the machine, the
pid and its start time), so a run on the same machine sees at once that a killed run's process
is gone and takes its leases; a run elsewhere waits for them to expire.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Collection
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, delete, select, update

from translate_pub import lifeline
from translate_pub.store import schema as t
from translate_pub.store.db import ids_in, upsert

# Longer than one engine request takes, retries and rate-limit waits included.
LEASE = timedelta(minutes=2)


def new_holder() -> str:
    """A name for one translate run's leases: `BOOT-PID-START-RANDOM` (hex, at most 32 characters)."""
    pid = os.getpid()
    return f"{lifeline.boot_id()[:6]}-{pid:x}-{lifeline.start_time(pid) or 0:x}-{secrets.token_hex(3)}"


def _dead(holder: str, boot: str) -> bool:
    """Whether `holder` names a process of this boot of this machine that has ended."""
    parts = holder.split("-")
    if not boot or len(parts) != 4 or parts[0] != boot:
        return False  # another machine's (or an older name): only its expiry tells
    try:
        pid, started = int(parts[1], 16), int(parts[2], 16)
    except ValueError:
        return False
    return lifeline.start_time(pid) != started


def _drop_dead(
    conn: Connection, lang: str, segment_ids: Collection[int], holder: str
) -> None:
    c, boot = t.mt_leases.c, lifeline.boot_id()[:6]
    others = conn.scalars(
        select(c.holder)
        .distinct()
        .where(c.lang == lang, c.holder != holder, ids_in(c.segment_id, segment_ids))
    )
    dead = [h for h in others if _dead(h, boot)]
    if dead:
        conn.execute(delete(t.mt_leases).where(c.holder.in_(dead)))


def claim(
    conn: Connection,
    lang: str,
    segment_ids: Collection[int],
    holder: str,
    lease: timedelta = LEASE,
) -> set[int]:
    """Of `segment_ids`, those `holder` holds now: free, expired or dead runs' leases are taken,
    live runs' kept."""
    if not segment_ids:
        return set()
    _drop_dead(conn, lang, segment_ids, holder)
    c, at = t.mt_leases.c, datetime.now(UTC)
    conn.execute(
        delete(t.mt_leases).where(
            c.lang == lang, ids_in(c.segment_id, segment_ids), c.expires_at <= at
        )
    )
    rows = [
        {"segment_id": i, "lang": lang, "holder": holder, "expires_at": at + lease}
        for i in segment_ids
    ]
    conn.execute(upsert(conn, t.mt_leases).on_conflict_do_nothing(), rows)
    held = select(c.segment_id).where(
        c.lang == lang, c.holder == holder, ids_in(c.segment_id, segment_ids)
    )
    return set(conn.scalars(held))


def renew(conn: Connection, lang: str, holder: str, lease: timedelta = LEASE) -> None:
    """The run `holder` is alive: its leases last another `lease`."""
    c = t.mt_leases.c
    conn.execute(
        update(t.mt_leases)
        .where(c.lang == lang, c.holder == holder)
        .values(expires_at=datetime.now(UTC) + lease)
    )


def release(
    conn: Connection, lang: str, segment_ids: Collection[int], holder: str
) -> None:
    c = t.mt_leases.c
    if segment_ids:
        conn.execute(
            delete(t.mt_leases).where(
                c.lang == lang, c.holder == holder, ids_in(c.segment_id, segment_ids)
            )
        )
