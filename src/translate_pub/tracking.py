"""Progress of long work: a stage counts what it has done; whoever listens shows it.

A stage opens a `Tracker` for each piece of work (`tracker("translate en", total)`) and
advances it as items finish. With no listener, as in the review app or a worker, that is a
no-op. The command line listens with a progress bar on a terminal (`listening(sink)`); the
listener is a context variable, so it reaches the stage through Prefect's flow and task
calls (and their worker threads) without being a parameter of theirs.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Protocol


class Sink(Protocol):
    def update(self, what: str, *, advance: int = 0, more: int = 0) -> None:
        """`advance` more items of `what` are done, `more` were found to do (one line per `what`)."""
        ...


_sink: ContextVar[Sink | None] = ContextVar("translate_pub_progress", default=None)


class Tracker:
    """Progress of `what`: `grow` as items are found, `advance` as they are done. Trackers with
    the same name (the tasks of one flow) add up on the listener's one line."""

    def __init__(self, what: str, total: int = 0) -> None:
        self.what = what
        self.sink = _sink.get()
        self.grow(total)

    def grow(self, more: int) -> None:
        if self.sink and more:
            self.sink.update(self.what, more=more)

    def advance(self, done: int = 1) -> None:
        if self.sink and done:
            self.sink.update(self.what, advance=done)


@contextmanager
def listening(sink: Sink) -> Iterator[None]:
    """Stages started inside the block report to `sink`."""
    token = _sink.set(sink)
    try:
        yield
    finally:
        _sink.reset(token)
