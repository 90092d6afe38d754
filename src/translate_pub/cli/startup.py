"""A flow command's loading, without the cyclic garbage collector.

Before its flow runs, a flow command imports Prefect, SQLAlchemy and the stage's code:
hundreds of thousands of objects that live as long as the process, and no garbage cycles
worth collecting; yet the collector walks them again and again while they are made, about a
tenth of the command's start-up CPU. `loading` turns it off while the command loads, then
freezes what was loaded out of its way (`gc.freeze`) and turns it back on before the work
begins, so a long run collects its garbage as usual.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def loading() -> Iterator[None]:
    """The collector off inside the block (unless it was off already), on again after it."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()
