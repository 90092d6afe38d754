"""The workflow as the editor shows it: which actions a role has now, whether the text can be edited,
and how a status reads. The changes themselves, and who may make them, are `store.workflow`'s.
"""

from __future__ import annotations

from translate_pub import msgids as ids
from translate_pub.messages import Message
from translate_pub.model import Role, Status
from translate_pub.store.progress import Progress
from translate_pub.store.status_log import StatusChange
from translate_pub.store.workflow import PERSON_ACTIONS, SETTLED, Action


def available(current: Status, role: Role) -> list[Action]:
    """What this role may do from `current`, for the editor's buttons."""
    return [
        a
        for a in PERSON_ACTIONS.values()
        if current in a.sources and a.role is not None and role >= a.role
    ]


def editable(status: Status, role: Role) -> bool:
    """Drafts can be edited until approval, except that in review the text stands still for its
    translator (a reviewer may still fix it): they take it back to translation first."""
    return status < Status.APPROVED and (
        status != Status.IN_REVIEW or role >= Role.REVIEWER
    )


def may_omit(status: Status, role: Role) -> bool:
    """Whether this role may leave sentences out (or take that back) now: see `workflow.omit`."""
    return role >= Role.REVIEWER and status not in SETTLED


def edit_refusal(status: Status, role: Role) -> Message | None:
    """Why this role may not edit the text now, or None."""
    if editable(status, role):
        return None
    if status == Status.IN_REVIEW:
        return ids.IN_REVIEW()
    return ids.APPROVED()


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
