"""Who is asking: server-side sessions, CSRF tokens, login rate limiting and role checks.

Sessions live in the server process (one uvicorn worker), so logout really ends them
and a restart logs everyone out. The cookie holds only a random session id and is
HttpOnly, SameSite=Strict, and Secure unless the app is reached over plain HTTP on a
loopback address (local use without TLS).

Routes run in FastAPI's threadpool, so the session store is shared between threads and
guards its state with a lock. Password checks (argon2id: ~0.4 s of CPU and 64 MiB each)
get their own small pool, sized to the CPUs, so that a burst of logins queues there
instead of holding every threadpool thread the saves need.
"""

from __future__ import annotations

import asyncio
import hmac
import os
import secrets
import threading
import time
from collections import Counter, deque
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from fastapi import Request
from starlette.datastructures import FormData

from translate_pub.errors import PermissionDenied
from translate_pub.model import Role, User
from translate_pub.passwords import verify_password

SESSION_COOKIE = "tp_session"
LOGIN_COOKIE = "tp_login"  # double-submit CSRF token for the login form, before any session exists
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
_PASSWORD_POOL = ThreadPoolExecutor(max_workers=os.cpu_count() or 2, thread_name_prefix="password")


class NotLoggedIn(Exception):
    """Raised by `current_user`; the app answers with a redirect to the login page."""


class CsrfFailed(Exception):
    """A state-changing request without the right token; the app answers 403."""


@dataclass
class Session:
    id: str
    user: str
    csrf: str
    expires: float


@dataclass
class Sessions:
    ttl: float = 8 * 3600
    _by_id: dict[str, Session] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def create(self, user: str) -> Session:
        session = Session(secrets.token_urlsafe(32), user, secrets.token_urlsafe(32), time.monotonic() + self.ttl)
        with self._lock:
            self._by_id[session.id] = session
        return session

    def get(self, sid: str | None) -> Session | None:
        with self._lock:
            session = self._by_id.get(sid or "")
            if session is None or session.expires < time.monotonic():
                self._by_id.pop(sid or "", None)
                return None
            return session

    def drop(self, sid: str | None) -> None:
        with self._lock:
            self._by_id.pop(sid or "", None)

    def drop_user(self, user: str) -> None:
        """End every session of `user` (a password reset must lock out whoever held the old one)."""
        with self._lock:
            self._by_id = {sid: s for sid, s in self._by_id.items() if s.user != user}


@dataclass
class Attempt:
    """One login attempt let through by `LoginLimiter.attempt`; the route sets `ok`."""

    allowed: bool
    ok: bool | None = None  # None (e.g. the client went away) records nothing


@dataclass
class LoginLimiter:
    """At most `attempts` failed logins per `window` seconds for one client address or user name.

    Logins run concurrently, so an attempt in progress holds one of its keys' remaining
    tries: after 3 failures at most 2 attempts of that key run at once, and more wait for
    them. No burst of guesses slips past the check before the first ones fail, and a
    burst of good logins from one address (an office) waits instead of being refused.
    Used only from the event loop (the login route is async): no thread lock.
    """

    attempts: int = 5
    window: float = 300.0
    _failures: dict[str, deque[float]] = field(default_factory=dict)
    _running: Counter[str] = field(default_factory=Counter)
    _changed: tuple[asyncio.AbstractEventLoop, asyncio.Condition] | None = None

    @asynccontextmanager
    async def attempt(self, *keys: str) -> AsyncIterator[Attempt]:
        """An attempt that is `allowed` unless a key is blocked; its `ok` is recorded on exit."""
        if not await self._start(keys):
            yield Attempt(False)
            return
        attempt = Attempt(True)
        try:
            yield attempt
        finally:
            await self._end(keys, attempt.ok)

    def _condition(self) -> asyncio.Condition:
        loop = asyncio.get_running_loop()
        if self._changed is None or self._changed[0] is not loop:
            self._changed = (loop, asyncio.Condition())
        return self._changed[1]

    def _failed(self, key: str) -> int:
        q = self._failures.get(key)
        cutoff = time.monotonic() - self.window
        while q and q[0] < cutoff:
            q.popleft()
        if not q:
            self._failures.pop(key, None)
            return 0
        return len(q)

    async def _start(self, keys: tuple[str, ...]) -> bool:
        changed = self._condition()
        async with changed:
            while True:
                failed = {key: self._failed(key) for key in keys}
                if any(n >= self.attempts for n in failed.values()):
                    return False
                if all(n + self._running[key] < self.attempts for key, n in failed.items()):
                    self._running.update(keys)
                    return True
                await changed.wait()

    async def _end(self, keys: tuple[str, ...], ok: bool | None) -> None:
        changed = self._condition()
        async with changed:
            self._running.subtract(keys)
            for key in keys:
                if self._running[key] <= 0:
                    del self._running[key]
                if ok:
                    self._failures.pop(key, None)
                elif ok is not None:
                    self._failures.setdefault(key, deque()).append(time.monotonic())
            changed.notify_all()


def secure_cookies(request: Request) -> bool:
    return not (request.url.scheme == "http" and request.url.hostname in LOOPBACK)


def cookie_options(request: Request) -> dict[str, object]:
    return {"httponly": True, "samesite": "strict", "secure": secure_cookies(request), "path": "/"}


def session_of(request: Request) -> Session | None:
    return request.app.state.sessions.get(request.cookies.get(SESSION_COOKIE))


def require(user: User, role: Role) -> None:
    if user.role < role:
        raise PermissionDenied(f"this needs the {role.label} role; you are a {user.role.label}")


async def check_password(password_hash: str | None, password: str) -> bool:
    """`verify_password` off the event loop, in the password pool (see the module docstring)."""
    return await asyncio.get_running_loop().run_in_executor(_PASSWORD_POOL, verify_password, password_hash,
                                                            password)


def check_csrf(request: Request, expected: str, form: FormData | None = None) -> None:
    """The token must come back in the X-CSRF-Token header (fetch) or the `csrf` field of `form`
    (the posted form, already read: an empty one when the body is not a form)."""
    sent = request.headers.get("x-csrf-token")
    if sent is None and form is not None:
        sent = str(form.get("csrf", ""))
    if not sent or not expected or not hmac.compare_digest(sent, expected):
        raise CsrfFailed()
