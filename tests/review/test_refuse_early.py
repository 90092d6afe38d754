"""Abuse is refused before it costs anything: bodies over the cap are not read (not even before
the login check), deep JSON is a 422, and only http(s) links are rendered."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import replace

import pytest
import uvicorn

from translate_pub.model import Document, Segment
from translate_pub.orchestra.publisher import PrefectPublisher
from translate_pub.review.app import create_app
from translate_pub.store import documents as doc_store

from .conftest import csrf_of, login, segments_of

FIFTY_MB = 50 * 1024 * 1024


@pytest.fixture
def served(world) -> Iterator[tuple[str, int]]:  # type: ignore[no-untyped-def]
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(world.settings, PrefectPublisher()), log_level="warning"
        )
    )
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, daemon=True
    )
    thread.start()
    yield sock.getsockname()
    server.should_exit = True
    thread.join(timeout=30)


def _status_line(conn: socket.socket) -> str:
    conn.settimeout(30)
    return conn.makefile("rb").readline().decode().strip()


def test_a_declared_50_mb_body_is_refused_before_the_login_check_reads_it(
    served,
) -> None:  # type: ignore[no-untyped-def]
    with socket.create_connection(served) as conn:
        conn.sendall(
            b"POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            b"Content-Length: %d\r\n\r\n" % FIFTY_MB + b"a" * 65536
        )
        started = time.perf_counter()
        assert (
            _status_line(conn) == "HTTP/1.1 413 Request Entity Too Large"
        )  # 64 kB of 50 MB sent
        assert time.perf_counter() - started < 5


def test_a_chunked_50_mb_body_is_cut_off_at_the_cap(served) -> None:  # type: ignore[no-untyped-def]
    sent = 0
    with socket.create_connection(served) as conn:
        conn.sendall(
            b"POST /doc/1/en/segment/1 HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n"
        )
        chunk = b"%x\r\n%s\r\n" % (65536, b"[" * 65536)

        def flood() -> None:
            nonlocal sent
            try:
                while sent < FIFTY_MB:
                    conn.sendall(chunk)
                    sent += 65536
            except OSError:  # the server closed the connection: what we want
                pass

        sender = threading.Thread(target=flood, daemon=True)
        sender.start()
        assert _status_line(conn) == "HTTP/1.1 413 Request Entity Too Large"
        sender.join(30)
    assert (
        not sender.is_alive() and sent < 16 * 1024 * 1024
    )  # the cap plus what socket buffers held


def test_100000_nested_brackets_get_a_422(client, world) -> None:  # type: ignore[no-untyped-def]
    login(client, "tanya")
    page = client.get(f"/doc/{world.doc_id}/en")
    tid, _version, save = segments_of(page.text)[0]
    headers = {"X-CSRF-Token": csrf_of(page.text), "Content-Type": "application/json"}
    for body in (
        "[" * 100_000 + "]" * 100_000,
        '{"a":' * 100_000 + "1" + "}" * 100_000,
        '{"text": "x", "version": 1, "extra": ' + "[" * 9 + "]" * 9 + "}",
    ):
        answer = client.post(save, content=body, headers=headers)
        assert answer.status_code == 422 and answer.json() == {
            "error": "JSON nested deeper than 8 levels"
        }
    ok = client.post(
        save, json={"text": "Court fines an activist", "version": 1}, headers=headers
    )
    assert ok.status_code == 200 and tid


def test_a_lone_surrogate_in_a_save_is_a_400_and_the_segment_keeps_its_text(
    client, world
) -> None:  # type: ignore[no-untyped-def]
    login(client, "tanya")
    page = client.get(f"/doc/{world.doc_id}/en")
    _tid, _version, save = segments_of(page.text)[0]
    headers = {"X-CSRF-Token": csrf_of(page.text), "Content-Type": "application/json"}
    for body in (
        '{"text": "Court \\ud800 fines", "version": 1}',
        '{"text": "x", "version": 1, "\\udfff": 1}',
    ):
        answer = client.post(save, content=body, headers=headers)
        assert answer.status_code == 400 and answer.json() == {
            "error": "the request body is not JSON"
        }
    ok = client.post(
        save, json={"text": "Court fines an activist", "version": 1}, headers=headers
    )
    assert ok.status_code == 200


def test_a_javascript_original_link_is_shown_as_text(client, world) -> None:  # type: ignore[no-untyped-def]
    with world.store.begin() as conn:
        doc = Document(
            source_lang="ru",
            outlet="local",
            title="Заметка",
            url="javascript:alert(document.cookie)",
            canonical_url="javascript:alert(1)",
            content_hash="js",
            segments=(
                Segment(
                    position=0, paragraph=0, sentence=0, source="Заметка", block="title"
                ),
            ),
        )
        doc_id = doc_store.save_document(conn, doc, ("en",)).document_id
    login(client, "tanya")
    html = client.get(f"/doc/{doc_id}/en").text
    assert "javascript:" in html and 'href="javascript:' not in html
    assert (
        'href="https://ovd.info/news/0"' in client.get(f"/doc/{world.doc_id}/en").text
    )


def test_the_cap_is_a_setting(world) -> None:  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    app = create_app(replace(world.settings, max_body=1000), PrefectPublisher())
    with TestClient(app, base_url="https://testserver") as small:
        assert small.post("/login", content=b"a" * 1001).status_code == 413
        assert (
            small.post("/login", content=b"a" * 1000).status_code == 403
        )  # read, then no CSRF token
    app.state.store.dispose()


def test_the_upload_caps_are_only_for_a_session_allowed_to_upload(world) -> None:  # type: ignore[no-untyped-def]
    """Found in review: /admin/memory read up to 256 MB before the route found no login."""
    from fastapi.testclient import TestClient

    app = create_app(replace(world.settings, max_body=1000), PrefectPublisher())
    big = b"a" * 5000  # over the 1000-byte cap, far under the upload caps
    with TestClient(app, base_url="https://testserver") as anonymous:
        assert anonymous.post("/admin/memory", content=big).status_code == 413
        assert anonymous.post("/xliff", content=big).status_code == 413
        anonymous.cookies.set("tp_session", "forged")
        assert anonymous.post("/xliff", content=big).status_code == 413
    with TestClient(app, base_url="https://testserver") as tanya:
        login(tanya, "tanya")  # a translator: XLIFF yes, the admin's TMX upload no
        assert tanya.post("/xliff", content=big).status_code != 413
        assert tanya.post("/admin/memory", content=big).status_code == 413
    app.state.store.dispose()
