"""Users, their roles and password hashes, and the audit log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, insert, select, update

from translate_pub.model import Role, User
from translate_pub.store import schema as t
from translate_pub.store.db import inserted_id
from translate_pub.store.sessions import end_sessions_of


def add_user(conn: Connection, name: str, role: Role, password_hash: str) -> User:
    """Create a user, or reset the role and password of an existing one, which ends every
    session they have: whoever held the old password, or the old role, is signed out at once."""
    row = conn.execute(select(t.users.c.id).where(t.users.c.name == name)).first()
    if row:
        conn.execute(
            update(t.users)
            .where(t.users.c.id == row.id)
            .values(role=int(role), password_hash=password_hash, active=True)
        )
        end_sessions_of(conn, row.id)
        return User(name, role, row.id)
    uid = inserted_id(
        conn.execute(
            insert(t.users).values(
                name=name,
                role=int(role),
                password_hash=password_hash,
                active=True,
                created_at=datetime.now(UTC),
            )
        )
    )
    return User(name, role, uid)


@dataclass(frozen=True)
class Account:
    """A user as the login sees them: who (with their role) and the password hash to check."""

    user: User
    password_hash: str


def get_user(conn: Connection, name: str) -> Account | None:
    """The active user called `name` and their password hash."""
    row = conn.execute(
        select(t.users).where(t.users.c.name == name, t.users.c.active.is_(True))
    ).first()
    return (
        Account(User(row.name, Role(row.role), row.id), row.password_hash)
        if row
        else None
    )


def list_users(conn: Connection) -> list[User]:
    return [
        User(r.name, Role(r.role), r.id)
        for r in conn.execute(select(t.users).order_by(t.users.c.name))
    ]


_AUDIT = insert(t.audit_log)  # built once: every person's status change writes one


def audit(conn: Connection, user: str, action: str, detail: str = "") -> None:
    conn.execute(
        _AUDIT,
        {"at": datetime.now(UTC), "user": user, "action": action, "detail": detail},
    )
