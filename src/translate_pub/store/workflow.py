"""The workflow: every status change of a document in one language goes through here, and nothing else
makes one (tests/store/test_workflow_owns_status.py fails if anything does).

A person's action (`act`: submit, approve, reject, reopen) is checked for the role, the current status
and the version the person saw; approval also needs every sentence translated (no override can waive
that) and the QA gate the caller's stage supplies (open errors block unless a reviewer gives a reason).
The system's own changes (`system`: machine-translate, stale, publish) move only the documents whose
status allows them. Each change writes a History row; a person's also the audit log; an approval
freezes the edition and indexes the translation memory in the same transaction.

The store sits below the review stage, so the QA checks come in as a `Gate`; the completeness check
needs no stage and is made here, where nobody can leave it out.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, and_, bindparam, select, update

from translate_pub import msgids as ids
from translate_pub.errors import ConflictError, PermissionDenied, StateError
from translate_pub.messages import Word
from translate_pub.model import (
    NAME_BLOCK,
    SITE_PUBLISHED,
    Digest,
    Document,
    PublishReport,
    Role,
    Status,
    User,
)
from translate_pub.store import (
    digests,
    documents,
    editions,
    memory,
    omissions,
    status_log,
    translations,
)
from translate_pub.store import schema as t
from translate_pub.store.db import ids_in
from translate_pub.store.documents import Saved
from translate_pub.store.review import Reading
from translate_pub.store.users import audit

Gate = Callable[
    [Connection, int, str, Reading], int
]  # (conn, document, language, its reading) → open QA errors


@dataclass(frozen=True)
class Action:
    name: str
    sources: frozenset[Status]
    target: Status
    role: Role | None  # None: only the system makes this change


ACTIONS: dict[str, Action] = {
    a.name: a
    for a in (
        Action(
            "submit",
            frozenset({Status.NEW, Status.MACHINE_TRANSLATED, Status.STALE}),
            Status.IN_REVIEW,
            Role.TRANSLATOR,
        ),
        Action(
            "approve", frozenset({Status.IN_REVIEW}), Status.APPROVED, Role.REVIEWER
        ),
        Action(
            "reject",
            frozenset({Status.IN_REVIEW}),
            Status.MACHINE_TRANSLATED,
            Role.REVIEWER,
        ),
        Action(
            "reopen",
            frozenset({Status.APPROVED, Status.PUBLISHED}),
            Status.IN_REVIEW,
            Role.REVIEWER,
        ),
        Action(
            "take-back",
            frozenset({Status.IN_REVIEW}),
            Status.MACHINE_TRANSLATED,
            Role.TRANSLATOR,
        ),
        Action(
            "machine-translate",
            frozenset({Status.NEW}),
            Status.MACHINE_TRANSLATED,
            None,
        ),
        Action(
            "stale", frozenset({Status.APPROVED, Status.PUBLISHED}), Status.STALE, None
        ),
        Action("publish", frozenset({Status.APPROVED}), Status.PUBLISHED, None),
    )
}
PERSON_ACTIONS = {n: a for n, a in ACTIONS.items() if a.role is not None}
# What is left out is decided until approval; then the edition stands until reopened.
SETTLED = frozenset({Status.APPROVED, Status.PUBLISHED})


class GateClosed(StateError):
    """Approval refused: open QA errors and no override reason given."""

    def __init__(self, errors: int) -> None:
        self.errors = errors
        super().__init__(ids.GATE_CLOSED(n=errors))


class Incomplete(StateError):
    """Approval refused: some sentences have no translation; no reason can waive that."""

    def __init__(self, segments: list[int]) -> None:
        self.segments = segments
        shown = ", ".join(str(n) for n in segments[:10]) + (
            ", …" if len(segments) > 10 else ""
        )
        super().__init__(ids.INCOMPLETE(segments=shown))


class EmptyQuote(StateError):
    """Approval of a digest refused: a quote would be published with no words in this language."""

    def __init__(self, quotes: list[tuple[int, str, int]]) -> None:
        self.quotes = quotes
        (n, doc, at), more = quotes[0], len(quotes) - 1
        super().__init__(
            ids.EMPTY_QUOTES(n=n, doc=doc, at=at, more=more)
            if more
            else ids.EMPTY_QUOTE(n=n, doc=doc, at=at)
        )


class ReasonNeeded(StateError):
    """Rejection refused: a reason is needed."""

    def __init__(self) -> None:
        super().__init__(ids.REASON_NEEDED())


def action(name: str, current: Status) -> Action:
    """The person's action `name` if it may start from `current`; StateError otherwise."""
    act = PERSON_ACTIONS.get(name)
    if act is None:
        raise StateError(ids.UNKNOWN_ACTION(action=repr(name)))
    if current not in act.sources:
        raise StateError(ids.CANNOT(action=Word(name), status=Word(current.label)))
    return act


def act(
    conn: Connection,
    doc_id: int,
    lang: str,
    name: str,
    *,
    user: User,
    expected_version: int,
    reason: str = "",
    gate: Gate | None = None,
    note: str = "",
) -> Status:
    """Make a person's status change; the new status. `note` goes into History beside the reason.

    An approval holds the status row from here (PostgreSQL): a text save holds it too
    (review/routes/documents.may_edit), so the rows the gate reads and the edition freezes
    cannot change before the approval commits."""
    row = _row(conn, doc_id, lang, lock=name == "approve")
    step = action(name, Status(row.status))
    if user.role < (step.role or Role.ADMIN):
        raise PermissionDenied(
            ids.ROLE_NEEDED(
                role=Word((step.role or Role.ADMIN).label),
                user_role=Word(user.role.label),
            )
        )
    if row.version != expected_version:
        raise ConflictError(ids.DOC_CHANGED(doc=doc_id, lang=lang))
    if name == "reject" and not reason:
        raise ReasonNeeded()
    if name == "approve":
        reading = Reading.of(conn, doc_id, lang)
        reason = _pass_gate(conn, doc_id, lang, reason, gate, reading)
    _move(conn, doc_id, lang, step.target, expected_version)
    if name == "approve":
        editions.create_edition(conn, doc_id, lang, user.name, reading)
        memory.index_read(conn, doc_id, lang, reading)
    status_log.record(
        conn,
        [doc_id],
        lang,
        user=user.name,
        action=name,
        status=step.target,
        reason="; ".join(p for p in (note, reason) if p),
    )
    audit(conn, user.name, name, f"document {doc_id} ({lang}) → {step.target.label}")
    return step.target


def system(
    conn: Connection,
    doc_ids: Collection[int],
    lang: str,
    name: str,
    *,
    by: str,
    reason: str = "",
) -> list[int]:
    """The system's change `name` for those of these documents whose status allows it; those moved."""
    step = ACTIONS[name]
    if step.role is not None:
        raise StateError(ids.SYSTEM_ONLY(action=Word(name)))
    if not doc_ids:
        return []
    st = t.doc_status
    moved = list(
        conn.execute(
            update(st)
            .where(
                ids_in(st.c.document_id, doc_ids),
                st.c.lang == lang,
                st.c.status.in_([int(s) for s in step.sources]),
            )
            .values(
                status=int(step.target),
                version=st.c.version + 1,
                updated_at=datetime.now(UTC),
            )
            .returning(st.c.document_id)
        ).scalars()
    )
    status_log.record(
        conn, moved, lang, user=by, action=name, status=step.target, reason=reason
    )
    return moved


def published(conn: Connection, report: PublishReport) -> None:
    """Record a publish run: APPROVED → PUBLISHED for what it built (STALE stays STALE), and its
    report for the app's publish page."""
    if report.site is None:
        return
    for lang in dict.fromkeys(lang for _d, lang in report.built):
        system(
            conn,
            [d for d, lg in report.built if lg == lang],
            lang,
            "publish",
            by="publish",
        )
    audit(conn, "publisher", SITE_PUBLISHED, report.site.to_json())


def mark_machine_translated(
    conn: Connection, doc_ids: set[int], lang: str
) -> list[int]:
    """NEW documents whose every segment has been through MT become MACHINE_TRANSLATED (queued)."""
    return system(
        conn,
        translations.fully_drafted(conn, doc_ids, lang),
        lang,
        "machine-translate",
        by="mt",
    )


def save_document(conn: Connection, doc: Document, targets: tuple[str, ...]) -> Saved:
    """Store a document or its new revision (`documents.save_document`); a revision turns approved
    translations STALE."""
    return _revised(conn, documents.save_document(conn, doc, targets), targets)


def save_digest(conn: Connection, digest: Digest, targets: tuple[str, ...]) -> Saved:
    """`digests.save_digest`, with the same STALE step as `save_document`."""
    return _revised(conn, digests.save_digest(conn, digest, targets), targets)


def _revised(conn: Connection, saved: Saved, targets: tuple[str, ...]) -> Saved:
    if saved.outcome == "updated":
        for lang in targets:
            system(
                conn,
                [saved.document_id],
                lang,
                "stale",
                by="ingest",
                reason=f"source revision {saved.revision}",
            )
    return saved


def untranslated(conn: Connection, doc_id: int, lang: str) -> list[int]:
    """The numbers (1-based) of this document's current sentences with no translation in `lang`
    that no reviewer decided to leave out."""
    return Reading.of(conn, doc_id, lang).untranslated()


def omit(
    conn: Connection,
    doc_id: int,
    lang: str,
    number: int,
    *,
    user: User,
    reason: str,
    expected_version: int,
) -> None:
    """A reviewer leaves sentence `number` (1-based) out of the translation, saying why; readers
    see a marker with the reason where it was. Not the title, nor a digest's sentences. Like a
    status change it holds the document's row and needs the version the reviewer saw, so it
    cannot slip in beside an approval, nor twice at once."""
    segment_id = _omittable(conn, doc_id, lang, number, user, expected_version)
    if not reason.strip():
        raise StateError(ids.OMIT_REASON())
    omissions.omit(conn, segment_id, lang, reason.strip(), user.name)
    _touch(conn, doc_id, lang, expected_version)
    audit(conn, user.name, "omit", f"document {doc_id} ({lang}) sentence {number}")


def unomit(
    conn: Connection,
    doc_id: int,
    lang: str,
    number: int,
    *,
    user: User,
    expected_version: int,
) -> None:
    """Undo an omission, while the document is not approved (checked as `omit` does)."""
    segment_id = _omittable(conn, doc_id, lang, number, user, expected_version)
    if omissions.unomit(conn, segment_id, lang, user.name):
        _touch(conn, doc_id, lang, expected_version)
        audit(
            conn, user.name, "un-omit", f"document {doc_id} ({lang}) sentence {number}"
        )


def _omittable(
    conn: Connection,
    doc_id: int,
    lang: str,
    number: int,
    user: User,
    expected_version: int,
) -> int:
    """The id of sentence `number` if this user may decide whether it is left out now."""
    if user.role < Role.REVIEWER:
        raise PermissionDenied(ids.OMIT_ROLE())
    row = _row(conn, doc_id, lang, lock=True)
    if Status(row.status) in SETTLED:
        raise StateError(ids.OMIT_SETTLED())
    if row.version != expected_version:
        raise ConflictError(ids.DOC_CHANGED(doc=doc_id, lang=lang))
    d, s = t.documents, t.segments
    found = conn.execute(
        select(s.c.id, s.c.block, d.c.kind)
        .join(d, and_(d.c.id == s.c.document_id, d.c.revision == s.c.revision))
        .where(s.c.document_id == doc_id, s.c.position == number - 1)
    ).first()
    if found is None:
        raise StateError(ids.OMIT_NO_SENTENCE())
    if found.block == "title" or found.kind == "digest":
        raise StateError(ids.OMIT_NOT_THIS())
    if (
        found.block == NAME_BLOCK
    ):  # it names the document's pages: it must be translated
        raise StateError(ids.OMIT_NAME())
    return int(found.id)


def _touch(conn: Connection, doc_id: int, lang: str, expected_version: int) -> None:
    """A new version without a new status: a page that has not seen the change (an approval
    form, another omission) is refused as out of date."""
    _move(conn, doc_id, lang, current_status(conn, doc_id, lang), expected_version)


def current_version(conn: Connection, doc_id: int, lang: str) -> int:
    return int(_row(conn, doc_id, lang).version)


def current_status(conn: Connection, doc_id: int, lang: str) -> Status:
    return Status(_row(conn, doc_id, lang).status)


_STATUS = select(
    t.doc_status.c.status, t.doc_status.c.version
).where(
    t.doc_status.c.document_id == bindparam("doc"),
    t.doc_status.c.lang == bindparam("lang"),
)  # built once, as the other statements of an approval: building costs more than running
_HELD = _STATUS.with_for_update()
# SQLite locks no rows, and its driver begins a transaction only at the first write: reads
# before it hold nothing, so another process (an ingest's new revision) could commit between
# an approval's reads and its write. A write that changes nothing takes SQLite's one write
# lock at once and returns the row: no one else writes until this transaction ends.
_HELD_SQLITE = (
    update(t.doc_status)
    .where(
        t.doc_status.c.document_id == bindparam("held_doc"),
        t.doc_status.c.lang == bindparam("held_lang"),
    )
    .values(version=t.doc_status.c.version)
    .returning(t.doc_status.c.status, t.doc_status.c.version)
)


def _row(conn: Connection, doc_id: int, lang: str, lock: bool = False):  # type: ignore[no-untyped-def]
    """The document's status row; with `lock`, held until the transaction ends (PostgreSQL's
    row lock; on SQLite, the database's write lock)."""
    if lock and conn.dialect.name == "sqlite":
        row = conn.execute(
            _HELD_SQLITE, {"held_doc": doc_id, "held_lang": lang}
        ).first()
    else:
        row = conn.execute(
            _HELD if lock else _STATUS, {"doc": doc_id, "lang": lang}
        ).first()
    if row is None:
        raise StateError(ids.DOC_MISSING(doc=doc_id, lang=repr(lang)))
    return row


def _pass_gate(
    conn: Connection,
    doc_id: int,
    lang: str,
    reason: str,
    gate: Gate | None,
    reading: Reading,
) -> str:
    """The reason History shows for an approval, or the refusal: completeness first, then QA."""
    if gate is None:
        raise StateError(ids.GATE_NEEDED())
    if missing := reading.untranslated():
        raise Incomplete(missing)
    if reading.kind == "digest" and (empty := digests.empty_quotes(conn, doc_id, lang)):
        raise EmptyQuote(empty)
    errors = gate(conn, doc_id, lang, reading)
    if errors and not reason:
        raise GateClosed(errors)
    return f"QA override ({errors} errors): {reason}" if errors else reason


_MOVE = (
    update(t.doc_status)
    .where(
        t.doc_status.c.document_id == bindparam("in_doc"),
        t.doc_status.c.lang == bindparam("in_lang"),
        t.doc_status.c.version == bindparam("seen"),
    )
    .values(
        status=bindparam("to"),
        version=bindparam("next"),
        updated_at=bindparam("at"),
    )
)


def _move(
    conn: Connection, doc_id: int, lang: str, status: Status, expected_version: int
) -> None:
    changed = conn.execute(
        _MOVE,
        {
            "in_doc": doc_id,
            "in_lang": lang,
            "seen": expected_version,
            "next": expected_version + 1,
            "to": int(status),
            "at": datetime.now(UTC),
        },
    ).rowcount
    if not changed:
        raise ConflictError(ids.DOC_CHANGED(doc=doc_id, lang=lang))
