"""A digest never quotes words that are not there (#22 item 2): the composer does not offer a
sentence whose approved translation is empty or left out, and a digest whose quote would be
empty in a language is refused at approval by the workflow, the message naming the quote.
Run on SQLite and PostgreSQL (the `store` fixture)."""

from __future__ import annotations

import pytest

from tests import steps
from tests.digest_newsroom import build_sources
from translate_pub.errors import StateError
from translate_pub.model import Role, Status, User
from translate_pub.store import workflow
from translate_pub.store.documents import current_segments

from .conftest import csrf_of, login
from .test_digests import _compose, _digest_id

APPEALS = "ovd-info/dannye-po-apellyatsiyam"
RITA = User("rita", Role.REVIEWER)


def _leave_out(world, doc_id: int, number: int) -> None:  # type: ignore[no-untyped-def]
    """Reopen the approved source, leave sentence `number` out, approve it again."""
    with world.store.begin() as conn:
        version = workflow.current_version(conn, doc_id, "en")
        workflow.act(conn, doc_id, "en", "reopen", user=RITA, expected_version=version)
        workflow.omit(
            conn,
            doc_id,
            "en",
            number,
            user=RITA,
            reason="a table",
            expected_version=version + 1,
        )
        steps.approve(conn, doc_id, "en", "rita")


def _found(client, **params: str) -> list[tuple[str, list[int]]]:  # type: ignore[no-untyped-def]
    results = client.get("/digests/search", params=params).json()["results"]
    return [(r["key"], [s["n"] for s in r["segments"]]) for r in results]


def test_the_composer_does_not_offer_an_omitted_sentence(client, world) -> None:  # type: ignore[no-untyped-def]
    ids = build_sources(world.store)
    login(client, "ed")
    assert _found(client, q="апелляций") == [(APPEALS, [1, 3, 4])]
    _leave_out(world, ids["2013-01-22-appeals.md"], 4)
    assert _found(client, q="апелляций") == [(APPEALS, [1, 3])]
    assert _found(client, q="SUCCESSFUL APPEALS") == []


@pytest.mark.parametrize("lead", [False, True])
def test_a_digest_whose_quote_is_empty_is_refused_naming_the_quote(
    client, world, lead: bool
) -> None:  # type: ignore[no-untyped-def]
    """The quote was taken while its source sentence had words; the source was then approved
    again leaving it out. `lead`: the control, whose source is left alone, approves."""
    ids = build_sources(world.store)
    login(client, "ed")
    digest_id = _digest_id(_compose(client))
    if not lead:
        _leave_out(world, ids["2013-01-22-appeals.md"], 4)
    page = client.get(f"/doc/{digest_id}/en").text
    with world.store.begin() as conn:
        own = [s for s in current_segments(conn, digest_id) if s.block != "quote"]
    # the tags' names last: «суды» is the glossary's «суд» (court), named by it, no segment
    english = ["Digest", "The court said no.", "It says:", "OVD-Info"]
    for seg, text in zip(own, english, strict=True):
        client.post(
            f"/doc/{digest_id}/en/translate/{seg.id}",
            json={"text": text},
            headers={"X-CSRF-Token": csrf_of(page)},
        )
    client.cookies.clear()
    login(client, "rita")
    for action in ("submit", "approve"):
        page = client.get(f"/doc/{digest_id}/en").text
        version = page.split('name="version" value="')[1].split('"')[0]
        answer = client.post(
            f"/doc/{digest_id}/en/status",
            data={"csrf": csrf_of(page), "action": action, "version": version},
        )
    with world.store.begin() as conn:
        status = workflow.current_status(conn, digest_id, "en")
    if lead:
        assert answer.status_code == 303 and status == Status.APPROVED
        return
    assert answer.status_code == 409 and status == Status.IN_REVIEW
    assert f"the quote in sentence 3 ({APPEALS}, sentence 4) has no approved text" in (
        answer.text
    )
    russian = client.post(
        f"/doc/{digest_id}/en/status",
        data={"csrf": csrf_of(page), "action": "approve", "version": version},
        headers={"Accept-Language": "ru"},
    )
    assert f"у цитаты в предложении 3 ({APPEALS}, предложение 4)" in russian.text


def test_a_digests_sentence_cannot_be_left_out(client, world) -> None:  # type: ignore[no-untyped-def]
    """Decision: a digest's text is its editor's to change (in the composer), not to omit."""
    build_sources(world.store)
    login(client, "ed")
    digest_id = _digest_id(_compose(client))
    with world.store.begin() as conn, pytest.raises(StateError) as refused:
        version = workflow.current_version(conn, digest_id, "en")
        workflow.omit(
            conn,
            digest_id,
            "en",
            2,
            user=RITA,
            reason="too long",
            expected_version=version,
        )
    assert str(refused.value) == "a title or a digest's sentence cannot be left out"
    page = client.get(f"/doc/{digest_id}/en").text
    assert 'class="omit"' not in page and 'id="action-submit"' in page
