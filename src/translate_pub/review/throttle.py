"""Login throttling that a stranger cannot turn against a user.

Failed logins slow down further attempts per user name and per client address: after
`free` failures, each further attempt of that key waits until `base * 2**k` seconds (at
most `cap`) after its last failure. Only an address is ever locked: after `lock_after`
failures it is refused for `lock_for` seconds. A name is never locked, so someone who
knows a user's name can slow that user's logins by at most `cap` seconds and cannot
shut them out: from another address the right password still works.

An attempt in progress counts against its address's remaining tries, so a burst of
guesses from one address cannot slip past the lock before the first ones fail. Used
only from the event loop (the login route is async): no thread lock. This state is per
process (with `serve --workers N`, each worker counts on its own); the hard limit that holds
across processes, addresses and parallel attempts, `guesses_per_minute` per name, is counted
in the store (`store.logins`), each guess reserved there before its password is checked.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

MAX_KEYS = 10_000


@dataclass
class Attempt:
    """One login attempt; `retry_after` > 0 means refused (the address is locked). The route sets `ok`."""

    retry_after: float = 0.0
    ok: bool | None = None  # None (e.g. the client went away) records nothing

    @property
    def allowed(self) -> bool:
        return self.retry_after <= 0


@dataclass
class _Failures:
    count: int
    last: float


@dataclass
class LoginLimiter:
    free: int = 2  # failures that cost nothing (typos)
    base: float = 1.0
    cap: float = 15.0
    lock_after: int = 5
    lock_for: float = 60.0
    forget_after: float = 900.0  # a key quiet this long starts afresh
    guesses_per_minute: int = (
        10  # per name (or per browser that signed in before), in the store
    )
    _failures: dict[str, _Failures] = field(
        default_factory=dict, init=False, repr=False
    )
    _running: Counter[str] = field(default_factory=Counter, init=False, repr=False)
    _changed: tuple[asyncio.AbstractEventLoop, asyncio.Condition] | None = field(
        default=None, init=False, repr=False
    )

    @asynccontextmanager
    async def attempt(self, address: str, name: str) -> AsyncIterator[Attempt]:
        """Waits out the back-off of both keys; the attempt's `ok` is recorded on exit."""
        keys = (f"ip:{address}", f"user:{name}")
        locked = await self._start(*keys)
        if locked:
            yield Attempt(locked)
            return
        attempt = Attempt()
        try:
            yield attempt
        finally:
            await self._end(keys, attempt.ok)

    def _condition(self) -> asyncio.Condition:
        loop = asyncio.get_running_loop()
        if self._changed is None or self._changed[0] is not loop:
            self._changed = (loop, asyncio.Condition())
        return self._changed[1]

    async def _start(self, address: str, name: str) -> float:
        """0 once the attempt may run, or the seconds the address stays locked."""
        changed = self._condition()
        while True:
            async with changed:
                now = time.monotonic()
                locked = self._locked(address, now)
                if locked:
                    return locked
                if (
                    self._count(address, now) + self._running[address]
                    >= self.lock_after
                ):
                    await (
                        changed.wait()
                    )  # attempts in progress may use up the address's tries
                    continue
                wait = max(self._wait(address, now), self._wait(name, now))
                if wait <= 0:
                    self._running[address] += 1
                    return 0.0
            await asyncio.sleep(wait)

    async def _end(self, keys: tuple[str, str], ok: bool | None) -> None:
        changed = self._condition()
        async with changed:
            self._running[keys[0]] -= 1
            if self._running[keys[0]] <= 0:
                del self._running[keys[0]]
            now = time.monotonic()
            for key in keys:
                if ok:
                    self._failures.pop(key, None)
                elif ok is not None:
                    self._failures[key] = _Failures(self._count(key, now) + 1, now)
            if (
                len(self._failures) > MAX_KEYS
            ):  # names made up by the thousand must not fill memory
                self._failures = {
                    k: f
                    for k, f in self._failures.items()
                    if now - f.last <= self.forget_after
                }
            changed.notify_all()

    def _count(self, key: str, now: float) -> int:
        found = self._failures.get(key)
        if found is None:
            return 0
        if now - found.last > self.forget_after:
            del self._failures[key]
            return 0
        return found.count

    def _wait(self, key: str, now: float) -> float:
        extra = self._count(key, now) - self.free
        if extra <= 0:
            return 0.0
        return (
            self._failures[key].last + min(self.cap, self.base * 2 ** (extra - 1)) - now
        )

    def _locked(self, address: str, now: float) -> float:
        if self._count(address, now) < self.lock_after:
            return 0.0
        left = self._failures[address].last + self.lock_for - now
        if left <= 0:  # the lock is over: the address starts afresh
            del self._failures[address]
        return max(left, 0.0)
