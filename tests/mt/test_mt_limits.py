"""Token bucket, backoff and circuit breaker, driven by a hand-moved clock."""

from __future__ import annotations

import pytest

from translate_pub.errors import CircuitOpen
from translate_pub.mt.pacing import CircuitBreaker, TokenBucket, backoff_delay


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_bucket_spaces_requests_at_the_rate() -> None:
    clock = Clock()
    bucket = TokenBucket(rate=10, burst=1, clock=clock)
    assert bucket.reserve() == 0
    assert bucket.reserve() == pytest.approx(0.1)
    assert bucket.reserve() == pytest.approx(0.2)
    clock.now += 1.0
    assert bucket.reserve() == 0  # caught up: saved tokens never exceed the burst
    assert bucket.reserve() == pytest.approx(0.1)


def test_bucket_burst_then_rate() -> None:
    bucket = TokenBucket(rate=2, burst=3, clock=Clock())
    assert [bucket.reserve() for _ in range(4)] == [0, 0, 0, pytest.approx(0.5)]


def test_retry_after_pauses_every_caller_without_compounding() -> None:
    clock = Clock()
    bucket = TokenBucket(rate=10, burst=5, clock=clock)
    bucket.pause(2.0)
    bucket.pause(2.0)  # two threads hearing the same 429 do not double the wait
    assert bucket.reserve() == pytest.approx(2.0)


def test_sleeping_take_uses_the_wait() -> None:
    slept: list[float] = []
    bucket = TokenBucket(rate=4, burst=1, clock=Clock(), sleep=slept.append)
    bucket.take()
    bucket.take()
    assert slept == [pytest.approx(0.25)]


def test_backoff_doubles_and_honours_retry_after() -> None:
    assert 0.5 <= backoff_delay(0, 1.0, None, 60) <= 1.0
    assert 4.0 <= backoff_delay(3, 1.0, None, 60) <= 8.0
    assert backoff_delay(10, 1.0, None, 30) <= 30
    assert backoff_delay(0, 1.0, 7.0, 60) == 7.0
    assert backoff_delay(0, 1.0, 3600.0, 60) == 60


def test_breaker_opens_after_repeated_failures_and_recovers_after_cooldown() -> None:
    clock = Clock()
    breaker = CircuitBreaker("fake", failures_to_open=3, cooldown=30, clock=clock)
    for _ in range(3):
        breaker.before_call()
        breaker.failure()
    with pytest.raises(CircuitOpen, match="fake: failing repeatedly"):
        breaker.before_call()
    clock.now += 31
    breaker.before_call()  # the one trial request of the half-open state
    with pytest.raises(CircuitOpen):
        breaker.before_call()  # nobody else while the trial is out
    breaker.success()
    for _ in range(2):
        breaker.before_call()  # closed again: anyone may call, not only a trial


def test_failed_trial_reopens_at_once() -> None:
    clock = Clock()
    breaker = CircuitBreaker("fake", failures_to_open=2, cooldown=10, clock=clock)
    breaker.failure()
    breaker.failure()
    clock.now += 11
    breaker.before_call()
    breaker.failure()
    with pytest.raises(CircuitOpen):
        breaker.before_call()


def test_a_success_resets_the_count() -> None:
    breaker = CircuitBreaker("fake", failures_to_open=2, cooldown=10, clock=Clock())
    breaker.failure()
    breaker.success()
    breaker.failure()
    breaker.before_call()  # one failure since the success: still closed
    breaker.failure()
    with pytest.raises(CircuitOpen):
        breaker.before_call()  # the second in a row opens it
