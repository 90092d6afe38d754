"""Polite HTTP GETs of feeds and article pages, through the clients of `translate_pub.net`.

Every request names the project in its User-Agent, honours robots.txt, waits its turn
per host, retries 5xx/429 with backoff (honouring Retry-After), follows redirects itself
so loops are caught, sends conditional headers (ETag / Last-Modified) and stops reading
at a size cap. A URL the user gave directly may be on any address; links found in
feeds and every redirect go only to public addresses, or to hosts the policy allows.
"""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from translate_pub import net
from translate_pub.errors import BlockedAddress, FetchError

USER_AGENT = "translate-pub/0.1 (+https://github.com/translate-pub)"
MAX_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 10
RETRY_STATUSES = {429, 500, 502, 503, 504}
REDIRECTS = {301, 302, 303, 307, 308}


@dataclass(frozen=True)
class Fetched:
    """One response: `content` is exactly the body received (empty on 304 Not Modified)."""

    url: str  # after redirects
    status: int
    content: bytes
    content_type: str
    fetched_at: datetime
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def charset(self) -> str | None:
        for part in self.content_type.split(";")[1:]:
            key, _, value = part.partition("=")
            if key.strip().lower() == "charset":
                return value.strip().strip("\"'") or None
        return None

    @property
    def mime(self) -> str:
        return self.content_type.split(";")[0].strip().lower()


class HostLimiter:
    """At most one request per `interval` seconds to each host, shared by every thread."""

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait_turn(self, host: str, sleep: Callable[[float], None]) -> None:
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next.get(host, 0.0))
            self._next[host] = slot + self.interval
        if slot > now:
            sleep(slot - now)


# One limiter per process, so concurrent feed tasks do not hammer a shared host.
DEFAULT_LIMITER = HostLimiter(1.0)


@dataclass
class Fetcher:
    """Polite GETs. `sleep` is injectable so tests can observe waits instead of sitting through them."""

    timeout: float = 20.0
    max_bytes: int = MAX_BYTES
    retries: int = 3
    backoff: float = 1.0
    max_retry_after: float = 120.0
    limiter: HostLimiter = DEFAULT_LIMITER
    sleep: Callable[[float], None] = time.sleep
    user_agent: str = USER_AGENT
    policy: net.Policy = net.Policy()
    _robots: dict[str, RobotFileParser | None] = field(
        init=False, repr=False, default_factory=dict
    )

    # The clients are made on the first fetch: ingesting local files makes none (making one
    # reads the TLS CA bundle, about 25 ms of every `ingest`).
    @functools.cached_property
    def _guarded(self) -> httpx.Client:
        """Links from feeds, redirects: public addresses only (the policy)."""
        return net.client(self.policy, **self._options())  # type: ignore[arg-type]

    @functools.cached_property
    def _direct(self) -> httpx.Client:
        """The user's own URLs (a pool of its own)."""
        return net.client(**self._options())  # type: ignore[arg-type]

    def _options(self) -> dict[str, object]:
        return {
            "timeout": self.timeout,
            "follow_redirects": False,
            "headers": {"User-Agent": self.user_agent},
        }

    def close(self) -> None:
        for made in ("_guarded", "_direct"):
            if made in self.__dict__:
                self.__dict__.pop(made).close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        direct: bool = False,
    ) -> Fetched:
        """GET `url`, following redirects; 304 comes back as a `Fetched` with no content.
        `direct`: the user gave this URL, so it may be on a private address (its redirects may not)."""
        headers = {
            k: v
            for k, v in (("If-None-Match", etag), ("If-Modified-Since", last_modified))
            if v
        }
        return self._follow(url, headers, robots=True, direct=direct)

    def _follow(
        self, url: str, headers: dict[str, str], *, robots: bool, direct: bool
    ) -> Fetched:
        seen: list[str] = []
        current = url
        while True:
            if current in seen:
                raise FetchError(url, f"redirect loop ({' → '.join([*seen, current])})")
            if len(seen) > MAX_REDIRECTS:
                raise FetchError(url, f"more than {MAX_REDIRECTS} redirects")
            seen.append(current)
            _check_url(url, current)
            client = self._direct if direct and current == url else self._guarded
            if robots:
                self._check_robots(current, url, client is self._direct)
            result = self._with_retries(current, headers, url, client)
            if isinstance(result, Fetched):
                return result
            current = result

    def _with_retries(
        self, url: str, headers: dict[str, str], origin: str, client: httpx.Client
    ) -> Fetched | str:
        """A response, or the next URL when the server redirects."""

        def delay(attempt: int, exc: net.Retryable) -> float:
            if exc.retry_after is not None and exc.retry_after > self.max_retry_after:
                raise FetchError(
                    origin, f"{exc}: server asks to wait {exc.retry_after:.0f} s"
                )
            return (
                exc.retry_after
                if exc.retry_after is not None
                else self.backoff * 2**attempt
            )

        try:
            return net.retrying(
                lambda: self._once(url, headers, origin, client),
                retries=self.retries,
                delay=delay,
                sleep=self.sleep,
            )
        except _Again as exc:
            raise FetchError(origin, exc.final) from None
        except BlockedAddress as exc:
            raise BlockedAddress(origin, f"refused: {exc.where} {exc.reason}") from None

    def _once(
        self, url: str, headers: dict[str, str], origin: str, client: httpx.Client
    ) -> Fetched | str:
        """One request: a result or a redirect target; _Again when it is worth retrying."""
        self.limiter.wait_turn(urlsplit(url).netloc, self.sleep)
        try:
            return self._response(url, headers, origin, client)
        except httpx.TransportError as exc:
            raise _Again(
                f"network error: {_describe(exc)}", f"network error: {_describe(exc)}"
            ) from None

    def _response(
        self, url: str, headers: dict[str, str], origin: str, client: httpx.Client
    ) -> Fetched | str:
        with client.stream("GET", url, headers=headers) as resp:
            if resp.status_code in REDIRECTS and "location" in resp.headers:
                try:
                    return urljoin(url, resp.headers["location"])
                except ValueError:
                    raise FetchError(
                        origin, f"invalid redirect target {resp.headers['location']!r}"
                    ) from None
            if resp.status_code in RETRY_STATUSES:
                raise _Again(
                    f"HTTP {resp.status_code}",
                    f"HTTP {resp.status_code} after {self.retries + 1} attempts",
                    net.retry_after(resp.headers.get("retry-after")),
                )
            if resp.status_code != 304 and resp.status_code >= 400:
                raise FetchError(
                    origin, f"HTTP {resp.status_code} {resp.reason_phrase}".strip()
                )
            body = b"" if resp.status_code == 304 else self._read_capped(resp, origin)
            return Fetched(
                url=str(resp.url),
                status=resp.status_code,
                content=body,
                content_type=resp.headers.get("content-type", ""),
                fetched_at=datetime.now(UTC),
                etag=resp.headers.get("etag"),
                last_modified=resp.headers.get("last-modified"),
            )

    def _read_capped(self, resp: httpx.Response, origin: str) -> bytes:
        declared = resp.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchError(
                origin, f"response too large ({int(declared)} bytes > {self.max_bytes})"
            )
        chunks, size = [], 0
        for chunk in resp.iter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                raise FetchError(
                    origin, f"response too large (over {self.max_bytes} bytes)"
                )
            chunks.append(chunk)
        return b"".join(chunks)

    def _check_robots(self, url: str, origin: str, direct: bool) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise FetchError(origin, f"unsupported URL scheme {parts.scheme!r}")
        key = f"{parts.scheme}://{parts.netloc}"
        if key not in self._robots:
            try:
                self._robots[key] = self._load_robots(key, direct)
            except (
                BlockedAddress
            ) as exc:  # the site itself is out of bounds, not just its robots.txt
                raise BlockedAddress(origin, exc.reason) from None
        rules = self._robots[key]
        if rules is not None and not rules.can_fetch(self.user_agent, url):
            raise FetchError(origin, f"disallowed by {key}/robots.txt")

    def _load_robots(self, site: str, direct: bool) -> RobotFileParser | None:
        """Rules for a site; None means everything is allowed (no robots.txt)."""
        try:
            result = self._follow(f"{site}/robots.txt", {}, robots=False, direct=direct)
        except BlockedAddress:
            raise
        except FetchError as exc:
            if exc.reason.startswith(
                "HTTP 4"
            ):  # RFC 9309: a missing robots.txt allows all
                return None
            raise FetchError(
                site, f"robots.txt unavailable, not crawling ({exc.reason})"
            ) from None
        parser = RobotFileParser()
        parser.parse(result.content.decode("utf-8", "replace").splitlines())
        return parser


class _Again(net.Retryable):
    """A response or failure worth another try; `final` is the error once no try is left."""

    def __init__(
        self, message: str, final: str, retry_after: float | None = None
    ) -> None:
        super().__init__(message)
        self.final, self.retry_after = final, retry_after


def _check_url(origin: str, url: str) -> None:
    """Refuse what the URL parser or httpx would refuse (a bad port, an octal or circled-digit
    address): untrusted feed links and Location headers are one failed entry, not a crash."""
    try:
        urlsplit(url).port  # noqa: B018 -- raises for a bad port
        httpx.URL(url)
    except (ValueError, httpx.InvalidURL) as exc:
        raise FetchError(origin, f"invalid URL {url!r} ({exc})") from None


def _describe(exc: httpx.TransportError) -> str:
    if isinstance(exc, httpx.TimeoutException):
        return "timed out"
    if isinstance(exc, httpx.RemoteProtocolError):
        return f"incomplete response ({exc})"
    return str(exc) or type(exc).__name__
