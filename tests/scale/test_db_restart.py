"""A PostgreSQL restart between two MT batches: the store reconnects and the run completes."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from sqlalchemy import func, select

from tests.scale.conftest import make_documents, save_all
from translate_pub.config import Settings
from translate_pub.mt.base import Engine
from translate_pub.mt.pipeline import translate_pending
from translate_pub.store import Store
from translate_pub.store import schema as t
from translate_pub.terms.glossary import load_glossary

pytestmark = pytest.mark.postgres


class RestartingProvider(Engine):
    """An MT provider during whose second request the database server restarts."""

    name, version = "restarting", "1"

    def __init__(self, cluster) -> None:  # type: ignore[no-untyped-def]
        self.cluster = cluster
        self.calls = 0

    def translate(
        self, texts: Sequence[str], source_lang: str, target_lang: str
    ) -> list[str | None]:
        self.calls += 1
        if self.calls == 2:
            self.cluster.restart()
        return [f"EN: {text}" for text in texts]


def test_translation_survives_a_database_restart_between_batches(
    pg_cluster, settings: Settings
):
    with pg_cluster.database() as url:
        store = Store(url)
        try:
            store.migrate()
            save_all(
                store, make_documents(count=6, sentences=20)
            )  # 126 segments: three batches
            provider = RestartingProvider(pg_cluster)
            report = translate_pending(
                store,
                provider,
                load_glossary(settings.glossary),
                "ru",
                "en",
                batch_size=50,
            )
            with store.begin() as conn:
                rows = conn.execute(
                    select(
                        func.count(), func.count(t.translations.c.segment_id.distinct())
                    ).select_from(t.translations)
                ).one()
        finally:
            store.dispose()
    assert provider.calls == 3
    assert report.machine == 126 and len(report.documents) == 6
    assert tuple(rows) == (126, 126)
