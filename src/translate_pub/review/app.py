"""The review web app: `create_app(settings, publisher)` wires the store, sessions, templates and routes.

Every expected failure (`TranslatePubError`) is turned into a response here, once.

Routes that block (database, QA, templates) are plain `def` functions run in the
threadpool; `ROUTE_THREADS` bounds how many run at once (see `_lifespan`).
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, nullcontext
from pathlib import Path

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException
from starlette.types import Scope

from translate_pub import msgids as ids
from translate_pub.config import Settings
from translate_pub.errors import (
    ConflictError,
    PermissionDenied,
    StateError,
    StoreError,
    TranslatePubError,
)
from translate_pub.links import web_url
from translate_pub.messages import Message
from translate_pub.review import warm
from translate_pub.review.auth import CsrfFailed, NotLoggedIn
from translate_pub.review.checks import load_glossaries
from translate_pub.review.deps import render
from translate_pub.review.i18n import gettext_for, load_catalogs
from translate_pub.review.limits import BodyLimit
from translate_pub.review.publishing import Publisher
from translate_pub.review.refusals import Refused
from translate_pub.review.routes import (
    account,
    admin,
    candidates,
    concordance,
    digests,
    documents,
    exchange,
    publish,
    qa,
    queue,
    workflow,
)
from translate_pub.review.throttle import LoginLimiter
from translate_pub.store import open_store

HERE = Path(__file__).resolve().parent
log = logging.getLogger(__name__)
# Threads for blocking routes. Their work is mostly Python under one GIL plus short database
# round trips: a few threads overlap the waits, while anyio's default of 40 only makes them
# fight for the GIL and for connections (PostgreSQL pool: 10): save p95 with 200 users on
# PostgreSQL was ~1.9-2.4 s with 40 threads, ~1.0-1.3 s with 8. Excess requests queue in order.
ROUTE_THREADS = 8


def create_app(settings: Settings, publisher: Publisher) -> FastAPI:
    """The app over the store at `settings.db_url` (which must be migrated); `publisher` runs the Publish button."""
    app = FastAPI(
        title="translate-pub review",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        lifespan=_lifespan,
    )
    app.state.settings = settings
    app.state.store = open_store(settings.db_url)
    app.state.write_lock = (
        threading.Lock() if settings.db_url.startswith("sqlite") else nullcontext()
    )
    app.state.limiter = LoginLimiter()
    app.state.catalogs = load_catalogs()
    app.state.publisher = publisher
    app.state.glossaries = load_glossaries(
        settings.glossary, settings.targets, settings.glossary_cache
    )
    app.state.templates = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(default=True),
        trim_blocks=True,
        auto_reload=False,
        lstrip_blocks=True,
    )
    app.state.templates.filters["web_url"] = web_url
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    for module in (
        account,
        queue,
        documents,
        concordance,
        qa,
        workflow,
        publish,
        admin,
        candidates,
        digests,
        exchange,
    ):
        app.include_router(module.router)
    app.add_middleware(
        BodyLimit,
        max_bytes=settings.max_body,
        max_upload=settings.max_upload,  # before any route
        refusal=_too_large,
        max_tmx=settings.max_tmx,
    )  # reads a byte
    _handlers(app)
    return app


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    # The limiter belongs to the running event loop: set it once the server's loop runs.
    anyio.to_thread.current_default_thread_limiter().total_tokens = ROUTE_THREADS
    app.state.warmed = warm.start(app)  # what pages load first, while nobody waits yet
    yield


def _wants_json(request: Request) -> bool:
    return "application/json" in request.headers.get(
        "accept", ""
    ) or request.headers.get("content-type", "").startswith("application/json")


DOC_PATH = re.compile(r"^/doc/\d+/[a-z]{2,3}(?=/|$)")


def _error(request: Request, status: int, said: Message | str) -> Response:
    """The error page (or JSON error) in the reader's UI language; a `str` is words not
    ours (an exception raised without a message id), shown as they are."""
    message = said.render(gettext_for(request)) if isinstance(said, Message) else said
    if _wants_json(request):
        return JSONResponse({"error": message}, status_code=status)
    doc = (
        DOC_PATH.match(request.url.path) if status != 404 else None
    )  # a refused action leads back to its document
    session = getattr(
        request.state, "session", None
    )  # only one already read: an error page needs no store
    return render(
        request,
        "error.html",
        status_code=status,
        message=message,
        back=doc.group(0) if doc else "",
        user=session.user if session else None,
    )


def _too_large(scope: Scope, message: Message) -> Response:
    request = Request(scope)
    request.state.session = (
        None  # refused before the session is looked up: no store work for a refusal
    )
    return _error(request, 413, message)


# The HTTP status each expected error is shown with, most specific first.
ERROR_STATUS = (
    (PermissionDenied, 403),
    (ConflictError, 409),
    (StateError, 409),
    (StoreError, 503),
    (TranslatePubError, 400),
)
# Starlette's own refusals, by status
HTTP_WORDS = {404: ids.NOT_FOUND, 405: ids.METHOD_NOT_ALLOWED}


def _handlers(app: FastAPI) -> None:
    @app.exception_handler(NotLoggedIn)
    async def login_first(request: Request, _exc: NotLoggedIn) -> Response:
        if _wants_json(request):
            return JSONResponse(
                {"error": ids.SIGNED_OUT().render(gettext_for(request))},
                status_code=401,
            )
        return RedirectResponse("/login", status_code=303)

    @app.exception_handler(CsrfFailed)
    async def csrf(request: Request, _exc: CsrfFailed) -> Response:
        return _error(request, 403, ids.CSRF())

    @app.exception_handler(TranslatePubError)
    async def expected(request: Request, exc: TranslatePubError) -> Response:
        status = next(code for kind, code in ERROR_STATUS if isinstance(exc, kind))
        if (
            status == 503
        ):  # the database's own words name hosts and tables: for the log, not the page
            log.error("store error on %s: %s", request.url.path, exc)
            return _error(request, status, ids.UNAVAILABLE())
        return _error(request, status, exc.said or str(exc))

    @app.exception_handler(HTTPException)
    async def http(request: Request, exc: HTTPException) -> Response:
        if isinstance(exc, Refused):
            return _error(request, exc.status_code, exc.said)
        words = HTTP_WORDS.get(exc.status_code)
        return _error(request, exc.status_code, words() if words else str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, _exc: RequestValidationError) -> Response:
        return _error(request, 422, ids.OUT_OF_RANGE())

    @app.exception_handler(Exception)
    async def unexpected(request: Request, _exc: Exception) -> Response:
        # Starlette logs the exception after this page is sent; the page must not need the store.
        request.state.session = None
        return _error(request, 500, ids.BROKEN())
