"""The workflow as the editor shows it: which actions a role has now, whether the text can be edited,
and how a status reads. The changes themselves, and who may make them, are `store.workflow`'s.
"""

from __future__ import annotations

from translate_pub.model import Role, Status
from translate_pub.store.progress import Progress
from translate_pub.store.status_log import StatusChange
from translate_pub.store.workflow import PERSON_ACTIONS, Action


def available(current: Status, role: Role) -> list[Action]:
    """What this role may do from `current`, for the editor's buttons."""
    return [a for a in PERSON_ACTIONS.values() if current in a.sources and a.role is not None and role >= a.role]


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
