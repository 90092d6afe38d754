"""Every form control on every page has a programmatic label: a <label> around it or pointing at it,
or aria-label(ledby). Pages are rendered for the role that sees the most controls on them."""

from __future__ import annotations

import lxml.html

from tests import steps
from translate_pub.store import review as review_store
from translate_pub.store import translations as tr_store

from .conftest import csrf_of, login


def _unlabelled(page: str) -> list[str]:
    root = lxml.html.fromstring(page)
    pointed = {label.get("for") for label in root.iter("label") if label.get("for")}
    controls = root.xpath(
        "//textarea | //select | //input[not(@type='hidden' or @type='submit' or @type='button')]"
    )
    return [
        lxml.html.tostring(c, encoding="unicode")[:80]
        for c in controls
        if not (
            c.get("aria-label")
            or c.get("aria-labelledby")
            or c.get("id") in pointed
            or any(a.tag == "label" for a in c.iterancestors())
        )
    ]


def _in_review_with_an_error(world) -> None:  # type: ignore[no-untyped-def]
    with world.store.begin() as conn:
        tid = review_store.editor_rows(conn, world.doc_id, "en")[1].translation_id
        tr_store.edit_translation(conn, tid, "", user="tanya", expected_version=1)
        steps.submit(conn, world.doc_id)


def test_every_control_on_every_page_has_a_label(client, world):
    pages = {"login": client.get("/login").text}
    login(client, "tanya")
    pages["editor (translator)"] = client.get(f"/doc/{world.doc_id}/en").text
    _in_review_with_an_error(world)
    login(client, "ada")
    editor = client.get(f"/doc/{world.doc_id}/en").text
    assert (
        'id="reason-approve"' in editor
        and 'id="reason-reject"' in editor
        and 'id="assignee"' in editor
    )
    pages["editor (admin)"] = editor
    for url in (
        "/queue",
        f"/doc/{world.doc_id}/en/history",
        "/admin",
        "/publish",
        "/digests/new",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = response.text
    version = editor.split('name="version" value="')[1].split('"')[0]
    refused = client.post(
        f"/doc/{world.doc_id}/en/status",
        data={"csrf": csrf_of(editor), "action": "approve", "version": version},
    )
    assert refused.status_code == 409
    pages["refusal"] = refused.text
    assert {
        name: _unlabelled(page) for name, page in pages.items() if _unlabelled(page)
    } == {}
