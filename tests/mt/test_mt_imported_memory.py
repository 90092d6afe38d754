"""`translate` fills segments from imported translation memory (TMX) before asking an engine."""

from __future__ import annotations

from pathlib import Path

from tests.fakes.mt_service import FakeMT
from tests.mt.support import FAST, add_document
from translate_pub.config import Settings
from translate_pub.model import Origin
from translate_pub.mt.libre import LibreEngine
from translate_pub.mt.pipeline import translate_pending
from translate_pub.review.tmx_import import import_memory
from translate_pub.store import Store
from translate_pub.store import review as review_store
from translate_pub.terms.glossary import Glossary

TMX = Path(__file__).parent.parent / "fixtures" / "memory"


def test_imported_memory_fills_before_mt(
    store: Store, settings: Settings, fake: FakeMT, glossary: Glossary
) -> None:
    import_memory(store, TMX / "weblate.tmx", settings)
    doc_id = add_document(
        store, ["Личность пилота была установлена.", "Новое предложение."]
    )
    report = translate_pending(
        store, LibreEngine(fake.url, limits=FAST), glossary, "ru", "en"
    )
    assert (report.memory, report.machine) == (1, 1)
    assert "1 from memory" in report.summary("en")
    assert fake.stats.texts == 1
    with store.begin() as conn:
        first = review_store.editor_rows(conn, doc_id, "en")[0]
    assert (first.text, first.origin) == (
        "The pilot was identified.",
        Origin.MEMORY.value,
    )
