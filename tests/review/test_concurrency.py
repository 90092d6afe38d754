"""Many requests at once: blocking work stays off the event loop, and what runs concurrently
(logins against the rate limiter, saves of one segment) keeps its guarantees."""

from __future__ import annotations

import asyncio
import inspect
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import anyio.to_thread
import httpx
from fastapi.routing import APIRoute

from translate_pub.review.app import ROUTE_THREADS
from translate_pub.store import review as review_store
from translate_pub.store import users as user_store
from translate_pub.store.sessions import end_session, find_session, start_session

from .conftest import PASSWORD, csrf_of, segments_of

# Routes that await the outside world (the Prefect API) or a worker pool; everything else
# must be a plain `def`, run in the threadpool, because it touches the database or QA.
ASYNC_ROUTES = {"login", "publish", "publish_run"}


def test_only_routes_that_await_are_coroutines(app):
    # FastAPI includes routers lazily: look inside each included router.
    found = [
        r
        for top in app.routes
        for r in getattr(getattr(top, "original_router", None), "routes", [top])
    ]
    routes = [r for r in found if isinstance(r, APIRoute)]
    assert len(routes) > 15
    coroutines = {
        r.endpoint.__name__ for r in routes if inspect.iscoroutinefunction(r.endpoint)
    }
    assert coroutines == ASYNC_ROUTES


def _client(app, cookies: httpx.Cookies | None = None) -> httpx.AsyncClient:  # type: ignore[no-untyped-def]
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app),
        base_url="https://testserver",
        cookies=cookies,
    )


async def _login_page_token(client: httpx.AsyncClient) -> str:
    return csrf_of((await client.get("/login")).text)


def test_concurrent_wrong_passwords_are_limited_to_the_allowed_attempts(app, world):
    async def guess(cookies: httpx.Cookies, token: str) -> int:
        # A client each: every answer sets a fresh login cookie, which must not reach the others.
        async with _client(app, cookies) as client:
            return (
                await client.post(
                    "/login", data={"csrf": token, "name": "tanya", "password": "x"}
                )
            ).status_code

    async def run() -> Counter[int]:
        async with _client(app) as client:
            token = await _login_page_token(client)
            cookies = client.cookies
        return Counter(await asyncio.gather(*(guess(cookies, token) for _ in range(9))))

    assert asyncio.run(run()) == {401: 5, 429: 4}


def test_concurrent_saves_of_one_segment_keep_exactly_one(app, world):
    async def run() -> tuple[list[httpx.Response], list[str]]:
        async with _client(app) as client:
            token = await _login_page_token(client)
            await client.post(
                "/login", data={"csrf": token, "name": "tanya", "password": PASSWORD}
            )
            page = (await client.get(f"/doc/{world.doc_id}/en")).text
            (_tid, version, url), *others = segments_of(page)
            headers = {"X-CSRF-Token": csrf_of(page)}
            texts = [f"The court fined {n} people." for n in range(8)]
            same = [
                client.post(url, json={"text": t, "version": version}, headers=headers)
                for t in texts
            ]
            apart = [
                client.post(
                    u, json={"text": f"Other {i}", "version": v}, headers=headers
                )
                for i, (_t, v, u) in enumerate(others)
            ]
            return list(await asyncio.gather(*same, *apart)), texts

    replies, texts = asyncio.run(run())
    same, apart = replies[: len(texts)], replies[len(texts) :]
    assert [r.status_code for r in apart] == [200] * len(apart)
    assert sorted(r.status_code for r in same) == [200] + [409] * (len(texts) - 1)
    winner = texts[[r.status_code for r in same].index(200)]
    with world.store.begin() as conn:
        rows = review_store.editor_rows(conn, world.doc_id, "en")
    assert [r.text for r in rows] == [winner] + [
        f"Other {i}" for i in range(len(apart))
    ]


def test_a_burst_of_good_logins_from_one_address_waits_instead_of_being_refused(
    app, world
):
    async def log_in(
        cookies: httpx.Cookies, token: str, name: str, password: str
    ) -> int:
        async with _client(app, cookies) as client:
            return (
                await client.post(
                    "/login", data={"csrf": token, "name": name, "password": password}
                )
            ).status_code

    async def run() -> tuple[list[int], list[int]]:
        async with _client(app) as client:
            token = await _login_page_token(client)
            cookies = client.cookies
        wrong = [
            await log_in(cookies, token, "nobody", "x") for _ in range(3)
        ]  # the office's typos
        names = ["tanya", "rita", "ed", "ada"] * 2
        return wrong, list(
            await asyncio.gather(*(log_in(cookies, token, n, PASSWORD) for n in names))
        )

    wrong, good = asyncio.run(run())
    assert wrong == [401] * 3 and good == [303] * 8


def test_sessions_hold_under_threads(world):
    start = threading.Barrier(16)
    with world.store.begin() as conn:
        users = [u for u in user_store.list_users(conn)]

    def log_in_and_out(i: int) -> tuple[str, str]:
        start.wait()
        with world.store.begin() as conn:
            kept, dropped = (
                start_session(conn, users[i % 4]),
                start_session(conn, users[i % 4]),
            )
        with world.store.begin() as conn:
            end_session(conn, dropped.token)
        return kept.token, dropped.token

    with ThreadPoolExecutor(16) as pool:
        results = list(pool.map(log_in_and_out, range(16)))
    with world.store.begin() as conn:
        assert [find_session(conn, kept).user for kept, _d in results] == [
            users[i % 4] for i in range(16)
        ]
        assert all(find_session(conn, dropped) is None for _k, dropped in results)


def test_the_served_app_bounds_its_route_threads(client):
    assert (
        client.portal.call(
            lambda: anyio.to_thread.current_default_thread_limiter().total_tokens
        )
        == ROUTE_THREADS
    )
