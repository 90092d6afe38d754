"""Two translate runs over the same documents at once (a scheduled run and a manual one, or two
workers): both finish without error and every segment is translated exactly once."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sqlalchemy import func, select

from tests.scale.conftest import make_documents, save_all
from translate_pub.config import Settings
from translate_pub.mt.pipeline import translate_pending
from translate_pub.store import Store
from translate_pub.store import schema as t
from translate_pub.terms.glossary import load_glossary


class InStepProvider:
    """A provider both runs call at the same moment: each request waits for the other run's."""

    name, version = "in-step", "1"

    def __init__(self, runs: int) -> None:
        self.barrier = threading.Barrier(runs, timeout=30)

    def translate(self, texts: Sequence[str], source_lang: str, target_lang: str) -> list[str | None]:
        self.barrier.wait()  # both runs hold the same untranslated batch now
        return [f"EN: {text}" for text in texts]


def test_two_runs_at_once_translate_each_segment_once(settings: Settings, store: Store):
    save_all(store, make_documents(count=4, sentences=20))
    glossary, provider = load_glossary(Path(settings.glossary)), InStepProvider(2)

    def run() -> int:
        return translate_pending(store, provider, glossary, "ru", "en", batch_size=21).machine

    with ThreadPoolExecutor(2) as pool:
        saved = [f.result(timeout=60) for f in [pool.submit(run), pool.submit(run)]]
    with store.begin() as conn:
        rows = conn.execute(select(func.count(), func.count(t.translations.c.segment_id.distinct()))
                            .select_from(t.translations)).one()
    assert tuple(rows) == (84, 84)
    assert sum(saved) == 84  # each segment counted by the run that saved it, not by both
