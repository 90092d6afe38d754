"""The shared machinery of remote providers: pack, send concurrently, limit, retry, break.

A subclass says how one request looks (`request`); this class decides how many
requests, when, and what to do when they fail. Failed requests leave their
segments as None (still pending) and their errors in `last_errors`; finished
requests are never thrown away because a neighbour failed.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor

import httpx

from translate_pub import net
from translate_pub.errors import MTError, RateLimited
from translate_pub.mt.base import Engine, Rejected
from translate_pub.mt.batching import Piece, joined, packed
from translate_pub.mt.pacing import (
    CircuitBreaker,
    Clock,
    Limits,
    TokenBucket,
    backoff_delay,
)


class Unavailable(MTError):
    """A 5xx or a network failure: worth retrying after a pause."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        self.retry_after = retry_after
        super().__init__(message)


class TooLarge(MTError):
    """The provider refused the request's size (413): send it in smaller pieces."""


def retry_after(response: httpx.Response) -> float | None:
    return net.retry_after(response.headers.get("Retry-After"))


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
    raise Rejected(
        f"{name}: request refused with HTTP {code} (check its API key/URL and the languages)"
    )


class HttpEngine(Engine):
    """Base of the remote providers; subclasses set `name`, `version`, `limits` and `request`."""

    name = "http"
    version = ""

    def __init__(
        self,
        limits: Limits,
        client: httpx.Client | None = None,
        clock: Clock = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.limits = limits
        self.client = client or net.client(timeout=httpx.Timeout(60.0, connect=10.0))
        self.bucket = TokenBucket(limits.rate, limits.burst, clock, sleep)
        self.breaker = CircuitBreaker(
            self.name, limits.failures_to_open, limits.cooldown, clock
        )
        self.sleep = sleep
        self.last_errors: list[MTError] = []

    def request(
        self, texts: list[str], source_lang: str, target_lang: str
    ) -> list[str | None]:
        """One HTTP request for these texts; raise via `raise_for` on an error status."""
        raise NotImplementedError

    def translate(
        self, texts: Sequence[str], source_lang: str, target_lang: str
    ) -> list[str | None]:
        outputs: list[str | None] = [None] * len(texts)
        for finished in self.translate_stream(texts, source_lang, target_lang):
            for i, out in finished.items():
                outputs[i] = out
        return outputs

    def translate_stream(
        self, texts: Iterable[str], source_lang: str, target_lang: str
    ) -> Iterator[dict[int, str | None]]:
        """Outputs by text index, request by request as they finish, while later requests are in flight.

        `texts` may be lazy: each request goes out as soon as it is full, before later texts are
        made. The caller works on one request's outputs while the next is on the wire; a text split
        over several requests comes with its last part. Every text comes exactly once.
        """
        self.last_errors = []
        stop = (
            threading.Event()
        )  # set on a refusal: the other requests would fail the same way
        counted = _Counted(texts)
        with ThreadPoolExecutor(
            self.limits.concurrency, thread_name_prefix=self.name
        ) as pool:
            jobs = [
                (b, pool.submit(self._send, b, source_lang, target_lang, stop))
                for b in packed(counted, self.limits.max_chars, self.limits.max_items)
            ]
            parts: dict[int, list[tuple[int, str | None]]] = {}
            left = Counter(
                p.index for batch, _job in jobs for p in batch
            )  # parts still to come, per text
            try:
                for batch, job in jobs:
                    try:
                        outs = job.result()
                    except MTError as exc:
                        outs = [None] * len(batch)
                        self.last_errors.append(exc)
                    for p, out in zip(batch, outs, strict=True):
                        parts.setdefault(p.index, []).append((p.part, out))
                        left[p.index] -= 1
                    finished = {
                        i: joined(parts.pop(i))
                        for i in dict.fromkeys(p.index for p in batch)
                        if not left[i]
                    }
                    if finished:
                        yield finished
            finally:
                stop.set()  # a caller that stopped listening (an error on its side) pays for nothing more
        unsent: dict[int, str | None] = {
            i: None for i in range(counted.count) if i not in left
        }  # blank: a miss
        if unsent:
            yield unsent

    def _send(
        self,
        pieces: list[Piece],
        source_lang: str,
        target_lang: str,
        stop: threading.Event,
    ) -> list[str | None]:
        def attempt() -> list[str | None]:
            if stop.is_set():
                raise MTError(f"{self.name}: not sent after an earlier refusal")
            self.breaker.before_call()
            self.bucket.take()
            try:
                outs = self.request([p.text for p in pieces], source_lang, target_lang)
            except TooLarge:
                self.breaker.success()  # the provider answered; only our request was too big
                raise
            except Rejected:
                stop.set()
                raise
            except (RateLimited, Unavailable):
                self.breaker.failure()
                raise
            self.breaker.success()
            return [
                o if o else None for o in outs
            ]  # an empty output is a miss, never a translation

        try:
            return net.retrying(
                attempt,
                retries=self.limits.retries,
                delay=self._pause,
                sleep=self._sleep,
                retry_on=(RateLimited, Unavailable),
            )
        except TooLarge:
            return self._halves(pieces, source_lang, target_lang, stop)

    def _halves(
        self,
        pieces: list[Piece],
        source_lang: str,
        target_lang: str,
        stop: threading.Event,
    ) -> list[str | None]:
        if (
            len(pieces) == 1
        ):  # alone and still too big: this text is a miss, its neighbours are not
            self.last_errors.append(
                TooLarge(
                    f"{self.name}: a {len(pieces[0].text)}-character text "
                    "exceeds the provider's limit"
                )
            )
            return [None]
        mid = len(pieces) // 2
        return self._send(pieces[:mid], source_lang, target_lang, stop) + self._send(
            pieces[mid:], source_lang, target_lang, stop
        )

    def _pause(self, attempt: int, exc: RateLimited | Unavailable) -> float:
        """How long this thread sleeps before the next attempt (0 when the bucket holds everyone)."""
        delay = backoff_delay(
            attempt, self.limits.backoff, exc.retry_after, self.limits.max_wait
        )
        if exc.retry_after is not None:
            self.bucket.pause(
                delay
            )  # the server spoke for every thread, not just this one
            return 0.0
        return delay

    def _sleep(self, seconds: float) -> None:
        if seconds > 0:
            self.sleep(seconds)

    def post(self, url: str, **kwargs: object) -> httpx.Response:
        """POST with network failures turned into retryable errors (URL only, never the body)."""
        try:
            return self.client.post(url, **kwargs)  # type: ignore[arg-type]
        except httpx.TransportError as exc:
            raise Unavailable(
                f"{self.name}: cannot reach {url} ({type(exc).__name__})"
            ) from None

    def close(self) -> None:
        self.client.close()


class _Counted:
    """An iterable that counts what it has given out (a lazy input's length is known only at its end)."""

    def __init__(self, items: Iterable[str]) -> None:
        self.items, self.count = items, 0

    def __iter__(self) -> Iterator[str]:
        for item in self.items:
            self.count += 1
            yield item
