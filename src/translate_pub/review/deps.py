"""Helpers every route uses: the signed-in user, template rendering, CSRF-checked forms.

Routes that touch the database, hash passwords or run QA are plain `def` functions, which
FastAPI runs in its threadpool; they get the request body through the `Form` and `Body`
dependencies below, which read it on the event loop (reading is the only async part).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated, Any

from fastapi import Depends, Path, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import Connection
from starlette.datastructures import FormData, State

from translate_pub import msgids as ids
from translate_pub.messages import Gettext, Message
from translate_pub.model import Role, User
from translate_pub.review import states
from translate_pub.review.auth import SESSION_COOKIE, NotLoggedIn, check_csrf
from translate_pub.review.i18n import gettext_for, ui_language
from translate_pub.review.refusals import Refused
from translate_pub.store.sessions import Session, find_session, touch_session

# A row id in a URL: out-of-range numbers are refused (422) before they reach the database.
Id = Annotated[int, Path(ge=1, le=2**62)]


async def _form(request: Request) -> FormData:
    return await request.form()  # empty when the body is not a form


async def _body(request: Request) -> bytes:
    return await request.body()


Form = Annotated[FormData, Depends(_form)]
Body = Annotated[bytes, Depends(_body)]


def session_of(request: Request) -> Session | None:
    """The request's live session (of a still active user), read from the store once per request."""
    if not hasattr(request.state, "session"):
        request.state.session = _load_session(request)
    return request.state.session  # type: ignore[no-any-return]


def _load_session(request: Request) -> Session | None:
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        return None
    with request.app.state.store.begin() as conn:
        session = find_session(conn, token)
    if session is not None and session.seen_long_ago:
        with writing(request.app.state) as conn:
            touch_session(conn, token)
    return session


def current(request: Request) -> tuple[User, Session]:
    """The signed-in, still active user and their session; NotLoggedIn otherwise."""
    session = session_of(request)
    if session is None:
        raise NotLoggedIn()
    return session.user, session


@contextmanager
def writing(state: State) -> Iterator[Connection]:
    """A transaction that writes. On SQLite one at a time per process (`state.write_lock`):
    SQLite has a single writer, and its busy handler waits by sleeping (1, 2, 5, 10 ms…),
    so threads colliding on the lock lost more time than a hand-over in Python takes."""
    with state.write_lock, state.store.begin() as conn:
        yield conn


def posted(request: Request, form: FormData) -> tuple[User, Session]:
    """A state-changing form post: the signed-in user and their session, once the CSRF token is checked."""
    user, session = current(request)
    check_csrf(request, session.csrf, form)
    return user, session


def target_lang(request: Request, lang: str) -> str:
    """A language documents are translated into: a target, or the source language itself
    (English-first digests); a document without a status in it is 404 where it is loaded."""
    if lang not in request.app.state.settings.languages:
        raise Refused(404, ids.NO_LANGUAGE())
    return lang


def render(
    request: Request, template: str, status_code: int = 200, **ctx: Any
) -> HTMLResponse:
    state = request.app.state
    session = session_of(request)
    html = state.templates.get_template(template).render(
        request=request,
        _=gettext_for(request),
        ui_lang=ui_language(request),
        csrf=session.csrf if session else "",
        targets=(*state.settings.targets, state.settings.source_lang),
        Role=Role,
        shown_status=states.shown,
        say=_say(gettext_for(request)),
        **ctx,
    )
    return HTMLResponse(html, status_code=status_code, headers=SECURITY_HEADERS)


def _say(gettext: Gettext) -> Callable[[Message], str]:
    """The templates' `say(message)`: a message in the page's language."""
    return lambda message: message.render(gettext)


SECURITY_HEADERS = {
    # Only our own scripts and styles; nothing inline, no framing.
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}
