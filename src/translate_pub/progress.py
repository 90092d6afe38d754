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
    def add(self, what: str, total: int | None) -> int:
        """A new line of progress; its id."""
        ...

    def update(self, line: int, *, advance: int = 0, total: int | None = None) -> None: ...


_sink: ContextVar[Sink | None] = ContextVar("translate_pub_progress", default=None)


class Tracker:
    """One piece of work's progress: `advance` as items finish, `grow` when more are found."""

    def __init__(self, what: str, total: int | None = None) -> None:
        self.sink = _sink.get()
        self.total = total
        self.line = self.sink.add(what, total) if self.sink else 0

    def advance(self, done: int = 1) -> None:
        if self.sink and done:
            self.sink.update(self.line, advance=done)

    def grow(self, more: int) -> None:
        self.total = (self.total or 0) + more
        if self.sink and more:
            self.sink.update(self.line, total=self.total)


@contextmanager
def listening(sink: Sink) -> Iterator[None]:
    """Stages started inside the block report to `sink`."""
    token = _sink.set(sink)
    try:
        yield
    finally:
        _sink.reset(token)
