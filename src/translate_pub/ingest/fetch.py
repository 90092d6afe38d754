"""The only network I/O of translate-pub: polite HTTP GETs of feeds and article pages.

One `httpx.Client` per `Fetcher`; every request names the project in its User-Agent,
honours robots.txt, waits its turn per host, retries 5xx/429 with backoff (honouring
Retry-After), follows redirects itself so loops are caught, sends conditional
headers (ETag / Last-Modified) and stops reading at a size cap.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from translate_pub.errors import FetchError

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
    _client: httpx.Client = field(init=False, repr=False)
    _robots: dict[str, RobotFileParser | None] = field(init=False, repr=False, default_factory=dict)

    def __post_init__(self) -> None:
        self._client = httpx.Client(timeout=self.timeout, follow_redirects=False,
                                    headers={"User-Agent": self.user_agent})

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """GET `url`, following redirects; 304 comes back as a `Fetched` with no content."""
        headers = {k: v for k, v in (("If-None-Match", etag), ("If-Modified-Since", last_modified)) if v}
        return self._follow(url, headers, robots=True)

    def _follow(self, url: str, headers: dict[str, str], *, robots: bool) -> Fetched:
        seen: list[str] = []
        current = url
        while True:
            if current in seen:
                raise FetchError(url, f"redirect loop ({' → '.join([*seen, current])})")
            if len(seen) > MAX_REDIRECTS:
                raise FetchError(url, f"more than {MAX_REDIRECTS} redirects")
            seen.append(current)
            try:
                urlsplit(current).port  # noqa: B018 -- raises for a bad port
            except ValueError as exc:  # untrusted feed links and Location headers
                raise FetchError(url, f"invalid URL {current!r} ({exc})") from None
            if robots:
                self._check_robots(current, url)
            result = self._with_retries(current, headers, url)
            if isinstance(result, Fetched):
                return result
            current = result

    def _with_retries(self, url: str, headers: dict[str, str], origin: str) -> Fetched | str:
        """A response, or the next URL when the server redirects."""
        for attempt in range(self.retries + 1):
            last = attempt == self.retries
            try:
                outcome = self._once(url, headers, origin)
            except httpx.TransportError as exc:
                if last:
                    raise FetchError(origin, f"network error: {_describe(exc)}") from None
                self.sleep(self.backoff * 2 ** attempt)
                continue
            if isinstance(outcome, Fetched | str):
                return outcome
            status, retry_after = outcome
            if last:
                raise FetchError(origin, f"HTTP {status} after {self.retries + 1} attempts")
            if retry_after is not None and retry_after > self.max_retry_after:
                raise FetchError(origin, f"HTTP {status}: server asks to wait {retry_after:.0f} s")
            self.sleep(retry_after if retry_after is not None else self.backoff * 2 ** attempt)
        raise AssertionError("unreachable")

    def _once(self, url: str, headers: dict[str, str], origin: str) -> Fetched | str | tuple[int, float | None]:
        """One request: a result, a redirect target, or (status, retry_after) to retry."""
        self.limiter.wait_turn(urlsplit(url).netloc, self.sleep)
        with self._client.stream("GET", url, headers=headers) as resp:
            if resp.status_code in REDIRECTS and "location" in resp.headers:
                try:
                    return urljoin(url, resp.headers["location"])
                except ValueError:
                    raise FetchError(origin, f"invalid redirect target {resp.headers['location']!r}") from None
            if resp.status_code in RETRY_STATUSES:
                return resp.status_code, retry_after_seconds(resp.headers.get("retry-after"))
            if resp.status_code != 304 and resp.status_code >= 400:
                raise FetchError(origin, f"HTTP {resp.status_code} {resp.reason_phrase}".strip())
            body = b"" if resp.status_code == 304 else self._read_capped(resp, origin)
            return Fetched(url=str(resp.url), status=resp.status_code, content=body,
                           content_type=resp.headers.get("content-type", ""), fetched_at=datetime.now(UTC),
                           etag=resp.headers.get("etag"), last_modified=resp.headers.get("last-modified"))

    def _read_capped(self, resp: httpx.Response, origin: str) -> bytes:
        declared = resp.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchError(origin, f"response too large ({int(declared)} bytes > {self.max_bytes})")
        chunks, size = [], 0
        for chunk in resp.iter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                raise FetchError(origin, f"response too large (over {self.max_bytes} bytes)")
            chunks.append(chunk)
        return b"".join(chunks)

    def _check_robots(self, url: str, origin: str) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise FetchError(origin, f"unsupported URL scheme {parts.scheme!r}")
        key = f"{parts.scheme}://{parts.netloc}"
        if key not in self._robots:
            self._robots[key] = self._load_robots(key)
        rules = self._robots[key]
        if rules is not None and not rules.can_fetch(self.user_agent, url):
            raise FetchError(origin, f"disallowed by {key}/robots.txt")

    def _load_robots(self, site: str) -> RobotFileParser | None:
        """Rules for a site; None means everything is allowed (no robots.txt)."""
        try:
            result = self._follow(f"{site}/robots.txt", {}, robots=False)
        except FetchError as exc:
            if exc.reason.startswith("HTTP 4"):  # RFC 9309: a missing robots.txt allows all
                return None
            raise FetchError(site, f"robots.txt unavailable, not crawling ({exc.reason})") from None
        parser = RobotFileParser()
        parser.parse(result.content.decode("utf-8", "replace").splitlines())
        return parser


def retry_after_seconds(value: str | None) -> float | None:
    """Retry-After as seconds: either a number or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _describe(exc: httpx.TransportError) -> str:
    if isinstance(exc, httpx.TimeoutException):
        return "timed out"
    if isinstance(exc, httpx.RemoteProtocolError):
        return f"incomplete response ({exc})"
    return str(exc) or type(exc).__name__
