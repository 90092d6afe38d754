"""Every status change of a document in one language, with who, when and why, for its History
and for the "returned to you" mark of a rejected document. Only the workflow (`store/workflow.py`)
writes them."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, func, insert, select

from translate_pub.model import Status
from translate_pub.store import schema as t
from translate_pub.store.db import ids_in


@dataclass(frozen=True)
class StatusChange:
    at: datetime
    user: str
    action: str  # submit, approve, reject, reopen, publish, stale, machine-translate, import
    status: Status  # where it moved to
    reason: str


_ADD = insert(t.status_changes)  # built once: an approval writes two


def record(
    conn: Connection,
    doc_ids: Collection[int],
    lang: str,
    *,
    user: str,
    action: str,
    status: Status,
    reason: str = "",
) -> None:
    if doc_ids:
        stamp = datetime.now(UTC)
        conn.execute(
            _ADD,
            [
                {
                    "document_id": d,
                    "lang": lang,
                    "user": user,
                    "at": stamp,
                    "action": action,
                    "status": int(status),
                    "reason": reason,
                }
                for d in doc_ids
            ],
        )


def changes(
    conn: Connection, doc_id: int, lang: str, limit: int = 500
) -> list[StatusChange]:
    """This document's status changes in `lang`, newest first."""
    sc = t.status_changes
    return [
        StatusChange(r.at, r.user, r.action, Status(r.status), r.reason)
        for r in conn.execute(
            select(sc)
            .where(sc.c.document_id == doc_id, sc.c.lang == lang)
            .order_by(sc.c.id.desc())
            .limit(limit)
        )
    ]


def last_changes(
    conn: Connection, doc_ids: Collection[int], lang: str
) -> dict[int, StatusChange]:
    """The newest status change of each of these documents (for the queue's marks)."""
    sc = t.status_changes
    if not doc_ids:
        return {}
    newest = (
        select(func.max(sc.c.id))
        .where(ids_in(sc.c.document_id, doc_ids), sc.c.lang == lang)
        .group_by(sc.c.document_id)
    )
    return {
        r.document_id: StatusChange(r.at, r.user, r.action, Status(r.status), r.reason)
        for r in conn.execute(select(sc).where(sc.c.id.in_(newest)))
    }
