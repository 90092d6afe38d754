"""The fetcher against a real local server: politeness, retries, caps and every refusal."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from translate_pub.errors import FetchError
from translate_pub.ingest.fetch import USER_AGENT, Fetcher, HostLimiter
from translate_pub.net import retry_after

from .conftest import LOCAL, Reply, Site


def test_user_agent_names_the_project(site: Site, fetcher: Fetcher) -> None:
    url = site.add("/a.html", Reply(b"<p>x</p>"))
    fetched = fetcher.get(url)
    assert (
        fetched.content == b"<p>x</p>"
        and fetched.mime == "text/html"
        and fetched.charset == "utf-8"
    )
    assert site.hits("/a.html")[0]["user-agent"] == USER_AGENT
    assert (
        "translate-pub" in USER_AGENT
        and "https://github.com/translate-pub" in USER_AGENT
    )


def test_robots_txt_disallow_is_honoured_and_fetched_once(
    site: Site, fetcher: Fetcher
) -> None:
    site.add(
        "/robots.txt",
        Reply(
            b"User-agent: translate-pub\nDisallow: /private/\n",
            content_type="text/plain",
        ),
    )
    site.add("/private/a.html", Reply(b"<p>secret</p>"))
    ok = site.add("/public.html", Reply(b"<p>ok</p>"))
    with pytest.raises(FetchError, match="disallowed by .*robots.txt"):
        fetcher.get(site.base + "/private/a.html")
    assert fetcher.get(ok).content == b"<p>ok</p>"
    assert site.hits("/private/a.html") == [] and len(site.hits("/robots.txt")) == 1


def test_429_waits_as_long_as_retry_after_says(
    site: Site, fetcher: Fetcher, sleeps: list[float]
) -> None:
    url = site.add(
        "/busy",
        Reply(b"", status=429, headers={"Retry-After": "1"}),
        Reply(b"<p>done</p>"),
    )
    assert fetcher.get(url).content == b"<p>done</p>"
    assert sleeps == [1.0] and len(site.hits("/busy")) == 2


def test_5xx_is_retried_with_growing_backoff_then_reported(
    site: Site, sleeps: list[float]
) -> None:
    url = site.add("/down", Reply(b"", status=503))
    with (
        Fetcher(
            policy=LOCAL,
            retries=2,
            backoff=0.5,
            limiter=HostLimiter(0),
            sleep=sleeps.append,
        ) as f,
        pytest.raises(FetchError, match="HTTP 503 after 3 attempts"),
    ):
        f.get(url)
    assert sleeps == [0.5, 1.0] and len(site.hits("/down")) == 3


def test_a_retry_after_beyond_the_limit_gives_up_at_once(
    site: Site, fetcher: Fetcher
) -> None:
    url = site.add("/later", Reply(b"", status=429, headers={"Retry-After": "86400"}))
    with pytest.raises(FetchError, match="asks to wait 86400 s"):
        fetcher.get(url)
    assert len(site.hits("/later")) == 1


def test_404_names_the_url(site: Site, fetcher: Fetcher) -> None:
    with pytest.raises(FetchError) as err:
        fetcher.get(site.base + "/nothing")
    assert err.value.where == site.base + "/nothing" and "HTTP 404" in err.value.reason


def test_redirects_are_followed_and_loops_caught(site: Site, fetcher: Fetcher) -> None:
    site.add("/old", Reply(status=301, headers={"Location": "/new"}))
    site.add("/new", Reply(b"<p>new</p>"))
    assert fetcher.get(site.base + "/old").url == site.base + "/new"
    site.add("/loop-a", Reply(status=302, headers={"Location": "/loop-b"}))
    site.add("/loop-b", Reply(status=302, headers={"Location": "/loop-a"}))
    with pytest.raises(FetchError, match="redirect loop"):
        fetcher.get(site.base + "/loop-a")


def test_oversize_responses_are_refused_declared_or_streamed(
    site: Site, fetcher: Fetcher
) -> None:
    big = b"<p>" + "д".encode() * 150_000 + b"</p>"
    site.add("/big", Reply(big))
    site.add("/big-stream", Reply(big, close_delimited=True))
    for path in ("/big", "/big-stream"):
        with pytest.raises(FetchError, match="response too large"):
            fetcher.get(site.base + path)


def test_a_body_shorter_than_its_content_length_is_an_incomplete_response(
    site: Site, sleeps: list[float]
) -> None:
    url = site.add("/cut", Reply(b"<p>half", length=5000))
    with (
        Fetcher(
            policy=LOCAL, retries=0, limiter=HostLimiter(0), sleep=sleeps.append
        ) as f,
        pytest.raises(FetchError, match="incomplete response"),
    ):
        f.get(url)


def test_conditional_get_transfers_no_body_when_unchanged(
    site: Site, fetcher: Fetcher
) -> None:
    url = site.add(
        "/feed.xml", Reply(b"<rss/>", content_type="application/rss+xml", etag='"v1"')
    )
    first = fetcher.get(url)
    again = fetcher.get(url, etag=first.etag)
    assert first.etag == '"v1"' and again.not_modified and again.content == b""
    assert site.hits("/feed.xml")[1]["if-none-match"] == '"v1"'


def test_host_limiter_spaces_requests_to_one_host() -> None:
    waits: list[float] = []
    limiter = HostLimiter(10.0)
    for _ in range(3):
        limiter.wait_turn("example.org", waits.append)
    limiter.wait_turn("other.org", waits.append)
    assert (
        len(waits) == 2
        and waits[0] == pytest.approx(10, abs=0.5)
        and waits[1] == pytest.approx(20, abs=0.5)
    )


def test_retry_after_accepts_seconds_and_http_dates() -> None:
    assert retry_after("3") == 3.0
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0
    assert (
        retry_after(
            "Wed, 21 Oct 2015 07:28:30 GMT", datetime(2015, 10, 21, 7, 28, tzinfo=UTC)
        )
        == 30.0
    )
    assert retry_after("soon") is None
