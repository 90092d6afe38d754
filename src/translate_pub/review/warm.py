"""The first editor page as fast as the tenth: what it would otherwise load on first use is
loaded in the background as the app starts, before a person has logged in.

That is FastAPI's routes (built when a request first reaches them: a request for a page that
does not exist passes them all), what it does at each route's own first request (each route
of the queue and of a document's editor is sent a request with no session, which it refuses
before it reads the store), the names check's dictionary, the compiled templates, and
whatever else the pages' own code meets first (SQLAlchemy's compiled statements, the session
lookup, the stemmers, the full-text index's first query, the words' analyses): the queue and
the editor of its first document in each target language are rendered into nowhere, by the
routes' own functions, as a throw-away editor with no session, over a store that may only
read (the database refuses a write; see `Store.reading`). Then each glossary's matcher
(dictionaries, context tagger, English inflections) and the pattern of every rendering its
QA compares. Last, the editors of the next documents at the top of the queue, where an
editor starts (`FIRST`): they then open with their sentences already matched and checked,
and the words they share with other documents analysed.
Nothing is written to the store, logged in, or held (SQLite's readers wait for no one); the
tagger may add answers to its own cache file (`tags.kept`), as any page would.

A request that comes sooner simply waits for what it needs, as it would have without the
warm-up; a warm-up that fails is logged and changes nothing else.
"""

from __future__ import annotations

import asyncio
import logging
import re
import threading
import time
from types import SimpleNamespace
from typing import Any

from fastapi.routing import APIRoute
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Scope

from translate_pub import names
from translate_pub.model import Role, User
from translate_pub.review.routes import documents, exchange, qa, queue, workflow
from translate_pub.review.routes.documents import editor_page
from translate_pub.review.routes.queue import queue_view
from translate_pub.store.queue import QueueFilter, filtered_ids
from translate_pub.store.sessions import find_session

log = logging.getLogger(__name__)
NOBODY = User("warm-up", Role.ADMIN)  # sees every part of a page; never stored
FIRST = 10  # documents at the top of the queue, where an editor starts
EDITOR = "/doc/{doc_id}/{lang}"  # a document's routes, and the queue's, are warmed
ROUTED = (queue, documents, qa, workflow, exchange)  # the modules that hold them


def start(app: ASGIApp) -> threading.Event:
    """Warm `app` in a background thread; the event is set when it is done."""
    done = threading.Event()
    threading.Thread(
        target=_warm, args=(app, done), name="warm-up", daemon=True
    ).start()
    return done


def _warm(app: Any, done: threading.Event) -> None:
    began, state = time.perf_counter(), app.state
    # What the first editor page needs first; the rest of the templates and of the queue's first
    # documents last. Each step on its own: one that fails is logged (the first request then
    # loads that itself), the rest run.
    steps = (
        ("routes", lambda: asyncio.run(_no_such_page(app))),
        ("editor routes", lambda: asyncio.run(_editor_routes(app))),
        ("pages", lambda: _pages(state)),
        ("names", lambda: names.key("Москве")),  # if no page met a name
        ("glossaries", lambda: _glossaries(state)),
        ("templates", lambda: _templates(state)),
        ("documents", lambda: _editors(state, 1, FIRST)),
    )
    try:
        for name, step in steps:
            try:
                step()
            except Exception:
                log.exception("warm-up failed: %s", name)
        log.info("warmed up in %.1f s", time.perf_counter() - began)
    finally:
        done.set()


def _glossaries(state: Any) -> None:
    for glossary in state.glossaries.values():
        if glossary is not None:
            glossary.warm()


def _templates(state: Any) -> None:
    for name in state.templates.list_templates():
        state.templates.get_template(name)


async def _no_such_page(app: ASGIApp) -> None:
    """A request for a page that does not exist, answered 404 and dropped: it passes every
    route, and FastAPI builds each router's routes (their parameters' validators) when a
    request first reaches them (~6 ms at the first editor page)."""
    await _unsigned(app, "GET", "/warm-up/no-such-page")


async def _editor_routes(app: Any) -> None:
    """A request with no session to each route of the queue and of a document's editor (the
    page, its sentences' saves and checks, its status, history…), each refused (303 to the
    login; 401 to a script) before it reads the store: FastAPI reads an endpoint's source file
    (`inspect.getsourcelines`, for its error messages) when a request first reaches it, which
    the first editor page and the first save would otherwise pay (3.9 ms for the first source
    a process reads, 0.6 ms for another; ~200 Python calls at the editor). A route that answered
    otherwise is a failed step (and the warm-up's test finds any row it wrote)."""
    for route in (r for module in ROUTED for r in module.router.routes):
        path = getattr(route, "path", "")
        if isinstance(route, APIRoute) and (
            path == "/queue" or path.startswith(EDITOR)
        ):
            filled = re.sub(r"\{(\w+)(?::\w+)?\}", _sample, path)
            status = await _unsigned(app, min(route.methods or {"GET"}), filled)
            if status not in (303, 401):  # a route that did not ask for a session first
                raise RuntimeError(f"{filled}: {status} without a session")


def _sample(param: re.Match[str]) -> str:
    """A path parameter's value in the warm-up's requests: a language, or a row id (never
    reached: the route asks for a session first)."""
    return "en" if param.group(1) == "lang" else "1"


async def _unsigned(app: ASGIApp, method: str, path: str) -> int:
    """The status of `method path` sent to `app` with no cookies and an empty body."""
    statuses: list[int] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Message) -> None:
        if message["type"] == "http.response.start":
            statuses.append(message["status"])

    await app({**_scope(path), "method": method}, receive, send)
    return statuses[0]


def _pages(state: Any) -> None:
    """The queue and the editor of its first document in each target language, rendered and
    dropped."""
    with state.store.reading() as conn:
        find_session(conn, "no such session")  # every page looks up its session first
    for lang in state.settings.targets:
        queue_view(_request(state, "/queue"), NOBODY, QueueFilter(lang=lang))
    _editors(state, 0, 1)


def _editors(state: Any, start: int, stop: int) -> None:
    """The editors of the queue's documents `start` to `stop` (not included) in each target
    language, rendered and dropped: they open with their sentences matched and checked."""
    for lang in state.settings.targets:
        with state.store.reading() as conn:
            ids = filtered_ids(conn, QueueFilter(lang=lang), stop - 1)[start:stop]
        for doc_id in ids:
            path = f"/doc/{doc_id}/{lang}"
            editor_page(_request(state, path), NOBODY, doc_id, lang)


def _request(state: Any, path: str) -> Request:
    """A request of the app whose state is `state`, but whose store's transactions may only
    read."""
    return Request({**_scope(path), "app": SimpleNamespace(state=_Reading(state))})


def _scope(path: str) -> Scope:
    """A GET of `path` with no cookies (no session, the default UI language)."""
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "server": ("127.0.0.1", 80),
        "client": ("127.0.0.1", 0),
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": [],
    }


class _Reading:
    """The app's state as the pages see it, but its store's transactions may only read."""

    def __init__(self, state: Any) -> None:
        self._state = state
        self.store = SimpleNamespace(begin=state.store.reading)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._state, name)
