"""Login throttling that a stranger cannot turn against a user: back-off per name and per
address, a short lock for the address only, and proxy headers believed only from listed proxies."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import replace

import httpx
import pytest
import uvicorn

from translate_pub.orchestra.publisher import PrefectPublisher
from translate_pub.review.app import create_app
from translate_pub.review.serve import proxy_options
from translate_pub.review.throttle import LoginLimiter

from .conftest import PASSWORD, csrf_of

QUICK = LoginLimiter(base=0.1, cap=0.4)  # production waits, scaled down: 1 s → 0.1 s


async def _log_in(app, address: str, name: str, password: str) -> httpx.Response:  # type: ignore[no-untyped-def]
    transport = httpx.ASGITransport(app=app, client=(address, 40000))
    async with httpx.AsyncClient(
        transport=transport, base_url="https://testserver"
    ) as client:
        token = csrf_of((await client.get("/login")).text)
        return await client.post(
            "/login", data={"csrf": token, "name": name, "password": password}
        )


def test_a_stranger_cannot_lock_a_user_out(app, world) -> None:  # type: ignore[no-untyped-def]
    app.state.limiter = replace(QUICK)

    async def run() -> tuple[list[int], httpx.Response, httpx.Response, float]:
        stranger = [
            (await _log_in(app, "203.0.113.5", "tanya", f"guess {i}")).status_code
            for i in range(5)
        ]
        locked = await _log_in(app, "203.0.113.5", "tanya", PASSWORD)
        started = time.perf_counter()
        fresh = await _log_in(app, "198.51.100.7", "tanya", PASSWORD)
        return stranger, locked, fresh, time.perf_counter() - started

    stranger, locked, fresh, waited = asyncio.run(run())
    assert stranger == [401] * 5
    assert locked.status_code == 429 and 0 < int(locked.headers["retry-after"]) <= 60
    assert fresh.status_code == 303 and fresh.headers["location"] == "/queue"
    assert (
        waited >= 0.4 - 0.05
    )  # slowed by the name's back-off (3 failures past the free 2: 0.1·2²), not refused


def test_failures_back_off_exponentially_per_name_and_per_address(world) -> None:  # type: ignore[no-untyped-def]
    async def attempts(
        limiter: LoginLimiter, keys: list[tuple[str, str]]
    ) -> list[float]:
        waits = []
        for address, name in keys:
            started = time.perf_counter()
            async with limiter.attempt(address, name) as attempt:
                assert attempt.allowed
                attempt.ok = False
            waits.append(time.perf_counter() - started)
        return waits

    by_name = asyncio.run(
        attempts(
            LoginLimiter(base=0.1, cap=10, lock_after=99),
            [(f"10.0.0.{i}", "tanya") for i in range(6)],
        )
    )
    by_address = asyncio.run(
        attempts(
            LoginLimiter(base=0.1, cap=10, lock_after=99),
            [("10.0.0.1", f"name{i}") for i in range(6)],
        )
    )
    for waits in (by_name, by_address):
        assert waits[:3] == pytest.approx(
            [0, 0, 0], abs=0.05
        )  # two free failures, then 0.1, 0.2, 0.4 s
        assert [
            w >= expected - 0.01
            for w, expected in zip(waits[3:], (0.1, 0.2, 0.4), strict=True)
        ] == [True] * 3


def test_a_good_login_clears_the_back_off(world) -> None:  # type: ignore[no-untyped-def]
    async def run() -> float:
        limiter = LoginLimiter(base=5, lock_after=99)
        for ok in (False, False, False, True):
            async with limiter.attempt("10.0.0.1", "tanya") as attempt:
                attempt.ok = ok
        started = time.perf_counter()
        async with limiter.attempt("10.0.0.1", "tanya"):
            return time.perf_counter() - started

    assert asyncio.run(run()) < 0.5


@pytest.fixture
def served(world, request) -> Iterator[int]:  # type: ignore[no-untyped-def]
    """The app under uvicorn as `serve` runs it, with the proxies listed in the test's parameter."""
    settings = replace(world.settings, trusted_proxies=request.param)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    app = create_app(settings, PrefectPublisher())
    app.state.limiter = replace(QUICK, base=0.01)
    server = uvicorn.Server(
        uvicorn.Config(app, log_level="warning", **proxy_options(settings))
    )
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, daemon=True
    )
    thread.start()
    yield sock.getsockname()[1]
    server.should_exit = True
    thread.join(timeout=30)


def _guesses_with_forged_addresses(port: int) -> list[int]:
    codes = []
    with httpx.Client(base_url=f"http://127.0.0.1:{port}") as client:
        page = client.get("/login")
        for i in range(7):  # each answer is a login page with a fresh form token
            page = client.post(
                "/login",
                data={"csrf": csrf_of(page.text), "name": "tanya", "password": "wrong"},
                headers={"X-Forwarded-For": f"192.0.2.{i}"},
            )
            codes.append(page.status_code)
    return codes


@pytest.mark.parametrize("served", [()], indirect=True)
def test_forwarded_for_from_an_unlisted_client_is_ignored(served) -> None:  # type: ignore[no-untyped-def]
    assert _guesses_with_forged_addresses(served) == [401] * 5 + [429] * 2


@pytest.mark.parametrize("served", [("127.0.0.1",)], indirect=True)
def test_forwarded_for_from_a_listed_proxy_names_the_client(served) -> None:  # type: ignore[no-untyped-def]
    assert _guesses_with_forged_addresses(served) == [401] * 7
