"""Login guesses per name are capped in the store: `serve --workers 2`, 24 attempts at a time
from 48 addresses, and no more than 10 passwords of one name are checked in a minute, while its
owner still signs in from a browser they used before."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from translate_pub.store.review import audit_entries

from .conftest import PASSWORD, csrf_of
from .workers import two_workers


@pytest.fixture
def base(world) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """The base URL of `translate-pub serve --workers 2` over the world's store, behind a trusted
    proxy on loopback (so X-Forwarded-For names each attempt's address)."""
    # No Prefect server: the publish runner is off.
    with two_workers(
        world,
        TRANSLATE_PUB_DB=world.settings.db_url,
        TRANSLATE_PUB_TRUSTED_PROXIES="127.0.0.1",
        PREFECT_API_URL="http://127.0.0.1:9/api",
    ) as (port, _pid):
        yield f"http://127.0.0.1:{port}"


def _log_in(
    base: str, password: str, address: str, cookies: httpx.Cookies | None = None
) -> httpx.Response:
    with httpx.Client(
        base_url=base,
        cookies=cookies,
        headers={"X-Forwarded-For": address},
        timeout=120,
    ) as client:
        page = client.get("/login")
        answer = client.post(
            "/login",
            data={"csrf": csrf_of(page.text), "name": "tanya", "password": password},
        )
        if cookies is not None:
            cookies.update(client.cookies)
        return answer


def test_parallel_guesses_from_many_addresses_and_two_workers_stay_under_ten_a_minute(
    world, base
) -> None:  # type: ignore[no-untyped-def]
    browser = httpx.Cookies()
    assert (
        _log_in(base, PASSWORD, "198.51.100.1", browser).status_code == 303
    )  # the owner, earlier

    addresses = [f"203.0.113.{i}" for i in range(48)]
    started = time.monotonic()
    with ThreadPoolExecutor(24) as pool:
        codes = Counter(
            pool.map(
                lambda i: _log_in(base, f"guess {i}", addresses[i % 48]).status_code,
                range(96),
            )
        )
    elapsed = time.monotonic() - started
    with world.store.begin() as conn:
        checked = len(audit_entries(conn, "login-failed", limit=1000))
    assert elapsed < 60  # so every guess counted below fell within one minute
    assert checked == codes[401] <= 10, codes  # passwords checked, across both workers
    assert codes[401] + codes[429] == 96

    assert (
        _log_in(base, PASSWORD, "198.51.100.1", browser).status_code == 303
    )  # the owner's browser
    stranger = _log_in(
        base, PASSWORD, "198.51.100.2"
    )  # the right password, from a new browser
    assert (
        stranger.status_code == 429 and 0 < int(stranger.headers["retry-after"]) <= 60
    )
