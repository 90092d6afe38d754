"""How a provider is called politely: a token-bucket rate limit, backoff, and a circuit breaker.

All three are thread-safe, because a provider's requests run on a small pool of
threads; each takes a clock so its behaviour can be checked without waiting.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from translate_pub.errors import CircuitOpen

Clock = Callable[[], float]


@dataclass(frozen=True)
class Limits:
    """One provider's request shape and manners (defaults suit the public APIs)."""

    max_chars: int = 5000  # characters per request, summed over its texts
    max_items: int = 50  # texts per request
    concurrency: int = 4  # requests in flight at once
    rate: float = 5.0  # requests per second, long-run
    burst: int = 1  # requests allowed back to back after a quiet spell
    retries: int = 5  # further attempts after a retryable failure
    backoff: float = 0.5  # first backoff in seconds; doubles each attempt
    max_wait: float = 60.0  # longest pause we accept, Retry-After included
    failures_to_open: int = 5  # consecutive failed requests that open the circuit
    cooldown: float = 30.0  # seconds the circuit stays open before one trial request


class TokenBucket:
    """`rate` tokens a second, at most `burst` saved up; `take` blocks until one is free."""

    def __init__(
        self,
        rate: float,
        burst: int = 1,
        clock: Clock = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.rate, self.burst = rate, max(1, burst)
        self.clock, self.sleep = clock, sleep
        self._tokens = float(self.burst)
        self._at = clock()
        self._lock = threading.Lock()

    def reserve(self) -> float:
        """Take a token now or in the future; returns how long the caller must wait for it."""
        with self._lock:
            now = self.clock()
            self._tokens = min(self.burst, self._tokens + (now - self._at) * self.rate)
            self._at = now
            self._tokens -= 1
            return 0.0 if self._tokens >= 0 else -self._tokens / self.rate

    def take(self) -> None:
        wait = self.reserve()
        if wait > 0:
            self.sleep(wait)

    def pause(self, seconds: float) -> None:
        """The provider asked us to back off (Retry-After): nobody sends for `seconds`."""
        with self._lock:
            now = self.clock()
            self._tokens = min(
                self.burst,
                self._tokens + (now - self._at) * self.rate,
                1 - seconds * self.rate,
            )
            self._at = now


def backoff_delay(
    attempt: int, base: float, retry_after: float | None, ceiling: float
) -> float:
    """Exponential backoff with jitter, or the server's Retry-After when it gave one."""
    if retry_after is not None:
        return min(max(retry_after, 0.0), ceiling)
    return min(base * (2**attempt) * (0.5 + random.random() / 2), ceiling)


class CircuitBreaker:
    """Stops calling a provider after repeated failures; lets one trial through after a cooldown."""

    def __init__(
        self,
        name: str,
        failures_to_open: int,
        cooldown: float,
        clock: Clock = time.monotonic,
    ) -> None:
        self.name, self.threshold, self.cooldown, self.clock = (
            name,
            failures_to_open,
            cooldown,
            clock,
        )
        self._failures = 0
        self._opened_at: float | None = None
        self._trial = False
        self._lock = threading.Lock()

    def before_call(self) -> None:
        """Raise CircuitOpen unless a request may go out now."""
        with self._lock:
            if self._opened_at is None:
                return
            remaining = self.cooldown - (self.clock() - self._opened_at)
            if remaining > 0 or self._trial:
                raise CircuitOpen(
                    f"{self.name}: failing repeatedly; not called for another "
                    f"{max(remaining, 0):.0f} s"
                )
            self._trial = True  # half-open: this caller is the trial

    def success(self) -> None:
        with self._lock:
            self._failures, self._opened_at, self._trial = 0, None, False

    def failure(self) -> None:
        with self._lock:
            self._failures += 1
            if self._trial or self._failures >= self.threshold:
                self._opened_at, self._trial = self.clock(), False
