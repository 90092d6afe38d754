"""The first editor page as fast as the tenth: what it would otherwise load on first use is
loaded in the background as the app starts, before a person has logged in.

That is the glossary matcher's dictionaries and context tagger, English inflections, the
names check's dictionary, the compiled templates, and whatever else the pages' own code
meets first (SQLAlchemy's compiled statements, the page's macros, the stemmers, the full-text
index's first query): the queue and the editor of the newest document in each target
language are rendered into nowhere, by the routes' own functions, as a throw-away editor
with no session, over a store that may only read (the database refuses a write; see
`Store.reading`). Nothing is written, logged in, or held: SQLite's readers wait for no one.

A request that comes sooner simply waits for what it needs, as it would have without the
warm-up; a warm-up that fails is logged and changes nothing else.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Connection
from starlette.requests import Request

from translate_pub import names
from translate_pub.model import Role, User
from translate_pub.review.routes.documents import editor_page
from translate_pub.review.routes.queue import queue_view
from translate_pub.store.queue import QueueFilter, filtered_ids
from translate_pub.store.sessions import find_session

log = logging.getLogger(__name__)
NOBODY = User("warm-up", Role.ADMIN)  # sees every part of a page; never stored


def start(state: Any) -> threading.Event:
    """Warm the app whose `state` is given in a background thread; the event is set when it is done."""
    done = threading.Event()
    threading.Thread(
        target=_warm, args=(state, done), name="warm-up", daemon=True
    ).start()
    return done


def _warm(state: Any, done: threading.Event) -> None:
    began = time.perf_counter()
    try:
        names.key("Москве")  # the names check's own dictionary
        for name in state.templates.list_templates():
            state.templates.get_template(name)
        _pages(state)
        for glossary in state.glossaries.values():
            if glossary is not None:
                glossary.warm()
        log.info("warmed up in %.1f s", time.perf_counter() - began)
    except Exception:  # the first request then loads what it needs itself
        log.exception("warm-up failed")
    finally:
        done.set()


def _pages(state: Any) -> None:
    """The queue and the newest document's editor in each target language, rendered and dropped."""
    app = SimpleNamespace(state=_Reading(state))
    with app.state.store.begin() as conn:
        find_session(conn, "no such session")  # every page looks up its session first
    for lang in state.settings.targets:
        filt = QueueFilter(lang=lang)
        queue_view(_request(app, "/queue"), NOBODY, filt)
        with app.state.store.begin() as conn:
            newest = filtered_ids(conn, filt, 0)
        if newest:
            editor_page(
                _request(app, f"/doc/{newest[0]}/{lang}"), NOBODY, newest[0], lang
            )


def _request(app: SimpleNamespace, path: str) -> Request:
    """A GET of `path` with no cookies (no session, the default UI language)."""
    return Request(
        {
            "type": "http",
            "app": app,
            "method": "GET",
            "scheme": "http",
            "server": ("127.0.0.1", 80),
            "path": path,
            "root_path": "",
            "query_string": b"",
            "headers": [],
        }
    )


class _Reading:
    """The app's state as the pages see it, but its store's transactions may only read."""

    def __init__(self, state: Any) -> None:
        self._state = state
        self.store = self

    def __getattr__(self, name: str) -> Any:
        return getattr(self._state, name)

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        with self._state.store.reading() as conn:
            yield conn
