"""Who is asking: server-side sessions, CSRF tokens, login rate limiting and role checks.

Sessions live in the server process (one uvicorn worker), so logout really ends them
and a restart logs everyone out. The cookie holds only a random session id and is
HttpOnly, SameSite=Strict, and Secure unless the app is reached over plain HTTP on a
loopback address (local use without TLS).
"""

from __future__ import annotations

import hmac
import secrets
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field

from fastapi import Request

from translate_pub.errors import PermissionDenied
from translate_pub.model import Role, User

SESSION_COOKIE = "tp_session"
LOGIN_COOKIE = "tp_login"  # double-submit CSRF token for the login form, before any session exists
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


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

    def create(self, user: str) -> Session:
        session = Session(secrets.token_urlsafe(32), user, secrets.token_urlsafe(32), time.monotonic() + self.ttl)
        self._by_id[session.id] = session
        return session

    def get(self, sid: str | None) -> Session | None:
        session = self._by_id.get(sid or "")
        if session is None or session.expires < time.monotonic():
            self._by_id.pop(sid or "", None)
            return None
        return session

    def drop(self, sid: str | None) -> None:
        self._by_id.pop(sid or "", None)


@dataclass
class LoginLimiter:
    """At most `attempts` failed logins per `window` seconds for one client address or user name."""

    attempts: int = 5
    window: float = 300.0
    _failures: dict[str, deque[float]] = field(default_factory=lambda: defaultdict(deque))

    def blocked(self, *keys: str) -> bool:
        now = time.monotonic()
        for key in keys:
            q = self._failures[key]
            while q and q[0] < now - self.window:
                q.popleft()
            if len(q) >= self.attempts:
                return True
        return False

    def failed(self, *keys: str) -> None:
        for key in keys:
            self._failures[key].append(time.monotonic())

    def succeeded(self, *keys: str) -> None:
        for key in keys:
            self._failures.pop(key, None)


def secure_cookies(request: Request) -> bool:
    return not (request.url.scheme == "http" and request.url.hostname in LOOPBACK)


def cookie_options(request: Request) -> dict[str, object]:
    return {"httponly": True, "samesite": "strict", "secure": secure_cookies(request), "path": "/"}


def session_of(request: Request) -> Session | None:
    return request.app.state.sessions.get(request.cookies.get(SESSION_COOKIE))


def require(user: User, role: Role) -> None:
    if user.role < role:
        raise PermissionDenied(f"this needs the {role.label} role; you are a {user.role.label}")


async def check_csrf(request: Request, expected: str) -> None:
    """The token must come back in the X-CSRF-Token header (fetch) or the `csrf` form field."""
    sent = request.headers.get("x-csrf-token")
    if sent is None and request.headers.get("content-type", "").startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")):
        sent = str((await request.form()).get("csrf", ""))
    if not sent or not expected or not hmac.compare_digest(sent, expected):
        raise CsrfFailed()
