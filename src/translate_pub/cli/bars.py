"""Progress bars for long commands (ingest, translate, publish) on a terminal, drawn by rich on
stderr: one line per piece of work, with counts, elapsed time and an ETA.

When stderr is not a terminal nothing is drawn: the commands print their summary lines only.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from translate_pub import tracking


class RichSink:
    """A `tracking.Sink` over a rich `Progress`: one line per name, however many tasks report to it."""

    def __init__(self, bars) -> None:  # type: ignore[no-untyped-def]
        self.bars = bars
        self.lines: dict[str, int] = {}  # name → rich task id
        self.totals: dict[str, int] = {}
        self.lock = threading.Lock()  # tasks report from Prefect's worker threads

    def update(self, what: str, *, advance: int = 0, more: int = 0) -> None:
        with self.lock:
            if what not in self.lines:
                self.lines[what], self.totals[what] = (
                    self.bars.add_task(what, total=0),
                    0,
                )
            self.totals[what] += more
            self.bars.update(self.lines[what], total=self.totals[what], advance=advance)


@contextmanager
def shown() -> Iterator[None]:
    """Draw the progress of the stages run inside the block, if stderr is a terminal."""
    if not sys.stderr.isatty():
        yield
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
    )
    with (
        Progress(*columns, console=Console(stderr=True)) as bars,
        tracking.listening(RichSink(bars)),
    ):
        yield
