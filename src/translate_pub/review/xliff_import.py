"""Apply an XLIFF 1.2 file from a CAT tool: validate every unit, then write.

A unit is refused when it is not a segment of the document's current revision, when
its source differs from ours, when the app's text changed since export (its
tp:version), or when the editor would refuse the change: a digest's quote, a text over
the editor's limit, a new text for a sentence a reviewer left out. Unit states raise the document's status along the allowed transitions
only (submit, then approve), with the importing user's role and the QA gate.

`plan_import` validates; the CLI (`import_xliff`) writes all or nothing, the web app
(`apply_valid`) writes the valid units and lists the refused ones. A document with any
refused unit keeps its status either way.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field, replace
from typing import BinaryIO

from sqlalchemy import Connection

from translate_pub import msgids as ids
from translate_pub.errors import InputError
from translate_pub.messages import Message, Word
from translate_pub.model import Issue, Role, Status, User
from translate_pub.review import gate, states
from translate_pub.review.checks import Glossaries, issues_for
from translate_pub.review.limits import MAX_TEXT
from translate_pub.review.xliff import (
    STATE_IN,
    ParsedFile,
    Problem,
    Problems,
    Unit,
    parse_xliff,
)
from translate_pub.store import Store, workflow
from translate_pub.store import dismissals as dismissal_store
from translate_pub.store import documents as doc_store
from translate_pub.store import omissions as omission_store
from translate_pub.store import review as review_store
from translate_pub.store import translations as tr_store
from translate_pub.store import users as user_store
from translate_pub.store.review import EditorRow


class ImportRejected(InputError):
    """Some units are invalid; nothing was written. `problems` lists every one (file:line: reason)."""

    def __init__(self, where: str, problems: Problems) -> None:
        self.problems = [str(p) for p in problems]  # the first MAX_PROBLEMS
        self.unlisted = problems.unlisted
        super().__init__(
            where,
            ids.IMPORT_REJECTED(n=len(problems), first=str(problems.kept[0])),
        )


@dataclass(frozen=True)
class Edit:
    translation_id: int
    segment: int  # 1-based
    text: str
    version: int
    qa: list[
        Issue
    ]  # its issues, for the upload's report (the editor checks again afresh)


@dataclass
class ImportPlan:
    doc_id: int
    lang: str
    edits: list[Edit] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ImportReport:
    documents: int
    units_changed: int
    status_changes: tuple[str, ...]
    applied: tuple[
        tuple[int, Edit], ...
    ] = ()  # (document id, edit) of every unit written


def plan_import(
    conn: Connection,
    data: bytes | BinaryIO,
    where: str,
    user: User,
    targets: tuple[str, ...],
    glossaries: Glossaries,
) -> tuple[list[ImportPlan], Problems]:
    """What the file would change, and every problem found; ParseError when it is not XLIFF at all."""
    files, problems = parse_xliff(data, where)
    numbers: dict[
        int, int
    ] = {}  # translation id → segment number, for problems found before the rows were read
    plans = [
        _plan(conn, f, where, user, targets, glossaries, problems, numbers)
        for f in files
    ]
    problems.kept = [
        replace(p, segment=numbers.get(p.unit or 0)) if p.segment is None else p
        for p in problems
    ]
    return [p for p in plans if p], problems


def import_xliff(
    store: Store,
    data: bytes,
    where: str,
    user_name: str,
    targets: tuple[str, ...],
    glossaries: Glossaries,
) -> ImportReport:
    """The CLI's import: all units or none."""
    with store.begin() as conn:
        found = user_store.get_user(conn, user_name)
        if found is None:
            raise InputError(f"--as {user_name}", ids.NO_ACTIVE_USER())
        plans, problems = plan_import(
            conn, data, where, found.user, targets, glossaries
        )
        if problems:
            raise ImportRejected(where, problems)
        return _apply(conn, plans, found.user, gate.qa_gate(glossaries))


def apply_valid(
    conn: Connection,
    plans: list[ImportPlan],
    problems: Problems,
    user: User,
    glossaries: Glossaries,
) -> ImportReport:
    """The web app's import: every valid unit; status changes only for documents with no problem."""
    troubled = problems.documents
    return _apply(
        conn,
        [replace(p, actions=[]) if p.doc_id in troubled else p for p in plans],
        user,
        gate.qa_gate(glossaries),
    )


def _plan(
    conn: Connection,
    f: ParsedFile,
    where: str,
    user: User,
    targets: tuple[str, ...],
    glossaries: Glossaries,
    problems: Problems,
    numbers: dict[int, int],
) -> ImportPlan | None:
    at = f"{where}:{f.line}"
    doc = doc_store.get_document(conn, f.doc_id)  # never into its own language
    st = (
        tr_store.get_status(conn, f.doc_id, f.lang, share=True)  # as a save holds it
        if doc and f.lang in targets and f.lang != doc.source_lang
        else None
    )
    if st is None:
        problems.append(
            Problem(
                at,
                ids.IMPORT_NO_DOCUMENT(doc=f.doc_id, lang=repr(f.lang)),
                doc_id=f.doc_id,
            )
        )
        return None
    status, plan = st.status, ImportPlan(f.doc_id, f.lang)
    all_rows = review_store.editor_rows(conn, f.doc_id, f.lang)
    rows = {r.translation_id: r for r in all_rows if r.translation_id}
    left_out = omission_store.omitted_in(conn, f.doc_id, f.lang)
    numbers.update({tid: r.position + 1 for tid, r in rows.items()})
    imported: dict[int, str] = {}  # translation id → the text this file brings
    seen: set[int] = set()
    for u in f.units:
        row = rows.get(u.translation_id)
        reason = (
            ids.REPEATED_UNIT()
            if u.translation_id in seen
            else _refusal(u, row, status, f, user.role) or _left_out(u, row, left_out)
        )
        seen.add(u.translation_id)
        if (
            reason
        ):  # a repeated unit's first copy goes too: which target is meant is unknowable
            problems.append(
                Problem(
                    f"{where}:{u.line}",
                    reason,
                    u.translation_id,
                    f.doc_id,
                    row.position + 1 if row else None,
                )
            )
            plan.edits = [e for e in plan.edits if e.translation_id != u.translation_id]
            imported.pop(u.translation_id, None)
        elif row and u.target != row.text:
            qa = issues_for(glossaries, f.lang, row.source, u.target)  # for the report
            plan.edits.append(
                Edit(u.translation_id, row.position + 1, u.target, u.version, qa)
            )
            imported[u.translation_id] = u.target
    wanted = min((STATE_IN[u.state] for u in f.units), default=status)
    plan.actions = _actions(status, wanted)
    for name in plan.actions:
        if user.role < (workflow.ACTIONS[name].role or Role.ADMIN):
            problems.append(
                Problem(
                    at,
                    ids.IMPORT_NOT_ALLOWED(
                        action=Word(name), doc=f.doc_id, user=user.name
                    ),
                    doc_id=f.doc_id,
                )
            )
    if "approve" in plan.actions:
        _gate(
            conn,
            glossaries,
            f,
            [
                replace(r, text=imported.get(r.translation_id or 0, r.text))
                for r in all_rows
            ],
            at,
            problems,
            left_out,
        )
    return plan


def _refusal(
    u: Unit, row: EditorRow | None, status: Status, f: ParsedFile, role: Role
) -> Message | None:
    """Why this unit cannot be applied, or None."""
    if row is None:
        return ids.NOT_CURRENT(doc=f.doc_id)
    if u.source != row.source:
        return ids.SOURCE_DIFFERS()
    if u.target == row.text:
        return None
    if "q" in row.markup:  # the editor's rule: a digest's quote is read-only
        return ids.QUOTE()
    if len(u.target) > MAX_TEXT:  # the editor's limit
        return ids.TEXT_TOO_LONG(n=MAX_TEXT)
    if row.version != u.version:
        return (
            ids.CHANGED_SINCE_BY(user=row.updated_by)
            if row.updated_by
            else ids.CHANGED_SINCE()
        )
    if status == Status.IN_REVIEW and not states.editable(status, role):
        return ids.IMPORT_IN_REVIEW(doc=f.doc_id)
    if not states.editable(status, role):
        return ids.IMPORT_CLOSED(doc=f.doc_id, status=Word(status.label))
    return None


def _left_out(
    u: Unit, row: EditorRow | None, left_out: Collection[int]
) -> Message | None:
    """A new text for a sentence a reviewer left out is refused: the omission is decided in the
    editor (put it back there first), never undone by a file."""
    if row and row.segment_id in left_out and u.target != row.text:
        return ids.IMPORT_OMITTED()
    return None


def _gate(
    conn,
    glossaries: Glossaries,
    f: ParsedFile,
    rows: list,
    at: str,  # type: ignore[no-untyped-def,type-arg]
    problems: Problems,
    left_out: Collection[int],
) -> None:
    """Approval by import passes the app's gate, dismissals and omissions included (no override
    by file)."""
    dismissed = dismissal_store.dismissals(
        conn, [r.translation_id for r in rows if r.translation_id]
    )
    qa = gate.document_qa(glossaries, f.lang, rows, dismissed, omitted=left_out)
    problems.extend(
        Problem(
            at,
            ids.IMPORT_BLOCKED(doc=f.doc_id, issue=issue.said),
            s.translation_id,
            f.doc_id,
            s.number,
        )
        for s in gate.blocking_segments(qa)
        for issue in s.blocking
    )


def _actions(current: Status, wanted: Status) -> list[str]:
    """The allowed steps from `current` toward `wanted`; none when it asks for less than we have."""
    steps = []
    if wanted >= Status.IN_REVIEW and current in workflow.ACTIONS["submit"].sources:
        steps.append("submit")
        current = Status.IN_REVIEW
    if wanted >= Status.APPROVED and current == Status.IN_REVIEW:
        steps.append("approve")
    return steps


def _apply(
    conn: Connection, plans: list[ImportPlan], user: User, qa_gate: workflow.Gate
) -> ImportReport:
    applied, moves = [], []
    for plan in plans:
        for e in plan.edits:
            tr_store.edit_translation(
                conn,
                e.translation_id,
                e.text,
                user=user.name,
                expected_version=e.version,
                action="import",
                raised={gate.issue_key(i) for i in e.qa},
            )
            applied.append((plan.doc_id, e))
        for name in plan.actions:
            workflow.act(
                conn,
                plan.doc_id,
                plan.lang,
                name,
                user=user,
                note="XLIFF import",
                gate=qa_gate,
                expected_version=workflow.current_version(conn, plan.doc_id, plan.lang),
            )
            moves.append(f"document {plan.doc_id} ({plan.lang}): {name}")
        user_store.audit(
            conn,
            user.name,
            "xliff-import",
            f"document {plan.doc_id} ({plan.lang}): "
            f"{len(plan.edits)} units, {', '.join(plan.actions) or 'status kept'}",
        )
    return ImportReport(len(plans), len(applied), tuple(moves), tuple(applied))
