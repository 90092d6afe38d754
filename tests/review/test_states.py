"""The workflow table: only listed transitions, by the right roles, and approval's QA gate."""

from __future__ import annotations

import pytest

from translate_pub.errors import StateError
from translate_pub.model import Role, Status
from translate_pub.review import states
from translate_pub.store import workflow


def test_allowed_transitions_are_exactly_the_table():
    allowed = {(s, a.name) for s in Status for a in states.available(s, Role.ADMIN)}
    assert allowed == {
        (Status.NEW, "submit"),
        (Status.MACHINE_TRANSLATED, "submit"),
        (Status.STALE, "submit"),
        (Status.IN_REVIEW, "approve"),
        (Status.IN_REVIEW, "reject"),
        (Status.IN_REVIEW, "take-back"),
        (Status.APPROVED, "reopen"),
        (Status.PUBLISHED, "reopen"),
    }


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("approve", Status.MACHINE_TRANSLATED),
        ("submit", Status.IN_REVIEW),
        ("reject", Status.APPROVED),
        ("publish", Status.APPROVED),
    ],
)
def test_other_moves_are_state_errors(name, status):
    with pytest.raises(StateError):
        workflow.action(name, status)


def test_roles_see_only_their_actions():
    assert [a.name for a in states.available(Status.IN_REVIEW, Role.TRANSLATOR)] == [
        "take-back"
    ]
    assert {a.name for a in states.available(Status.IN_REVIEW, Role.REVIEWER)} == {
        "approve",
        "reject",
        "take-back",
    }


def test_drafts_are_editable_until_approved():
    assert [s for s in Status if states.editable(s, Role.REVIEWER)] == [
        Status.NEW,
        Status.MACHINE_TRANSLATED,
        Status.IN_REVIEW,
        Status.STALE,
    ]
    # in review the text stands still for its translator
    assert [s for s in Status if states.editable(s, Role.TRANSLATOR)] == [
        Status.NEW,
        Status.MACHINE_TRANSLATED,
        Status.STALE,
    ]
