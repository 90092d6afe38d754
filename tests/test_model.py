import pytest

from translate_pub.model import Role, Status


def test_status_is_ordered_along_the_workflow():
    workflow = [
        Status.NEW,
        Status.MACHINE_TRANSLATED,
        Status.IN_REVIEW,
        Status.APPROVED,
        Status.PUBLISHED,
    ]
    assert workflow == sorted(workflow)
    assert Status.PUBLISHED >= Status.APPROVED > Status.IN_REVIEW


def test_stale_needs_review_again_but_was_approved_before():
    assert Status.IN_REVIEW < Status.STALE < Status.APPROVED


def test_roles_include_those_below():
    assert Role.ADMIN > Role.EDITOR > Role.REVIEWER > Role.TRANSLATOR
    assert Role.parse(" Reviewer ") is Role.REVIEWER


def test_unknown_role_names_the_known_ones():
    with pytest.raises(ValueError, match="translator, reviewer, editor, admin"):
        Role.parse("boss")
