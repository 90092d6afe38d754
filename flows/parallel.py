"""Parallel translate flow: pending documents split into batches, one task per batch,
run by a thread pool on one worker.

Each batch holds one slot of the provider's global concurrency limit `mt-<engine>`
(created by flows/deploy.py), so however many workers and threads run, the provider
never sees more requests at once than the newsroom allows. Without a limit of that name,
or without a Prefect server, the slot is a no-op. Several machines: see deploy/README.md
(prefect-dask).
"""

from __future__ import annotations

from prefect import flow, get_run_logger, task
from prefect.concurrency.sync import concurrency
from prefect.task_runners import ThreadPoolTaskRunner

from translate_pub import config
from translate_pub.mt.pipeline import translate_pending
from translate_pub.mt.registry import get_engine
from translate_pub.store import open_store
from translate_pub.store.translations import pending_segments
from translate_pub.terms.glossary import load_glossary

WORKERS = 4
BATCH_DOCUMENTS = 10


def mt_limit_name(engine: str) -> str:
    """The global concurrency limit that bounds calls to one MT provider."""
    return f"mt-{engine}"


@task(name="translate-batch")
def translate_batch(home: str, engine: str, lang: str, document_ids: list[int]) -> dict[str, int]:
    settings = config.load(home)
    with open_store(settings.db_url) as store, concurrency(mt_limit_name(engine), occupy=1, strict=False):
        report = translate_pending(store, get_engine(engine), load_glossary(settings.glossary),
                                   settings.source_lang, lang, document_ids)
    return {"machine": report.machine, "memory": report.memory, "missed": report.missed,
            "queued": len(report.documents)}


def pending_batches(home: str, lang: str, size: int, document_ids: list[int] | None = None) -> list[list[int]]:
    """Documents (of `document_ids`, or all) with untranslated segments in `lang`, in batches of `size`."""
    with open_store(config.load(home).db_url) as store, store.begin() as conn:
        ids = sorted({p.document_id for p in pending_segments(conn, lang, document_ids)})
    return [ids[i:i + size] for i in range(0, len(ids), size)]


@flow(name="translate-parallel", task_runner=ThreadPoolTaskRunner(max_workers=WORKERS))
def translate_parallel_flow(home: str, engine: str, targets: list[str],
                            batch_documents: int = BATCH_DOCUMENTS,
                            document_ids: list[int] | None = None) -> list[str]:
    # document_ids: only these documents, so runs spread over several workers never share one.
    summaries = []
    for lang in targets:
        futures = [translate_batch.with_options(task_run_name=f"{lang}: {ids[0]}…{ids[-1]}")
                   .submit(home, engine, lang, ids) for ids in pending_batches(home, lang, batch_documents, document_ids)]
        totals = {"machine": 0, "memory": 0, "missed": 0, "queued": 0}
        for future in futures:
            for key, value in future.result().items():
                totals[key] += value
        summaries.append(f"{lang}: {totals['machine']} machine-translated, {totals['memory']} from memory, "
                         f"{totals['missed']} untranslated, {totals['queued']} documents queued "
                         f"({len(futures)} batches)")
        get_run_logger().info(summaries[-1])
    return summaries
