"""Conditional-GET validators (ETag / Last-Modified) per fetched URL, for polite re-polling."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, delete, insert, select, update

from translate_pub.store import schema as t


@dataclass(frozen=True)
class Validators:
    etag: str | None
    last_modified: str | None


def get_validators(conn: Connection, url: str) -> Validators | None:
    row = conn.execute(select(t.fetch_state).where(t.fetch_state.c.url == url)).first()
    return Validators(row.etag, row.last_modified) if row else None


def set_validators(
    conn: Connection,
    url: str,
    etag: str | None,
    last_modified: str | None,
    fetched_at: datetime | None = None,
) -> None:
    """Remember what the server said; with neither validator there is nothing to send, so forget the URL."""
    if not etag and not last_modified:
        conn.execute(delete(t.fetch_state).where(t.fetch_state.c.url == url))
        return
    values = {
        "etag": etag,
        "last_modified": last_modified,
        "fetched_at": fetched_at or datetime.now(UTC),
    }
    changed = conn.execute(
        update(t.fetch_state).where(t.fetch_state.c.url == url).values(**values)
    ).rowcount
    if not changed:
        conn.execute(insert(t.fetch_state).values(url=url, **values))
