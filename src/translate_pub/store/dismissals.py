"""QA issues dismissed on one segment as false alarms: who, when, why, and for which text.

A dismissal holds only while the translation keeps the text it was made for: an edit that
changes the text deletes it (see `translations.edit_translation`), and `open_for` ignores
any whose text no longer matches (a text being typed or imported).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, delete, insert, select

from translate_pub.store import schema as t
from translate_pub.store.db import ids_in


@dataclass(frozen=True)
class Dismissal:
    issue: str  # the issue's key: check and message
    text: str  # the translation it was dismissed for
    reason: str
    user: str
    at: datetime


def dismiss(conn: Connection, translation_id: int, issue: str, text: str, reason: str, user: str) -> Dismissal:
    """Record a dismissal (replacing an earlier one of the same issue on this segment)."""
    d = t.qa_dismissals
    conn.execute(delete(d).where(d.c.translation_id == translation_id, d.c.issue == issue))
    made = Dismissal(issue, text, reason, user, datetime.now(UTC))
    conn.execute(insert(d).values(translation_id=translation_id, issue=issue, text=text, reason=reason,
                                  user=user, at=made.at))
    return made


def dismissals(conn: Connection, translation_ids: Collection[int]) -> dict[int, list[Dismissal]]:
    """Every recorded dismissal of these translations, by translation id."""
    d = t.qa_dismissals
    found: dict[int, list[Dismissal]] = {}
    if not translation_ids:
        return found
    for r in conn.execute(select(d).where(ids_in(d.c.translation_id, translation_ids)).order_by(d.c.id)):
        found.setdefault(r.translation_id, []).append(Dismissal(r.issue, r.text, r.reason, r.user, r.at))
    return found


def drop(conn: Connection, translation_id: int) -> None:
    """The text changed: its dismissals no longer apply."""
    conn.execute(delete(t.qa_dismissals).where(t.qa_dismissals.c.translation_id == translation_id))
