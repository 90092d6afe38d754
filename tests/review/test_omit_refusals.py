"""What an omission refuses (review of #22): text saved into a sentence left out, an omission
racing an approval or another omission. Run on SQLite and PostgreSQL (the `store` fixture)."""

from __future__ import annotations

from lxml import html

from translate_pub.store import omissions

from .conftest import TARGETS, act, csrf_of, editor, save, version_of
from .test_omit import _in_review_with_sentence_2_empty, _omit


def test_text_cannot_be_saved_into_a_sentence_left_out(client, world):
    _in_review_with_sentence_2_empty(client, world)
    assert _omit(client, world, 2).status_code == 303
    page = editor(client, world)
    box = html.fromstring(page).get_element_by_id("tgt-2")
    assert box.get("readonly") is not None
    assert html.fromstring(page).get_element_by_id("tgt-3").get("readonly") is None
    refused = save(client, page, 1, "Written anyway.")
    assert refused.status_code == 409
    assert "left this sentence out" in refused.json()["error"]
    again = html.fromstring(editor(client, world)).get_element_by_id("tgt-2")
    assert not (again.text or "").strip()


def _post_omit(client, world, page: str, number: int, undo: bool = False):  # type: ignore[no-untyped-def]
    """The omit form of an editor `page` loaded earlier, sent now."""
    return client.post(
        f"/doc/{world.doc_id}/en/omit",
        data={
            "csrf": csrf_of(page),
            "number": number,
            "version": version_of(page),
            "reason": "a duplicate",
            **({"undo": "1"} if undo else {}),
        },
    )


def _omitted(world) -> dict:  # type: ignore[type-arg]
    with world.store.begin() as conn:
        return omissions.omitted_in(conn, world.doc_id, "en")


def test_an_omission_sent_from_a_page_older_than_an_approval_is_refused(client, world):
    _in_review_with_sentence_2_empty(client, world)
    assert save(client, editor(client, world), 1, TARGETS[1]).status_code == 200
    seen = editor(client, world)  # the reviewer's page, before the approval
    assert act(client, world, "approve").status_code == 303
    late = _post_omit(client, world, seen, 2)
    assert late.status_code == 409 and "reopen" in late.text
    assert act(client, world, "reopen").status_code == 303
    stale = _post_omit(client, world, seen, 2)  # would take effect silently after it
    assert stale.status_code == 409 and "changed" in stale.text
    assert _omitted(world) == {}
    history = html.fromstring(client.get(f"/doc/{world.doc_id}/en/history").text)
    assert not history.find_class("ev-omit")


def test_the_same_omission_sent_twice_is_refused_the_second_time(client, world):
    _in_review_with_sentence_2_empty(client, world)
    page = editor(client, world)
    assert _post_omit(client, world, page, 2).status_code == 303
    again = _post_omit(client, world, page, 2)
    assert again.status_code == 409 and "changed" in again.text
    assert len(_omitted(world)) == 1
    fresh = editor(client, world)
    assert _post_omit(client, world, fresh, 2, undo=True).status_code == 303
    assert _post_omit(client, world, fresh, 2, undo=True).status_code == 409
    assert _omitted(world) == {}
