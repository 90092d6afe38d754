"""The review workflow: which status changes exist, who may make them, and approval's QA gate.

Statuses move only along `TRANSITIONS` (a person may translate a NEW document from scratch
and submit it). NEW → MACHINE_TRANSLATED (the translate flow),
→ STALE (a changed source) and APPROVED → PUBLISHED (the publish flow) are made by the
system, never through these actions.
"""

from __future__ import annotations

from dataclasses import dataclass

from translate_pub.errors import StateError
from translate_pub.model import Role, Status
from translate_pub.store.progress import Progress
from translate_pub.store.status_log import StatusChange


@dataclass(frozen=True)
class Action:
    name: str
    sources: frozenset[Status]
    target: Status
    role: Role


TRANSITIONS: dict[str, Action] = {a.name: a for a in (
    Action("submit", frozenset({Status.NEW, Status.MACHINE_TRANSLATED, Status.STALE}), Status.IN_REVIEW,
           Role.TRANSLATOR),
    Action("approve", frozenset({Status.IN_REVIEW}), Status.APPROVED, Role.REVIEWER),
    Action("reject", frozenset({Status.IN_REVIEW}), Status.MACHINE_TRANSLATED, Role.REVIEWER),
    Action("reopen", frozenset({Status.APPROVED, Status.PUBLISHED}), Status.IN_REVIEW, Role.REVIEWER),
)}


def action(name: str, current: Status) -> Action:
    """The named action if it may start from `current`; StateError otherwise."""
    act = TRANSITIONS.get(name)
    if act is None:
        raise StateError(f"unknown action {name!r}")
    if current not in act.sources:
        raise StateError(f"cannot {name} a document that is {current.label}")
    return act


def available(current: Status, role: Role) -> list[Action]:
    """What this role may do from `current`, for the editor's buttons."""
    return [a for a in TRANSITIONS.values() if current in a.sources and role >= a.role]


def editable(status: Status) -> bool:
    """Drafts can be edited until approval; approved text changes only after reopening."""
    return status < Status.APPROVED


def shown(status: Status, progress: Progress) -> str:
    """The status as people should read it: a draft with no text at all is "untranslated",
    whatever the machine-translation run recorded."""
    if progress.untranslated and status < Status.IN_REVIEW:
        return "untranslated"
    return status.label


def returned(status: Status, last: StatusChange | None) -> StatusChange | None:
    """The rejection that sent this document back to its translator, while it is still with them."""
    if last is not None and last.action == "reject" and status < Status.IN_REVIEW:
        return last
    return None
