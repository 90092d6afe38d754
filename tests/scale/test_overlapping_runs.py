"""Two translate runs on one store at once share the work: each claims the segments it sends
(a lease in the store, with an expiry), so the MT service sees every text once; a killed
run's claims come back when they expire. On SQLite and PostgreSQL, against the fake service."""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path

import pytest

from tests.fakes.mt_service import Behaviour, serve
from tests.prefect_stack import wait_until
from tests.scale.conftest import make_documents, save_all
from translate_pub.config import Settings
from translate_pub.mt.pipeline import TranslateReport, translate_pending
from translate_pub.mt.registry import get_engine
from translate_pub.store import Store
from translate_pub.store.leases import claim, new_holder
from translate_pub.store.translations import pending_segments
from translate_pub.terms.glossary import Glossary, load_glossary


def run(store: Store, glossary: Glossary) -> TranslateReport:
    return translate_pending(
        store, get_engine("libretranslate"), glossary, "ru", "en", batch_size=10
    )


def test_a_second_run_leaves_the_first_runs_segments_alone(
    settings: Settings, store: Store, monkeypatch: pytest.MonkeyPatch
):
    save_all(
        store, make_documents(count=3, sentences=9)
    )  # 30 segments, 3 batches of 10
    glossary = load_glossary(Path(settings.glossary))
    with serve(Behaviour(latency=0.5)) as fake:
        monkeypatch.setenv("LIBRETRANSLATE_URL", fake.url)
        reports: list[TranslateReport] = []
        first = threading.Thread(target=lambda: reports.append(run(store, glossary)))
        first.start()
        wait_until(
            lambda: fake.stats.requests > 0, 60, "the first run's first request"
        )  # its batch is in flight
        second = run(store, glossary)
        first.join(timeout=120)
    assert fake.stats.texts == 30  # every text sent once, by one run or the other
    assert reports[0].machine + second.machine == 30
    assert second.elsewhere > 0  # it met the first run's claims and left them
    with store.begin() as conn:
        assert pending_segments(conn, "en") == []


def test_a_killed_runs_claims_come_back_when_they_expire(
    settings: Settings, store: Store, monkeypatch: pytest.MonkeyPatch
):
    save_all(store, make_documents(count=1, sentences=4))
    glossary = load_glossary(Path(settings.glossary))
    with store.begin() as conn:
        ids = [p.segment_id for p in pending_segments(conn, "en")]
        assert claim(conn, "en", ids[:2], new_holder()) == set(
            ids[:2]
        )  # a run that is still alive
        assert claim(
            conn, "en", ids[2:], new_holder(), lease=timedelta(seconds=-1)
        ) == set(ids[2:])  # a dead one
    with serve() as fake:
        monkeypatch.setenv("LIBRETRANSLATE_URL", fake.url)
        report = run(store, glossary)
    assert (report.machine, report.elsewhere, fake.stats.texts) == (3, 2, 3)
    with store.begin() as conn:
        assert [p.segment_id for p in pending_segments(conn, "en")] == ids[:2]
