"""The translate flow: batches of documents on a thread pool, against the fake provider."""

from __future__ import annotations

import pytest
from prefect.task_runners import ThreadPoolTaskRunner

from tests.fakes.mt_service import Behaviour, serve
from tests.scale.conftest import make_documents, save_all
from translate_pub.config import Settings
from translate_pub.model import Status
from translate_pub.store import Store
from translate_pub.store.documents import status_counts
from translate_pub.store.translations import pending_segments

pytestmark = pytest.mark.flow


def test_parallel_flow_translates_every_batch_once(
    settings: Settings,
    store: Store,
    prefect_server: None,
    monkeypatch: pytest.MonkeyPatch,
):
    from translate_pub_flows.translate import translate_flow

    doc_ids = save_all(store, make_documents(count=9, sentences=5))
    with serve(Behaviour(latency=0.05)) as fake:
        monkeypatch.setenv("LIBRETRANSLATE_URL", fake.url)
        flow = translate_flow.with_options(
            task_runner=ThreadPoolTaskRunner(max_workers=3)
        )
        report = flow(settings, "libretranslate", ["en"], batch_documents=2)["en"]
    assert (report.machine, report.missed, sorted(report.documents)) == (
        54,
        0,
        sorted(doc_ids),
    )
    assert fake.stats.texts == 54  # no segment asked for twice
    with store.begin() as conn:
        assert pending_segments(conn, "en") == []
        assert status_counts(conn) == {
            "en": {**dict.fromkeys(Status, 0), Status.MACHINE_TRANSLATED: len(doc_ids)}
        }
