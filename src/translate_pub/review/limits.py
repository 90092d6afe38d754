"""Refuse early: request bodies are capped before any route, login or session check reads them
(the larger upload caps only for a live session allowed the upload),
and JSON bodies nested beyond a small depth are refused (422), however deep they go.

`BodyLimit` is plain ASGI middleware: a declared Content-Length over the cap gets 413 at
once, unread; a body sent without one (chunked) is counted as it arrives and cut off
at the cap. Either way the connection is closed rather than drained.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import HTTPConnection
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from translate_pub import messages
from translate_pub import msgids as ids
from translate_pub.model import Role
from translate_pub.review.auth import SESSION_COOKIE
from translate_pub.store.sessions import find_session

MAX_JSON_DEPTH = (
    8  # our JSON bodies are one flat object; a little room for what clients add
)
MAX_TEXT = (
    10_000  # characters in one segment's translation, from the editor or an XLIFF file
)


class TooDeep(ValueError):
    """JSON nested deeper than MAX_JSON_DEPTH."""


class BodyTooLarge(Exception):
    """Raised from `receive` when the body passes the cap; BodyLimit answers 413."""


UPLOAD_PATH = "/xliff"  # CAT tools' XLIFF, up to `max_upload`
TMX_PATH = "/admin/memory"  # TMX files for the translation memory, up to `max_tmx`


def _may_upload(scope: Scope) -> bool:
    """Whether the request comes from a live session allowed this upload (TMX: admins only).
    Checked before the body is read: the route's own checks run only after the form is."""
    token = HTTPConnection(scope).cookies.get(SESSION_COOKIE)
    if not token or "app" not in scope:
        return False
    with scope["app"].state.store.begin() as conn:
        session = find_session(conn, token)
    if session is None:
        return False
    return scope["path"] != TMX_PATH or session.user.role >= Role.ADMIN


class BodyLimit:
    """`refusal(scope, message)` is the 413 response (the app's error page, in the reader's language)."""

    def __init__(
        self,
        app: ASGIApp,
        max_bytes: int,
        max_upload: int,
        refusal: Callable[[Scope, messages.Message], Response],
        max_tmx: int = 0,
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.caps = {UPLOAD_PATH: max_upload, TMX_PATH: max_tmx or max_upload}
        self.refusal = refusal

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cap = self.caps.get(scope["path"], self.max_bytes)
        if cap > self.max_bytes and not await run_in_threadpool(_may_upload, scope):
            cap = (
                self.max_bytes
            )  # the route refuses them anyway: don't read 256 MB first
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > cap:
            await self._refuse(scope, receive, send, cap)
            return
        received, started = 0, False

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > cap:
                raise BodyTooLarge()
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except BodyTooLarge:
            if not started:
                await self._refuse(scope, receive, send, cap)

    async def _refuse(
        self, scope: Scope, receive: Receive, send: Send, cap: int
    ) -> None:
        response = self.refusal(scope, ids.TOO_LARGE(n=f"{cap:,}"))
        response.headers["connection"] = "close"
        await response(scope, receive, send)


def load_json(raw: bytes) -> Any:
    """`json.loads`, refusing (TooDeep) a text nested beyond MAX_JSON_DEPTH. The parser itself stops
    at Python's recursion limit; what it built is then measured without recursion. A string with a
    lone surrogate (`"\\ud800"`) is refused (ValueError): it is no text, and could not be stored."""
    try:
        value = json.loads(raw)
    except RecursionError:
        raise TooDeep(f"JSON nested deeper than {MAX_JSON_DEPTH} levels") from None
    if _depth(value) > MAX_JSON_DEPTH:
        raise TooDeep(f"JSON nested deeper than {MAX_JSON_DEPTH} levels")
    return value


def _depth(value: Any) -> int:
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str) and not item.isascii():
            item.encode(
                "utf-8"
            )  # UnicodeEncodeError (a ValueError) for a lone surrogate
        elif isinstance(item, dict | list):
            deepest = max(deepest, depth)
            stack.extend(
                (child, depth + 1)
                for child in (item.values() if isinstance(item, dict) else item)
            )
            if isinstance(item, dict):
                stack.extend((key, depth) for key in item)
    return deepest
