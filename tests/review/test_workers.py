"""`serve --workers 2`: two app processes over one store. A session started through one worker
is honoured by the other, and ending it through either ends it everywhere at once."""

from __future__ import annotations

import http.client
import os
from collections.abc import Iterator
from http.cookies import SimpleCookie
from pathlib import Path

import pytest

from .conftest import PASSWORD, csrf_of, segments_of
from .workers import two_workers


@pytest.fixture
def workers(world) -> Iterator[tuple[int, list[int]]]:  # type: ignore[no-untyped-def]
    """The port and the worker pids of `translate-pub serve --workers 2` over the world's store."""
    with two_workers(world) as (port, pid):
        yield port, _children(pid)


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry))
    return found


def _worker_of(conn: http.client.HTTPConnection, port: int, pids: list[int]) -> int:
    """Which worker accepted this connection: the one holding the server end of it."""
    mine = conn.sock.getsockname()[1]  # type: ignore[union-attr]
    inode = next(
        fields[9]
        for line in Path("/proc/net/tcp").read_text().splitlines()[1:]
        if (fields := line.split())[1].endswith(f":{port:04X}")
        and fields[2].endswith(f":{mine:04X}")
    )
    for pid in pids:
        for fd in os.listdir(f"/proc/{pid}/fd"):
            try:
                if os.readlink(f"/proc/{pid}/fd/{fd}") == f"socket:[{inode}]":
                    return pid
            except OSError:
                continue
    raise AssertionError(f"no worker holds connection {mine}")


def _request(
    conn: http.client.HTTPConnection,
    method: str,
    path: str,
    cookie: str = "",
    body: str = "",
    **headers: str,
) -> tuple[int, str, SimpleCookie]:
    conn.request(method, path, body=body or None, headers={"Cookie": cookie, **headers})
    reply = conn.getresponse()
    cookies = SimpleCookie()
    for value in reply.headers.get_all("set-cookie") or []:
        cookies.load(value)
    return reply.status, reply.read().decode(), cookies


def test_log_in_through_one_worker_and_act_through_the_other(workers, world) -> None:  # type: ignore[no-untyped-def]
    port, pids = workers
    first = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    _status, page, cookies = _request(first, "GET", "/login")
    status, _page, cookies = _request(
        first,
        "POST",
        "/login",
        f"tp_login={cookies['tp_login'].value}",
        f"csrf={csrf_of(page)}&name=tanya&password={PASSWORD.replace(' ', '+')}",
        **{"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert status == 303
    session, one = (
        f"tp_session={cookies['tp_session'].value}",
        _worker_of(first, port, pids),
    )

    for _attempt in range(200):  # new connections until the other worker accepts one
        other = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        status, page, _c = _request(other, "GET", f"/doc/{world.doc_id}/en", session)
        assert status == 200
        if _worker_of(other, port, pids) != one:
            break
        other.close()
    else:
        raise AssertionError("the second worker never accepted a connection")
    for pid in (
        one,
        _worker_of(other, port, pids),
    ):  # their threads share one malloc arena
        environ = Path(
            f"/proc/{pid}/environ"
        ).read_bytes()  # from the start (arenas.py)
        assert b"\0MALLOC_ARENA_MAX=1\0" in b"\0" + environ

    _tid, version, save = segments_of(page)[0]
    status, _body, _c = _request(
        other,
        "POST",
        save,
        session,
        f'{{"text": "Court fines an activist", "version": {version}}}',
        **{"Content-Type": "application/json", "X-CSRF-Token": csrf_of(page)},
    )
    assert status == 200
    assert (
        "Court fines an activist"
        in _request(first, "GET", f"/doc/{world.doc_id}/en", session)[1]
    )
    status, _body, _c = _request(
        other,
        "POST",
        "/logout",
        session,
        f"csrf={csrf_of(page)}",
        **{"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert status == 303
    status, _body, _c = _request(first, "GET", "/queue", session)
    assert (
        status == 303
    )  # ended through the other worker: this one sends the user to /login
