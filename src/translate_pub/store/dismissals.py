"""QA issues dismissed on one segment as false alarms: who, when, why, and the text it was made on.

A dismissal is tied to its problem (the issue key: check and message, naming what was flagged),
not to the text: it survives edits that leave that problem as it was, and an edit whose QA no
longer raises it deletes it (`keep_only`, called by `translations.edit_translation`), so a
problem that comes back later is not silently dismissed. Each dismissal and each removal is a
row of History (`decisions`): who, when, why.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, delete, insert, select

from translate_pub.store import decisions
from translate_pub.store import schema as t
from translate_pub.store.db import any_of

# Why History says a dismissal went with an edit (English: History shows it in the UI's words).
DROPPED_WHY = "the edit changed or fixed the problem"
UNCHECKED_WHY = "the text changed"


@dataclass(frozen=True)
class Dismissal:
    issue: str  # the issue's key: check and message
    text: str  # the translation it was dismissed for
    reason: str
    user: str
    at: datetime


def dismiss(
    conn: Connection, translation_id: int, issue: str, text: str, reason: str, user: str
) -> Dismissal:
    """Record a dismissal (replacing an earlier one of the same issue on this segment)."""
    d = t.qa_dismissals
    conn.execute(
        delete(d).where(d.c.translation_id == translation_id, d.c.issue == issue)
    )
    made = Dismissal(issue, text, reason, user, datetime.now(UTC))
    decisions.record(
        conn,
        *_segment_of(conn, translation_id),
        user=user,
        action=decisions.DISMISS,
        subject=issue,
        reason=reason,
    )
    conn.execute(
        insert(d).values(
            translation_id=translation_id,
            issue=issue,
            text=text,
            reason=reason,
            user=user,
            at=made.at,
        )
    )
    return made


_OF = (  # built once: the QA gate asks at every approval
    select(t.qa_dismissals)
    .where(any_of(t.qa_dismissals.c.translation_id, "ids"))
    .order_by(t.qa_dismissals.c.id)
)


def dismissals(
    conn: Connection, translation_ids: Collection[int]
) -> dict[int, list[Dismissal]]:
    """Every recorded dismissal of these translations, by translation id."""
    found: dict[int, list[Dismissal]] = {}
    if not translation_ids:
        return found
    for r in conn.execute(_OF, {"ids": [int(i) for i in translation_ids]}):
        found.setdefault(r.translation_id, []).append(
            Dismissal(r.issue, r.text, r.reason, r.user, r.at)
        )
    return found


def keep_only(
    conn: Connection, translation_id: int, raised: Collection[str] | None, user: str
) -> None:
    """`user` changed the text: keep the dismissals of the problems it still has (`raised`, issue
    keys), drop the rest (each drop in History); all of them when the caller did not check the
    new text (None)."""
    d = t.qa_dismissals
    mine = d.c.translation_id == translation_id
    gone = list(
        conn.execute(
            delete(d)
            .where(mine, d.c.issue.not_in(list(raised)) if raised else mine)
            .returning(d.c.issue)
        ).scalars()
    )
    if gone:
        segment_id, lang = _segment_of(conn, translation_id)
        for issue in gone:
            decisions.record(
                conn,
                segment_id,
                lang,
                user=user,
                action=decisions.DROPPED,
                subject=issue,
                reason=DROPPED_WHY if raised is not None else UNCHECKED_WHY,
            )


def undismiss(conn: Connection, translation_id: int, issue: str, user: str) -> bool:
    """A person takes a dismissal back; False if there was none."""
    d = t.qa_dismissals
    gone = conn.execute(
        delete(d).where(d.c.translation_id == translation_id, d.c.issue == issue)
    ).rowcount
    if gone:
        segment_id, lang = _segment_of(conn, translation_id)
        decisions.record(
            conn, segment_id, lang, user=user, action=decisions.UNDISMISS, subject=issue
        )
    return bool(gone)


def _segment_of(conn: Connection, translation_id: int) -> tuple[int, str]:
    tr = t.translations
    row = conn.execute(
        select(tr.c.segment_id, tr.c.lang).where(tr.c.id == translation_id)
    ).one()
    return int(row.segment_id), str(row.lang)
