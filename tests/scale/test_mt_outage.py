"""An MT provider down for minutes: the circuit opens and the run stops with the rest pending;
while open, nothing is sent; after the cooldown, with the provider back, a rerun completes."""

from __future__ import annotations

from pathlib import Path

from tests.fakes.mt_service import Behaviour, serve
from tests.scale.conftest import make_documents, save_all
from translate_pub.config import Settings
from translate_pub.mt.libre import LibreEngine
from translate_pub.mt.pacing import Limits
from translate_pub.mt.pipeline import translate_pending
from translate_pub.store import Store
from translate_pub.store.translations import pending_segments
from translate_pub.terms.glossary import load_glossary

LIMITS = Limits(
    concurrency=1,
    rate=1000,
    burst=10,
    retries=2,
    backoff=1.0,
    failures_to_open=3,
    cooldown=300,
)


class Clock:
    """Provider time: sleeping advances it at once, so a five-minute outage takes no wall time."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def pending(store: Store) -> int:
    with store.begin() as conn:
        return len(pending_segments(conn, "en"))


def test_provider_outage_opens_the_circuit_and_a_later_run_resumes(
    settings: Settings, store: Store
):
    doc_ids = save_all(store, make_documents(count=4, sentences=30))
    total = pending(store)
    glossary = load_glossary(Path(settings.glossary))
    clock = Clock()
    with serve(Behaviour(script=[503] * 1000)) as fake:  # down
        engine = LibreEngine(fake.url, limits=LIMITS, clock=clock, sleep=clock.sleep)
        down = translate_pending(store, engine, glossary, "ru", "en", batch_size=50)
        assert down.stopped and down.machine == 0 and not down.documents
        assert any("failing repeatedly" in e for e in down.errors), down.errors
        assert (
            pending(store) == total
        )  # nothing half-saved, nothing recorded as an empty draft
        assert (
            fake.stats.requests == LIMITS.failures_to_open
        )  # then the circuit stopped the calls

        clock.sleep(
            60
        )  # a minute later, still inside the cooldown: not even a request goes out
        again = translate_pending(store, engine, glossary, "ru", "en", batch_size=50)
        assert again.stopped and fake.stats.requests == LIMITS.failures_to_open

        fake.behaviour.script.clear()  # the provider is back
        clock.sleep(LIMITS.cooldown)
        back = translate_pending(store, engine, glossary, "ru", "en", batch_size=50)
    assert not back.stopped and back.machine == total
    assert sorted(back.documents) == sorted(doc_ids)
    assert pending(store) == 0
