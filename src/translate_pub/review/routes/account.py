"""Signing in and out, and the UI language switch.

Login stays async so that its waits are awaits: the user lookup and the audit line in the
threadpool, the password check in the password pool (`auth.check_password`).
"""

from __future__ import annotations

import hmac
import math
import secrets

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import State

from translate_pub.model import User
from translate_pub.review.auth import (
    DEVICE_AGE,
    DEVICE_COOKIE,
    LOGIN_COOKIE,
    SESSION_COOKIE,
    CsrfFailed,
    check_password,
    cookie_options,
)
from translate_pub.review.deps import Form, posted, render, session_of, writing
from translate_pub.review.i18n import LANG_COOKIE, UI_LANGUAGES, gettext_for
from translate_pub.store import Store, logins
from translate_pub.store import users as user_store
from translate_pub.store.sessions import Session, end_session, start_session

router = APIRouter()


@router.get("/login")
def login_form(request: Request) -> Response:
    return _login_page(request)


def _login_page(request: Request, error: str = "", status_code: int = 200) -> Response:
    token = secrets.token_urlsafe(24)
    response = render(
        request, "login.html", status_code=status_code, login_csrf=token, error=error
    )
    response.set_cookie(LOGIN_COOKIE, token, max_age=3600, **cookie_options(request))  # type: ignore[arg-type]
    return response


@router.post("/login")
async def login(request: Request) -> Response:
    form = await request.form()
    sent, expected = str(form.get("csrf", "")), request.cookies.get(LOGIN_COOKIE, "")
    if not sent or not expected or not hmac.compare_digest(sent, expected):
        raise CsrfFailed()
    name, password = str(form.get("name", "")).strip(), str(form.get("password", ""))
    app, _ = request.app.state, gettext_for(request)
    address = (
        request.client.host if request.client else "?"
    )  # the proxy's client only from trusted proxies
    # A browser that signed in as `name` before guesses under its own key, apart from strangers.
    key = (
        await run_in_threadpool(
            _device_key, app.store, request.cookies.get(DEVICE_COOKIE), name
        )
        or f"user:{name}"
    )
    async with app.limiter.attempt(address, key) as attempt:
        if not attempt.allowed:
            return _too_many(request, attempt.retry_after)
        guess = await run_in_threadpool(_reserve, app, key)
        if isinstance(
            guess, float
        ):  # the key's guesses of the last minute are used up, in every process
            attempt.ok = None
            return _too_many(request, guess)
        found = await run_in_threadpool(_user, app.store, name)
        attempt.ok = ok = await check_password(
            found.password_hash if found else None, password
        )
        await run_in_threadpool(
            _audit, app, name or "?", "login" if ok else "login-failed", f"ip:{address}"
        )
    if not ok or found is None:
        return _login_page(request, _("Wrong name or password."), 401)
    session, device = await run_in_threadpool(
        _start_session, app, found.user, guess, key
    )
    response = RedirectResponse("/queue", status_code=303)
    response.set_cookie(SESSION_COOKIE, session.token, **cookie_options(request))  # type: ignore[arg-type]
    if device:
        response.set_cookie(
            DEVICE_COOKIE,
            device,
            max_age=DEVICE_AGE,
            **cookie_options(request),  # type: ignore[arg-type]
        )
    response.delete_cookie(LOGIN_COOKIE, path="/")
    return response


def _too_many(request: Request, retry_after: float) -> Response:
    _ = gettext_for(request)
    refused = _login_page(
        request, _("Too many failed attempts. Wait a few minutes."), 429
    )
    refused.headers["Retry-After"] = str(math.ceil(retry_after))
    return refused


def _device_key(store: Store, token: str | None, name: str) -> str | None:
    if not token:
        return None
    with store.begin() as conn:
        return logins.device_key(conn, token, name)


def _reserve(state: State, key: str) -> int | float:
    """A guess reserved before the password is checked, counted in the store for every app process."""
    with writing(state) as conn:
        return logins.reserve_guess(conn, key, state.limiter.guesses_per_minute)


def _user(store: Store, name: str) -> user_store.Account | None:
    with store.begin() as conn:
        return user_store.get_user(conn, name)


def _start_session(
    state: State, user: User, guess: int, key: str
) -> tuple[Session, str | None]:
    """The session, the reserved guess given back (the password was right), and a device token
    for a browser that has none for this user yet."""
    with writing(state) as conn:
        logins.forget_guess(conn, guess)
        if key.startswith("device:") or user.id is None:
            return start_session(conn, user), None
        return start_session(conn, user), logins.trust_device(conn, user.id)


def _audit(state: State, name: str, action: str, detail: str) -> None:
    with writing(state) as conn:
        user_store.audit(conn, name, action, detail)


@router.post("/logout")
def logout(request: Request, form: Form) -> Response:
    user, session = posted(request, form)
    with writing(request.app.state) as conn:
        end_session(conn, session.token)
        user_store.audit(conn, user.name, "logout", "")
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/ui/{lang}")
def ui_language(request: Request, lang: str) -> Response:
    """Switch the interface language (a preference, not a state change: GET is fine)."""
    response = RedirectResponse("/queue", status_code=303)
    if lang in UI_LANGUAGES:
        response.set_cookie(
            LANG_COOKIE,
            lang,
            max_age=365 * 86400,
            **cookie_options(request),  # type: ignore[arg-type]
        )
    return response


@router.get("/")
def home(request: Request) -> Response:
    return RedirectResponse(
        "/queue" if session_of(request) else "/login", status_code=303
    )
