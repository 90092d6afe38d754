"""Apply an XLIFF 1.2 file from a CAT tool: validate every unit, then write all or nothing.

A unit is refused when it is not a segment of the document's current revision, when
its source differs from ours, or when the app's text changed since export (its
tp:version). Unit states raise the document's status along the allowed transitions
only (submit, then approve), with the importing user's role and the QA gate.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from sqlalchemy import Connection

from translate_pub.errors import InputError
from translate_pub.model import Status, User
from translate_pub.review import gate, states
from translate_pub.review.checks import Glossaries, issues_for
from translate_pub.review.xliff import STATE_IN, ParsedFile, parse_xliff
from translate_pub.store import Store, status_log
from translate_pub.store import dismissals as dismissal_store
from translate_pub.store import editions as edition_store
from translate_pub.store import review as review_store
from translate_pub.store import translations as tr_store
from translate_pub.store import users as user_store


class ImportRejected(InputError):
    """Some units are invalid; nothing was written. `problems` lists every one (file:line: reason)."""

    def __init__(self, where: str, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(where, f"{len(problems)} problem(s), nothing imported; first: {problems[0]}")


@dataclass
class ImportPlan:
    doc_id: int
    lang: str
    edits: list[tuple[int, str, int, list[dict[str, str]]]] = field(default_factory=list)  # id, text, version, qa
    actions: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ImportReport:
    documents: int
    units_changed: int
    status_changes: tuple[str, ...]


def import_xliff(store: Store, data: bytes, where: str, user_name: str, targets: tuple[str, ...],
                 glossaries: Glossaries) -> ImportReport:
    files, problems = parse_xliff(data, where)
    with store.begin() as conn:
        found = user_store.get_user(conn, user_name)
        if found is None:
            raise InputError(f"--as {user_name}", "no active user of that name")
        user = found.user
        plans = [_plan(conn, f, where, user, targets, glossaries, problems) for f in files]
        if problems:
            raise ImportRejected(where, problems)
        return _apply(conn, [p for p in plans if p], user)


def _plan(conn: Connection, f: ParsedFile, where: str, user: User, targets: tuple[str, ...],
          glossaries: Glossaries, problems: list[str]) -> ImportPlan | None:
    at = f"{where}:{f.line}"
    st = tr_store.get_status(conn, f.doc_id, f.lang) if f.lang in targets else None
    if st is None:
        problems.append(f"{at}: no document {f.doc_id} in target language {f.lang!r}")
        return None
    status, plan = st.status, ImportPlan(f.doc_id, f.lang)
    all_rows = review_store.editor_rows(conn, f.doc_id, f.lang)
    rows = {r.translation_id: r for r in all_rows if r.translation_id}
    imported: dict[int, str] = {}  # translation id → the text this file brings
    seen: set[int] = set()
    for u in f.units:
        row, here = rows.get(u.translation_id), f"{where}:{u.line}: unit {u.translation_id}"
        if u.translation_id in seen:  # two targets for one segment: which one is meant is unknowable
            problems.append(f"{here}: appears more than once in this file")
            continue
        seen.add(u.translation_id)
        if row is None:
            problems.append(f"{here}: not a segment of document {f.doc_id}'s current revision")
        elif u.source != row.source:
            problems.append(f"{here}: the source differs from ours (was the original revised?)")
        elif u.target != row.text:
            if row.version != u.version:
                problems.append(f"{here}: changed in the app by {row.updated_by} since export; export again")
            elif not states.editable(status):
                problems.append(f"{here}: document {f.doc_id} is {status.label}; reopen it before importing")
            else:
                qa = [i.as_dict() for i in issues_for(glossaries, f.lang, row.source, u.target)]
                plan.edits.append((u.translation_id, u.target, u.version, qa))
                imported[u.translation_id] = u.target
    wanted = min((STATE_IN[u.state] for u in f.units), default=status)
    plan.actions = _actions(status, wanted)
    for name in plan.actions:
        if user.role < states.TRANSITIONS[name].role:
            problems.append(f"{at}: unit states ask to {name} document {f.doc_id}, which {user.name} may not do")
    if "approve" in plan.actions:
        _gate(conn, glossaries, f, [replace(r, text=imported.get(r.translation_id or 0, r.text)) for r in all_rows],
              at, problems)
    return plan


def _gate(conn, glossaries: Glossaries, f: ParsedFile, rows: list, at: str,  # type: ignore[no-untyped-def,type-arg]
          problems: list[str]) -> None:
    """Approval by import passes the app's gate, dismissals included (no override by file)."""
    dismissed = dismissal_store.dismissals(conn, [r.translation_id for r in rows if r.translation_id])
    qa = gate.document_qa(glossaries, f.lang, rows, dismissed)
    if blocking := gate.blocking_segments(qa):
        where = "; ".join(f"segment {s.number}: " + ", ".join(i.message for i in s.blocking) for s in blocking)
        problems.append(f"{at}: cannot approve document {f.doc_id}: {gate.open_errors(qa)} QA error(s) remain ({where})")


def _actions(current: Status, wanted: Status) -> list[str]:
    """The allowed steps from `current` toward `wanted`; none when it asks for less than we have."""
    steps = []
    if wanted >= Status.IN_REVIEW and current in states.TRANSITIONS["submit"].sources:
        steps.append("submit")
        current = Status.IN_REVIEW
    if wanted >= Status.APPROVED and current == Status.IN_REVIEW:
        steps.append("approve")
    return steps


def _apply(conn: Connection, plans: list[ImportPlan], user: User) -> ImportReport:
    changed, moves = 0, []
    for plan in plans:
        for tid, text, version, qa in plan.edits:
            tr_store.edit_translation(conn, tid, text, user=user.name, expected_version=version, qa=qa,
                                      action="import")
            changed += 1
        for name in plan.actions:
            st = tr_store.get_status(conn, plan.doc_id, plan.lang)
            tr_store.set_status(conn, plan.doc_id, plan.lang, states.TRANSITIONS[name].target,
                                expected_version=st.version)
            if name == "approve":
                edition_store.create_edition(conn, plan.doc_id, plan.lang, approved_by=user.name)
            status_log.record(conn, [plan.doc_id], plan.lang, user=user.name, action=name,
                              status=states.TRANSITIONS[name].target, reason="XLIFF import")
            moves.append(f"document {plan.doc_id} ({plan.lang}): {name}")
        user_store.audit(conn, user.name, "xliff-import", f"document {plan.doc_id} ({plan.lang}): "
                         f"{len(plan.edits)} units, {', '.join(plan.actions) or 'status kept'}")
    return ImportReport(len(plans), changed, tuple(moves))


