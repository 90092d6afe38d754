"""The first editor page as fast as the tenth: what it would otherwise load on first use (the
glossary matcher's dictionaries and context tagger, English inflections, the compiled
templates) is loaded in the background as the app starts, before a person has logged in.

A request that comes sooner simply waits for what it needs, as it would have without the
warm-up; a warm-up that fails is logged and changes nothing else.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

log = logging.getLogger(__name__)


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
        for glossary in state.glossaries.values():
            if glossary is not None:
                glossary.matcher.warm()
        for name in state.templates.list_templates():
            state.templates.get_template(name)
        log.info("warmed up in %.1f s", time.perf_counter() - began)
    except Exception:  # the first request then loads what it needs itself
        log.exception("warm-up failed")
    finally:
        done.set()
