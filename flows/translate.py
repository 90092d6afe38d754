"""Translate flow: the pending documents of each target language, split into batches, one
task per batch, run by a thread pool on one worker.

Each batch holds one slot of the provider's global concurrency limit `mt-<engine>`
(created by flows/deploy.py), so however many workers and threads run, the provider
never sees more requests at once than the newsroom allows. Without a limit of that name
the slot is a no-op. Several machines: see deploy/README.md (prefect-dask).
"""

from __future__ import annotations

from contextlib import nullcontext

from prefect import get_run_logger, task
from prefect.concurrency.sync import concurrency
from prefect.task_runners import ThreadPoolTaskRunner

from translate_pub.config import Settings  # by name: Prefect has a `config`
from translate_pub.mt.pipeline import TranslateReport, translate_pending
from translate_pub.mt.registry import get_engine
from translate_pub.orchestra import guard
from translate_pub.store import open_store
from translate_pub.store.translations import pending_segments
from translate_pub.terms import inflected
from translate_pub.terms.cache import cached_glossary
from translate_pub.terms.match import matcher_for
from translate_pub_flows.lean import flow

WORKERS = 4
BATCH_DOCUMENTS = 10


def mt_limit_name(engine: str) -> str:
    """The global concurrency limit that bounds calls to one MT provider."""
    return f"mt-{engine}"


def mt_limited(engine: str) -> bool:
    """Whether the provider's limit exists on the Prefect server (flows/deploy.py makes them).

    Only then does a batch take a slot: taking one with no limit still writes a lease, and on a
    home's SQLite server that write, racing the run's own state writes, was at times refused
    (503, "database is locked") and retried by Prefect's client two seconds later."""
    from prefect.client.orchestration import get_client
    from prefect.exceptions import ObjectNotFound

    with get_client(sync_client=True) as client:
        try:
            client.read_global_concurrency_limit_by_name(mt_limit_name(engine))
        except ObjectNotFound:
            return False
    return True


@task(name="translate-batch")
def translate_batch(
    settings: Settings,
    engine: str,
    lang: str,
    document_ids: list[int],
    source_lang: str | None = None,
    limited: bool = True,
) -> TranslateReport:
    """`source_lang`: the language these documents are written in (default the source's);
    `limited`: whether the provider's limit exists (`mt_limited`), so a slot is taken."""
    glossary = cached_glossary(
        settings.glossary, settings.glossary_cache
    )  # validated once
    matcher_for(
        glossary, settings.glossary_cache
    )  # from the home's cache, not compiled
    inflected.remember(glossary, settings.glossary_cache)  # lemminflect's answers, kept
    with (
        open_store(settings.db_url) as store,
        (
            concurrency(mt_limit_name(engine), occupy=1, strict=False)
            if limited
            else nullcontext()
        ),
    ):
        return translate_pending(
            store,
            get_engine(engine),
            glossary,
            source_lang or settings.source_lang,
            lang,
            document_ids,
        )


def pending_batches(
    settings: Settings,
    lang: str,
    size: int,
    document_ids: list[int] | None = None,
    source_lang: str | None = None,
) -> list[list[int]]:
    """Documents (of `document_ids`, or all) written in `source_lang` (default the source's) with
    untranslated segments in `lang`, in batches of `size`."""
    with open_store(settings.db_url) as store, store.begin() as conn:
        pending = pending_segments(
            conn, lang, document_ids, source_lang=source_lang or settings.source_lang
        )
        ids = sorted({p.document_id for p in pending})
    return [ids[i : i + size] for i in range(0, len(ids), size)]


def directions(settings: Settings, lang: str) -> tuple[str, ...]:
    """The languages documents translated into `lang` are written in: the source language, and
    for the source language itself the others (English-first digests)."""
    if lang == settings.source_lang:
        return settings.targets
    return (settings.source_lang,)


@flow(name="translate", task_runner=ThreadPoolTaskRunner(max_workers=WORKERS))  # type: ignore[arg-type]
def translate_flow(
    settings: Settings,
    engine: str,
    targets: list[str],
    batch_documents: int = BATCH_DOCUMENTS,
    document_ids: list[int] | None = None,
) -> dict[str, TranslateReport]:
    """Every target language's report; `document_ids`: only these documents, so runs spread
    over several workers never share one."""
    settings = guard.check_run(settings)  # its tasks are handed the object
    limited = mt_limited(engine)
    reports = {}
    for lang in targets:
        futures = [
            translate_batch.with_options(
                task_run_name=f"{src}→{lang}: {ids[0]}…{ids[-1]}"
            ).submit(settings, engine, lang, ids, src, limited)
            for src in directions(settings, lang)
            for ids in pending_batches(
                settings, lang, batch_documents, document_ids, src
            )
        ]
        if not futures and lang == settings.source_lang:
            continue  # nothing written in another language: no line to report
        reports[lang] = TranslateReport.total(f.result() for f in futures)
        get_run_logger().info(reports[lang].summary(lang))
    return reports
