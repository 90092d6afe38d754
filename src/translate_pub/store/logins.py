"""Login guesses and trusted devices, in the store so that every app process (`serve --workers N`)
counts the same ones.

A login attempt reserves its guess before the password is checked (`reserve_guess`): the row is
written, then the key's rows of the last `WINDOW` are counted, in one transaction that holds the
database's write lock (SQLite has one writer; PostgreSQL takes an advisory lock on the key). So
at most `limit` guesses per key start in any window, however many attempts run at once, in
however many processes and from however many addresses. A right password gives its guess back
(`forget_guess`).

A browser that signed in as a user before holds a device token (`trust_device`): its guesses
count under the device (`device_key`), not under the name, so a stranger using up a name's
guesses does not shut its owner out of a browser they have used (OWASP's device cookies).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, delete, func, insert, select

from translate_pub.store import schema as t
from translate_pub.store.db import hold, inserted_id

WINDOW = timedelta(minutes=1)
DEVICES_PER_USER = 20  # the newest kept; an older browser signs in as a new one


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def reserve_guess(conn: Connection, key: str, limit: int) -> int | float:
    """The reserved guess's id, or (a float) the seconds until `key` may guess again."""
    now = datetime.now(UTC)
    hold(conn, key)  # on SQLite the insert below takes its single write lock
    g = t.login_guesses.c
    guess = inserted_id(
        conn.execute(insert(t.login_guesses).values(key=key, started_at=now))
    )
    conn.execute(
        delete(t.login_guesses).where(g.key == key, g.started_at <= now - WINDOW)
    )
    if conn.execute(select(func.count()).where(g.key == key)).scalar_one() <= limit:
        return int(guess)
    conn.execute(delete(t.login_guesses).where(g.id == guess))
    oldest = conn.execute(
        select(g.started_at).where(g.key == key).order_by(g.started_at).limit(1)
    ).scalar_one()
    return max((oldest + WINDOW - now).total_seconds(), 1.0)


def forget_guess(conn: Connection, guess: int) -> None:
    conn.execute(delete(t.login_guesses).where(t.login_guesses.c.id == guess))


def device_key(conn: Connection, token: str | None, name: str) -> str | None:
    """The guess key of a browser that signed in as `name` before, or None."""
    if not token:
        return None
    d, u = t.login_devices.c, t.users.c
    found = conn.execute(
        select(d.token_hash)
        .join_from(t.login_devices, t.users, d.user_id == u.id)
        .where(d.token_hash == _hash(token), u.name == name)
    ).scalar_one_or_none()
    return f"device:{found}" if found else None


def trust_device(conn: Connection, user_id: int) -> str:
    """A new device token for a browser that just signed in as the user; the oldest beyond
    DEVICES_PER_USER are forgotten."""
    token = secrets.token_urlsafe(32)
    d = t.login_devices.c
    conn.execute(
        insert(t.login_devices).values(
            token_hash=_hash(token), user_id=user_id, created_at=datetime.now(UTC)
        )
    )
    keep = (
        select(d.token_hash)
        .where(d.user_id == user_id)
        .order_by(d.created_at.desc())
        .limit(DEVICES_PER_USER)
    )
    conn.execute(
        delete(t.login_devices).where(d.user_id == user_id, d.token_hash.not_in(keep))
    )
    return token
