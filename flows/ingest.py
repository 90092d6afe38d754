"""Ingest flow: sources (files, folders, page or feed URLs) → segmented documents in the store."""

from __future__ import annotations

from prefect import flow, get_run_logger, task

from translate_pub import config
from translate_pub.ingest.run import ingest
from translate_pub.store import open_store


@task(name="ingest-source")
def ingest_source(home: str, source: str, outlet: str) -> dict[str, object]:
    settings = config.load(home)
    report = ingest(open_store(settings.db_url), settings, [source], outlet=outlet)
    for error in report.errors:
        get_run_logger().warning(error)
    return {"summary": report.summary(), "errors": report.errors,
            "created": report.count("created"), "updated": report.count("updated")}


@flow(name="ingest")
def ingest_flow(home: str, sources: list[str], outlet: str = "local") -> list[dict[str, object]]:
    return [ingest_source(home, source, outlet) for source in sources]
