"""The pipeline flows against a real Prefect server (the session's test harness)."""

from __future__ import annotations

from collections import Counter

import pytest

from translate_pub.cli.core import init_store
from translate_pub.cli.demo import SAMPLES
from translate_pub.model import Status
from translate_pub.store.documents import status_counts
from translate_pub.store.queue import document_ids
from translate_pub.store.review import editor_rows
from translate_pub.store.translations import pending_segments

pytestmark = pytest.mark.flow


def test_ingest_then_translate_queues_every_sample_and_reruns_change_nothing(
    settings, prefect_server
):
    from translate_pub_flows.ingest import ingest_flow
    from translate_pub_flows.translate import translate_flow

    store, _ = init_store(settings)
    samples = sorted(str(p) for p in SAMPLES.glob("*.md") if p.name != "ATTRIBUTION.md")
    home = settings  # the command passes its one Settings

    first = ingest_flow(home, samples, "demo")
    assert sum(r.count("created") for r in first) == len(samples)
    report = translate_flow(home, "recorded", ["en"])["en"]
    assert len(report.documents) == len(samples)

    with store.begin() as conn:
        assert status_counts(conn) == {
            "en": {**dict.fromkeys(Status, 0), Status.MACHINE_TRANSLATED: len(samples)}
        }
        counts = origins(conn)
        misses = len(pending_segments(conn, "en"))
    assert (
        counts["machine"] > misses > 0
    )  # FLORES sentences replayed; OVD-Info pages honestly missed

    again = ingest_flow(home, samples, "demo")
    assert sum(r.count("created") + r.count("updated") for r in again) == 0
    translate_flow(home, "recorded", ["en"])
    with store.begin() as conn:
        assert origins(conn) == counts


def origins(conn) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """How many English translations each origin (machine, memory, human) holds."""
    return dict(
        Counter(
            r.origin
            for doc_id in document_ids(conn, "en", tuple(Status))
            for r in editor_rows(conn, doc_id, "en")
            if r.translation_id
        )
    )


def test_translate_also_goes_into_russian_what_was_written_in_english(
    settings, prefect_server
):
    """An English-first digest: the flow's default targets include the source language, and
    its batches go en→ru (the recorded engine has no such recordings: honest misses)."""
    from tests.digest_newsroom import FIXTURES, build_sources
    from translate_pub.ingest.digest_files import ingest_digests
    from translate_pub_flows.translate import translate_flow

    store, _ = init_store(settings)
    build_sources(store)
    done, errors = ingest_digests(
        store, FIXTURES / "rights-group-of-the-week-en.md", settings
    )
    assert not errors
    digest_id = int(done[0].split("digest ")[1].split()[0])
    reports = translate_flow(settings, "recorded", [*settings.targets, "ru"])
    assert reports["ru"].documents == [digest_id]
    assert reports["en"].documents == []  # nothing of it goes into its own language
    with store.begin() as conn:
        assert document_ids(conn, "ru", (Status.MACHINE_TRANSLATED,)) == [digest_id]
        assert pending_segments(conn, "en", [digest_id]) == []
