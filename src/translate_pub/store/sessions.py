"""Review-app sessions, kept in the store so every app process sees the same ones and ending
them (logout, password reset, role change) takes effect everywhere at once.

The cookie carries a random token; the store keeps only its SHA-256. A session ends at
its expiry, or after `IDLE` without a request.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, delete, insert, select, update

from translate_pub.model import Role, User
from translate_pub.store import schema as t

LIFETIME = timedelta(hours=8)
IDLE = timedelta(hours=2)
SEEN_EVERY = timedelta(
    minutes=1
)  # last_seen is rewritten at most this often, not on every request


@dataclass(frozen=True)
class Session:
    token: str  # what the cookie holds; never stored
    user: User
    csrf: str
    last_seen: datetime

    @property
    def seen_long_ago(self) -> bool:
        """Whether last_seen is old enough to be worth a write (`touch_session`)."""
        return datetime.now(UTC) - self.last_seen > SEEN_EVERY


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(conn: Connection, user: User) -> Session:
    """A new session for `user`; expired sessions of anyone are cleared on the way."""
    now = datetime.now(UTC)
    conn.execute(delete(t.sessions).where(t.sessions.c.expires_at < now))
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    conn.execute(
        insert(t.sessions).values(
            token_hash=_hash(token),
            user_id=user.id,
            csrf=csrf,
            created_at=now,
            expires_at=now + LIFETIME,
            last_seen=now,
        )
    )
    return Session(token, user, csrf, now)


def find_session(conn: Connection, token: str | None) -> Session | None:
    """The live session of an active user holding `token`."""
    if not token:
        return None
    now = datetime.now(UTC)
    s, u = t.sessions.c, t.users.c
    row = conn.execute(
        select(s.csrf, s.last_seen, u.id, u.name, u.role)
        .join_from(t.sessions, t.users, s.user_id == u.id)
        .where(
            s.token_hash == _hash(token),
            s.expires_at > now,
            s.last_seen > now - IDLE,
            u.active.is_(True),
        )
    ).first()
    return (
        Session(token, User(row.name, Role(row.role), row.id), row.csrf, row.last_seen)
        if row
        else None
    )


def touch_session(conn: Connection, token: str) -> None:
    """Record that the session was used now (its own transaction: a write after a read in one
    SQLite transaction can fail at once when another process wrote in between)."""
    conn.execute(
        update(t.sessions)
        .where(t.sessions.c.token_hash == _hash(token))
        .values(last_seen=datetime.now(UTC))
    )


def end_session(conn: Connection, token: str) -> None:
    conn.execute(delete(t.sessions).where(t.sessions.c.token_hash == _hash(token)))


def end_sessions_of(conn: Connection, user_id: int) -> int:
    """End every session of a user (password reset, role change); how many there were."""
    return conn.execute(
        delete(t.sessions).where(t.sessions.c.user_id == user_id)
    ).rowcount
