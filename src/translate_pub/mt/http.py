"""The shared machinery of remote providers: pack, send concurrently, limit, retry, break.

A subclass says how one request looks (`request`); this class decides how many
requests, when, and what to do when they fail. Failed requests leave their
segments as None (still pending) and their errors in `last_errors`; finished
requests are never thrown away because a neighbour failed.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor

import httpx

from translate_pub.errors import MTError, RateLimited
from translate_pub.mt.base import Rejected
from translate_pub.mt.batching import Piece, assemble, pack
from translate_pub.mt.limits import CircuitBreaker, Clock, Limits, TokenBucket, backoff_delay


class Unavailable(MTError):
    """A 5xx or a network failure: worth retrying after a pause."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        self.retry_after = retry_after
        super().__init__(message)


class TooLarge(MTError):
    """The provider refused the request's size (413): send it in smaller pieces."""


def retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After", "").strip()
    try:
        return float(value) if value else None
    except ValueError:  # an HTTP date: rare from MT APIs; fall back to our own backoff
        return None


def raise_for(name: str, response: httpx.Response) -> None:
    """Turn a provider's error status into the error class that says what to do next."""
    code = response.status_code
    if code < 400:
        return
    if code == 429:
        raise RateLimited(f"{name}: rate limited (429)", retry_after(response))
    if code >= 500:
        raise Unavailable(f"{name}: server error {code}", retry_after(response))
    if code == 413:
        raise TooLarge(f"{name}: request too large (413)")
    # The body may echo our text or key: show only the status, never the payload.
    raise Rejected(f"{name}: request refused with HTTP {code} (check its API key/URL and the languages)")


class HttpEngine:
    """Base of the remote providers; subclasses set `name`, `version`, `limits` and `request`."""

    name = "http"
    version = ""

    def __init__(self, limits: Limits, client: httpx.Client | None = None, clock: Clock = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.limits = limits
        self.client = client or httpx.Client(timeout=httpx.Timeout(60.0, connect=10.0))
        self.bucket = TokenBucket(limits.rate, limits.burst, clock, sleep)
        self.breaker = CircuitBreaker(self.name, limits.failures_to_open, limits.cooldown, clock)
        self.sleep = sleep
        self.last_errors: list[MTError] = []
        self.requests_sent = 0
        self._count = threading.Lock()

    def request(self, texts: list[str], source_lang: str, target_lang: str) -> list[str | None]:
        """One HTTP request for these texts; raise via `raise_for` on an error status."""
        raise NotImplementedError

    def translate(self, texts: Sequence[str], source_lang: str, target_lang: str) -> list[str | None]:
        self.last_errors = []
        done: dict[tuple[int, int], str | None] = {}
        stop = threading.Event()  # set on a refusal: the other requests would fail the same way
        with ThreadPoolExecutor(self.limits.concurrency, thread_name_prefix=self.name) as pool:
            batches = pack(texts, self.limits.max_chars, self.limits.max_items)
            jobs = [(b, pool.submit(self._send, b, source_lang, target_lang, stop)) for b in batches]
            for batch, job in jobs:
                try:
                    outs = job.result()
                except MTError as exc:
                    outs = [None] * len(batch)
                    self.last_errors.append(exc)
                done.update({(p.index, p.part): out for p, out in zip(batch, outs, strict=True)})
        return assemble(len(texts), done)

    def _send(self, pieces: list[Piece], source_lang: str, target_lang: str,
              stop: threading.Event) -> list[str | None]:
        for attempt in range(self.limits.retries + 1):
            if stop.is_set():
                raise MTError(f"{self.name}: not sent after an earlier refusal")
            self.breaker.before_call()
            self.bucket.take()
            try:
                with self._count:
                    self.requests_sent += 1
                outs = self.request([p.text for p in pieces], source_lang, target_lang)
            except TooLarge:
                self.breaker.success()  # the provider answered; only our request was too big
                return self._halves(pieces, source_lang, target_lang, stop)
            except Rejected:
                stop.set()
                raise
            except (RateLimited, Unavailable) as exc:
                self.breaker.failure()
                if attempt == self.limits.retries:
                    raise
                self._pause(attempt, exc)
            else:
                self.breaker.success()
                return [o if o else None for o in outs]  # an empty output is a miss, never a translation
        raise AssertionError("unreachable")

    def _halves(self, pieces: list[Piece], source_lang: str, target_lang: str,
                stop: threading.Event) -> list[str | None]:
        if len(pieces) == 1:  # alone and still too big: this text is a miss, its neighbours are not
            self.last_errors.append(TooLarge(f"{self.name}: a {len(pieces[0].text)}-character text "
                                             "exceeds the provider's limit"))
            return [None]
        mid = len(pieces) // 2
        return (self._send(pieces[:mid], source_lang, target_lang, stop)
                + self._send(pieces[mid:], source_lang, target_lang, stop))

    def _pause(self, attempt: int, exc: RateLimited | Unavailable) -> None:
        delay = backoff_delay(attempt, self.limits.backoff, exc.retry_after, self.limits.max_wait)
        if exc.retry_after is not None:
            self.bucket.pause(delay)  # the server spoke for every thread, not just this one
        else:
            self.sleep(delay)

    def post(self, url: str, **kwargs: object) -> httpx.Response:
        """POST with network failures turned into retryable errors (URL only, never the body)."""
        try:
            return self.client.post(url, **kwargs)  # type: ignore[arg-type]
        except httpx.TransportError as exc:
            raise Unavailable(f"{self.name}: cannot reach {url} ({type(exc).__name__})") from None

    def close(self) -> None:
        self.client.close()

