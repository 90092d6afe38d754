"""Decisions on one sentence, for its document's History: an omission and its undoing, a dismissed
false alarm and its removal (by a person, or dropped because the problem changed or went away).

Rows are only added, never changed, so History keeps a decision after it was undone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, insert, select

from translate_pub.store import schema as t

OMIT, UNOMIT = "omit", "un-omit"
DISMISS, UNDISMISS, DROPPED = "dismiss", "un-dismiss", "dismissal-dropped"


@dataclass(frozen=True)
class Decision:
    at: datetime
    user: str
    action: str
    position: int  # the sentence's position (0-based) in its revision
    subject: str  # a dismissal's issue key; "" for an omission
    reason: str


def record(
    conn: Connection,
    segment_id: int,
    lang: str,
    *,
    user: str,
    action: str,
    subject: str = "",
    reason: str = "",
) -> None:
    s = t.segments
    doc_id = conn.execute(
        select(s.c.document_id).where(s.c.id == segment_id)
    ).scalar_one()
    conn.execute(
        insert(t.segment_decisions).values(
            document_id=doc_id,
            lang=lang,
            segment_id=segment_id,
            user=user,
            at=datetime.now(UTC),
            action=action,
            subject=subject,
            reason=reason,
        )
    )


def decisions(
    conn: Connection, doc_id: int, lang: str, limit: int = 500
) -> list[Decision]:
    """This document's decisions in `lang`, newest first."""
    sd, s = t.segment_decisions, t.segments
    rows = conn.execute(
        select(sd, s.c.position)
        .join(s, s.c.id == sd.c.segment_id)
        .where(sd.c.document_id == doc_id, sd.c.lang == lang)
        .order_by(sd.c.id.desc())
        .limit(limit)
    )
    return [
        Decision(r.at, r.user, r.action, r.position, r.subject, r.reason) for r in rows
    ]
