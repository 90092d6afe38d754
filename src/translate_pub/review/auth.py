"""Who is asking: session cookies, CSRF tokens, password checks and role checks.

Sessions live in the store (`store.sessions`), so every app process shares them and
ending one takes effect everywhere. The cookie holds only a random token and is
HttpOnly, SameSite=Strict, and Secure unless the app is reached over plain HTTP on a
loopback address (local use without TLS). Login throttling is in `throttle`.

Password checks (argon2id: ~0.4 s of CPU and 64 MiB each)
get their own small pool, sized to the CPUs, so that a burst of logins queues there
instead of holding every threadpool thread the saves need.
"""

from __future__ import annotations

import asyncio
import hmac
import os
from concurrent.futures import ThreadPoolExecutor

from fastapi import Request
from starlette.datastructures import FormData

from translate_pub import msgids as ids
from translate_pub.errors import PermissionDenied
from translate_pub.messages import Word
from translate_pub.model import Role, User
from translate_pub.passwords import verify_password

SESSION_COOKIE = "tp_session"
LOGIN_COOKIE = (
    "tp_login"  # double-submit CSRF token for the login form, before any session exists
)
DEVICE_COOKIE = "tp_device"  # a browser that signed in before: its login guesses count apart (store.logins)
DEVICE_AGE = 365 * 24 * 3600
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
_PASSWORD_POOL = ThreadPoolExecutor(
    max_workers=os.cpu_count() or 2, thread_name_prefix="password"
)


class NotLoggedIn(Exception):
    """Raised by `current_user`; the app answers with a redirect to the login page."""


class CsrfFailed(Exception):
    """A state-changing request without the right token; the app answers 403."""


def secure_cookies(request: Request) -> bool:
    return not (request.url.scheme == "http" and request.url.hostname in LOOPBACK)


def cookie_options(request: Request) -> dict[str, object]:
    return {
        "httponly": True,
        "samesite": "strict",
        "secure": secure_cookies(request),
        "path": "/",
    }


def require(user: User, role: Role) -> None:
    if user.role < role:
        raise PermissionDenied(
            ids.ROLE_NEEDED(role=Word(role.label), user_role=Word(user.role.label))
        )


async def check_password(password_hash: str | None, password: str) -> bool:
    """`verify_password` off the event loop, in the password pool (see the module docstring)."""
    return await asyncio.get_running_loop().run_in_executor(
        _PASSWORD_POOL, verify_password, password_hash, password
    )


def check_csrf(request: Request, expected: str, form: FormData | None = None) -> None:
    """The token must come back in the X-CSRF-Token header (fetch) or the `csrf` field of `form`
    (the posted form, already read: an empty one when the body is not a form)."""
    sent = request.headers.get("x-csrf-token")
    if sent is None and form is not None:
        sent = str(form.get("csrf", ""))
    if not sent or not expected or not hmac.compare_digest(sent, expected):
        raise CsrfFailed()
