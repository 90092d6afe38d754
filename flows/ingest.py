"""Ingest flows: sources (files, folders, page or feed URLs) → segmented documents in the store.

`poll_outlets` is the scheduled one: every feed of every outlet in the outlets file,
one task per feed, at most `FEED_WORKERS` at a time. Serve it on a schedule with
`python -m translate_pub_flows.ingest [minutes]`.
"""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path

from prefect import get_run_logger, task
from prefect.task_runners import ThreadPoolTaskRunner

from translate_pub import config
from translate_pub.config import Settings  # by name: Prefect has a `config`
from translate_pub.errors import ConfigError
from translate_pub.ingest.outlets import load_outlets
from translate_pub.ingest.run import IngestReport, ingest
from translate_pub.orchestra import guard
from translate_pub.store import open_store
from translate_pub.terms.names import named_in
from translate_pub_flows.lean import flow

FEED_WORKERS = 4  # feeds polled at once; each host is still rate-limited on its own


@task(name="ingest-source")
def ingest_source(
    settings: Settings,
    source: str,
    outlet: str,
    language: str | None = None,
    allow_hosts: list[str] | None = None,
) -> IngestReport:
    with open_store(settings.db_url) as store:
        report = ingest(
            store,
            settings,
            [source],
            outlet=outlet,
            source_lang=language,
            allow_hosts=allow_hosts or (),
            named=named_in(settings.glossary, settings.targets_of),
        )
    for line in [*report.skipped, *report.errors]:
        get_run_logger().warning(line)
    return report


@flow(name="ingest")
def ingest_flow(
    settings: Settings, sources: list[str], outlet: str = "local"
) -> list[IngestReport]:
    """One report per source, in order; `settings`: the command's (`config.as_parameter`)."""
    settings = guard.check_run(settings)  # its tasks are handed the object
    return [ingest_source(settings, source, outlet) for source in sources]


@flow(name="poll-outlets", task_runner=ThreadPoolTaskRunner(max_workers=FEED_WORKERS))  # type: ignore[arg-type]
def poll_outlets(
    settings: Settings, outlets_file: str | None = None
) -> list[IngestReport]:
    settings = guard.check_run(settings)  # its tasks are handed the object
    outlets_path = outlets_file or settings.outlets
    if outlets_path is None:
        raise ConfigError(
            "no outlets file: set TRANSLATE_PUB_OUTLETS or pass outlets_file"
        )
    futures = [
        ingest_source.with_options(task_run_name=f"{o.name}: {feed}").submit(
            settings, feed, o.name, o.language, list(o.allow_hosts)
        )
        for o in load_outlets(Path(outlets_path))
        for feed in o.feeds
    ]
    return [f.result() for f in futures]


if __name__ == "__main__":
    minutes = float(sys.argv[1]) if len(sys.argv) > 1 else 30
    poll_outlets.serve(
        name="poll-outlets",
        interval=timedelta(minutes=minutes),
        parameters={"settings": config.as_parameter(config.load())},
    )
