"""Helpers for the MT tests: fast provider limits, the fixture folder, documents in a temp store."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from deep_translator import MyMemoryTranslator

from translate_pub.model import Document, Segment
from translate_pub.mt.base import HTML
from translate_pub.mt.deep import DeepTranslatorEngine, mymemory_code
from translate_pub.mt.pacing import Limits
from translate_pub.store import Store
from translate_pub.store.documents import save_document

FIXTURES = Path(__file__).parents[1] / "fixtures" / "mt"

# Fast manners for tests: no real waiting on backoff, a generous rate.
FAST = Limits(
    max_chars=5000,
    max_items=50,
    concurrency=4,
    rate=1000.0,
    burst=10,
    retries=3,
    backoff=0.001,
    failures_to_open=50,
    cooldown=60.0,
)


def add_document(
    store: Store,
    sentences: list[str],
    url: str = "https://example.org/a",
    targets: tuple[str, ...] = ("en",),
) -> int:
    """Ingest a document made of these sentences; returns its id."""
    segments = tuple(Segment(i, i, 0, s) for i, s in enumerate(sentences))
    doc = Document(
        source_lang="ru",
        outlet="OVD-Info",
        title=sentences[0],
        url=url,
        canonical_url=url,
        content_hash=hashlib.sha256("\n".join(sentences).encode()).hexdigest(),
        segments=segments,
    )
    with store.begin() as conn:
        return save_document(conn, doc, targets).document_id


def mymemory_at(url: str) -> DeepTranslatorEngine:
    """The `mymemory` engine as the registry builds it, its real client pointed at the fake service."""

    def make(source: str, target: str) -> MyMemoryTranslator:
        translator = MyMemoryTranslator(
            source=mymemory_code(source), target=mymemory_code(target)
        )
        translator._base_url = f"{url}/get"
        return translator

    return DeepTranslatorEngine(
        "mymemory", make, replace(FAST, max_chars=500, max_items=1), output_format=HTML
    )
