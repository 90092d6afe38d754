"""Hostile input and hostile users: XSS payloads, missing CSRF tokens, role escalation,
foreign and malformed IDs in URLs."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from translate_pub.model import Status
from translate_pub.store import translations as tr_store

from .conftest import csrf_of, login, make_document, segments_of

XSS = "<script>alert(1)</script><img src=x onerror=alert(2)>\"'><svg/onload=alert(3)>"


def test_xss_in_source_translation_and_comment_is_escaped(client, world):
    with world.store.begin() as conn:
        doc_id = make_document(
            conn,
            7,
            sources=[("title", f"Заголовок {XSS}"), ("p", f"Текст {XSS}")],
            targets=[f"Title {XSS}", f"Text {XSS}"],
        )
    login(client, "rita")
    page = client.get(f"/doc/{doc_id}/en").text
    tid, version, url = segments_of(page)[1]
    saved = client.post(
        url,
        json={"text": f"Edited {XSS}", "version": version},
        headers={"X-CSRF-Token": csrf_of(page)},
    )
    assert saved.status_code == 200
    client.post(
        f"/doc/{doc_id}/en/comment", data={"csrf": csrf_of(page), "text": f"Note {XSS}"}
    )
    for html in (
        client.get(f"/doc/{doc_id}/en").text,
        client.get(f"/doc/{doc_id}/en/history").text,
        client.get("/queue").text,
    ):
        assert (
            "<script>alert" not in html
            and "<img src=x" not in html
            and "<svg/onload" not in html
        )
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert (
        "script-src 'self'"
        in client.get(f"/doc/{doc_id}/en").headers["content-security-policy"]
    )


@pytest.mark.parametrize(
    "path", ["/doc/{doc}/en/comment", "/doc/{doc}/en/status", "/logout", "/publish"]
)
def test_forms_without_their_csrf_token_are_refused(client, world, path):
    login(client, "ada")
    response = client.post(
        path.format(doc=world.doc_id),
        data={"text": "x", "action": "submit", "version": 2},
    )
    assert response.status_code == 403 and "expired" in response.text
    wrong = client.post(
        path.format(doc=world.doc_id),
        data={"csrf": "forged", "action": "submit", "version": 2},
    )
    assert wrong.status_code == 403
    assert (
        client.get("/queue").status_code == 200
    )  # still logged in: logout was refused too


def test_segment_save_without_csrf_header_is_refused(client, world):
    login(client, "tanya")
    page = client.get(f"/doc/{world.doc_id}/en").text
    _tid, version, url = segments_of(page)[0]
    assert (
        client.post(url, json={"text": "Hacked", "version": version}).status_code == 403
    )
    assert "Hacked" not in client.get(f"/doc/{world.doc_id}/en").text


def test_login_form_needs_its_token(client, world):
    client.get("/login")
    assert (
        client.post(
            "/login", data={"name": "ada", "password": "correct horse battery"}
        ).status_code
        == 403
    )


def _status(world) -> Status:  # type: ignore[no-untyped-def]
    with world.store.begin() as conn:
        return Status(tr_store.get_status(conn, world.doc_id, "en").status)


def test_translator_cannot_approve_assign_publish_or_administer(client, world):
    login(client, "tanya")
    page = client.get(f"/doc/{world.doc_id}/en").text
    assert (
        'id="action-approve"' not in page
        and "/assign" not in page
        and 'href="/publish"' not in page
    )
    token = csrf_of(page)
    client.post(
        f"/doc/{world.doc_id}/en/status",
        data={"csrf": token, "action": "submit", "version": 2},
    )
    assert _status(world) == Status.IN_REVIEW
    approve = client.post(
        f"/doc/{world.doc_id}/en/status",
        data={"csrf": token, "action": "approve", "version": 3},
    )
    assert approve.status_code == 403 and "reviewer role" in approve.text
    assert _status(world) == Status.IN_REVIEW
    assign = client.post(
        f"/doc/{world.doc_id}/en/assign",
        data={"csrf": token, "assignee": "tanya", "version": 3},
    )
    assert assign.status_code == 403
    assert client.post("/publish", data={"csrf": token}).status_code == 403
    assert client.get("/publish").status_code == 403
    assert client.get("/admin").status_code == 403
    assert (
        client.post(
            "/admin/users",
            data={"csrf": token, "name": "evil", "role": "admin", "password": "x" * 20},
        ).status_code
        == 403
    )


def test_reviewer_cannot_publish(client, world):
    login(client, "rita")
    page = client.get("/queue").text
    assert client.post("/publish", data={"csrf": csrf_of(page)}).status_code == 403


@pytest.mark.parametrize(
    "path",
    [
        "/doc/999/en",
        "/doc/99999999999999999999999/en",
        "/doc/-1/en",
        "/doc/{doc}/xx",
        "/doc/{doc}/..%2F..%2Fetc%2Fpasswd",
        "/doc/..%2F1/en",
        "/static/..%2F..%2Fapp.py",
        "/static/../app.py",
        "/doc/{doc}/en/history/../../../../etc/passwd",
    ],
)
def test_foreign_and_traversing_urls_find_nothing(client, world, path):
    login(client, "ada")
    response = client.get(path.format(doc=world.doc_id))
    assert response.status_code in (404, 422)
    assert "create_app" not in response.text and "root:" not in response.text


def test_a_segment_of_another_document_cannot_be_saved_through_this_one(client, world):
    with world.store.begin() as conn:
        other = make_document(conn, 8)
    login(client, "tanya")
    foreign_page = client.get(f"/doc/{other}/en").text
    foreign_tid, version, _url = segments_of(foreign_page)[0]
    response = client.post(
        f"/doc/{world.doc_id}/en/segment/{foreign_tid}",
        json={"text": "x", "version": version},
        headers={"X-CSRF-Token": csrf_of(foreign_page)},
    )
    assert response.status_code == 404
    assert "Court fines activist" in client.get(f"/doc/{other}/en").text


def test_pages_need_a_login(client, world):
    for path in (
        "/queue",
        f"/doc/{world.doc_id}/en",
        f"/doc/{world.doc_id}/en/history",
        "/publish",
        "/admin",
    ):
        assert client.get(path).headers.get("location") == "/login"


def test_admin_adds_a_user_who_can_then_log_in(client, world):
    login(client, "ada")
    page = client.get("/admin").text
    assert (
        client.post(
            "/admin/users",
            data={
                "csrf": csrf_of(page),
                "name": "newbie",
                "role": "translator",
                "password": "a long enough pass",
            },
        ).status_code
        == 303
    )
    admin = client.get("/admin").text
    assert "user-add" in admin and "3 terms, version" in admin
    client.cookies.clear()
    assert login(client, "newbie", "a long enough pass").status_code == 303


def test_resetting_a_users_password_ends_their_sessions(client, app, world):
    with TestClient(
        app, base_url="https://testserver", follow_redirects=False
    ) as thief:
        assert login(thief, "tanya").status_code == 303
        assert thief.get("/queue").status_code == 200
        login(client, "ada")
        page = client.get("/admin").text
        assert (
            client.post(
                "/admin/users",
                data={
                    "csrf": csrf_of(page),
                    "name": "tanya",
                    "role": "translator",
                    "password": "a fresh long password",
                },
            ).status_code
            == 303
        )
        assert thief.get("/queue").headers.get("location") == "/login"
        assert (
            client.get("/admin").status_code == 200
        )  # the admin's own session is untouched
