"""Flow runs in the command's own process (`translate-pub ingest`, `translate`, `publish`, `demo`):
recorded on the Prefect server like any run, without what only a long-lived run needs."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def quick_runs() -> Iterator[None]:
    """Flow runs started inside the block send no heartbeats.

    Prefect's heartbeat thread serves an automation that marks silent runs crashed, which no
    translate-pub set-up has; a command's run reports its own end (an interrupted one is marked
    crashed by Prefect's signal handler). Stopping the thread cost every run up to a second: it
    sleeps in one-second steps and the run waits for it at its end. The settings are copied, not
    validated afresh as `temporary_settings` does (75 ms).
    """
    from prefect.context import SettingsContext, get_settings_context

    context = get_settings_context()
    flows = context.settings.flows.model_copy(update={"heartbeat_frequency": None})
    settings = context.settings.model_copy(update={"flows": flows})
    with SettingsContext(profile=context.profile, settings=settings):
        yield
