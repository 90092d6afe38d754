"""Every error page, the login errors and the approval refusal read in Russian when the UI language
is Russian: their visible text holds no Latin word besides names, codes and our brand."""

from __future__ import annotations

import html
import re
from dataclasses import replace

from fastapi.testclient import TestClient
from sqlalchemy import text

from translate_pub.orchestra.publisher import PrefectPublisher
from translate_pub.review.app import create_app
from translate_pub.store import translations as tr_store

from .conftest import csrf_of, login

# Words that are not English prose: the brand, the language switch, format names, people and outlets.
ALLOWED = {
    "translate",
    "pub",
    "EN",
    "RU",
    "XLIFF",
    "JSON",
    "tanya",
    "rita",
    "ed",
    "ada",
}


def _latin_words(page: str) -> set[str]:
    """Latin words a reader sees: the title and the body text (scripts, styles and tags removed)."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    visible = html.unescape(re.sub(r"<[^>]+>", " ", page))
    return set(re.findall(r"[A-Za-z]{2,}", visible)) - ALLOWED


def _russian(client: TestClient) -> None:
    client.cookies.set("tp_ui", "ru")


def _doc_form(client: TestClient, world, action: str, **extra: str):  # type: ignore[no-untyped-def]
    page = client.get(f"/doc/{world.doc_id}/en").text
    with world.store.begin() as conn:
        version = str(tr_store.get_status(conn, world.doc_id, "en").version)
    return client.post(
        f"/doc/{world.doc_id}/en/status",
        data={"csrf": csrf_of(page), "action": action, "version": version, **extra},
    )


def test_error_pages_read_in_russian(client, world):
    _russian(client)
    wrong = login(client, "tanya", "wrong password")
    assert wrong.status_code == 401 and "Неверное имя или пароль" in wrong.text
    login(client, "tanya")
    _doc_form(client, world, "submit")
    pages = {
        "404 page": client.get("/nowhere"),
        "404 document": client.get("/doc/999/en"),
        "404 language": client.get(f"/doc/{world.doc_id}/xx"),
        "422": client.get("/doc/0/en"),
        "405": client.get("/logout"),
        "403 csrf": client.post(
            f"/doc/{world.doc_id}/en/comment", data={"csrf": "forged", "text": "x"}
        ),
        "403 role": _doc_form(client, world, "approve"),
        "400": client.post("/xliff", data={"csrf": csrf_of(client.get("/queue").text)}),
    }
    login(client, "rita")
    pages["400 reason"] = _doc_form(client, world, "reject")
    pages["409 state"] = _doc_form(client, world, "submit")
    statuses = {name: r.status_code for name, r in pages.items()}
    assert statuses == {
        "404 page": 404,
        "404 document": 404,
        "404 language": 404,
        "422": 422,
        "405": 405,
        "403 csrf": 403,
        "403 role": 403,
        "400": 400,
        "400 reason": 400,
        "409 state": 409,
    }
    # A reject without a reason shows the document again (its English text is content): its marked field reads in Russian.
    assert (
        'id="reason-reject-error" role="alert">возвращая перевод, объясните причину<'
        in pages.pop("400 reason").text
    )
    leftovers = {
        name: _latin_words(r.text) for name, r in pages.items() if _latin_words(r.text)
    }
    assert leftovers == {}
    assert "нужна роль «рецензент»; ваша роль — «переводчик»" in pages["403 role"].text
    assert (
        "нельзя отправить на проверку документ в статусе «на проверке»"
        in pages["409 state"].text
    )


def test_the_refusal_page_reads_in_russian(client, world):
    _russian(client)
    login(client, "tanya")
    page = client.get(f"/doc/{world.doc_id}/en").text
    tid, version = re.search(r'data-tid="(\d+)" data-version="(\d+)"', page).groups()
    client.post(
        f"/doc/{world.doc_id}/en/segment/{tid}",
        json={"text": "", "version": int(version)},
        headers={"X-CSRF-Token": csrf_of(page)},
    )
    assert (
        _doc_form(client, world, "submit", confirm="1").status_code == 303
    )  # one open error, confirmed
    login(client, "rita")
    refused = _doc_form(client, world, "approve")
    assert refused.status_code == 409 and "перевод пуст" in refused.text.lower()
    assert _latin_words(refused.text) == set()


def test_too_large_unavailable_and_broken_pages_read_in_russian(world):
    small = replace(world.settings, max_body=1000)
    app = create_app(small, PrefectPublisher())
    with TestClient(
        app,
        base_url="https://testserver",
        follow_redirects=False,
        raise_server_exceptions=False,
    ) as client:
        _russian(client)
        too_large = client.post("/login", content=b"a" * 1001)
        assert (
            too_large.status_code == 413
            and "запрос слишком велик (предел — 1,000 байт)" in too_large.text
        )
        login(client, "tanya")
        with (
            world.store.begin() as conn
        ):  # a status no code knows: the queue page breaks
            conn.execute(text("UPDATE doc_status SET status = 99"))
        broken = client.get("/queue")
        assert broken.status_code == 500 and "у нас что-то сломалось" in broken.text
        with world.store.begin() as conn:  # the database loses a table the app needs
            conn.execute(
                text(
                    "DROP TABLE doc_status CASCADE"
                    if "postgres" in small.db_url
                    else "DROP TABLE doc_status"
                )
            )
        gone = client.get(f"/doc/{world.doc_id}/en")
        if (
            "postgres" in small.db_url
        ):  # PostgreSQL calls a missing table a programming error: ours
            assert gone.status_code == 500 and "у нас что-то сломалось" in gone.text
        else:  # SQLite calls it an operational error, as when the file is gone: the store is unavailable
            assert gone.status_code == 503 and "база данных не отвечает" in gone.text
        for page in (too_large, broken, gone):
            assert _latin_words(page.text) == set()
    app.state.store.dispose()
