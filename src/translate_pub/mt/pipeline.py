"""Machine-translate what is pending: memory first, then the engine, in batches.

Each batch is committed on its own, so a crash loses at most the batch in flight
and a rerun asks the engine only for segments still without a draft.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from translate_pub.model import Origin
from translate_pub.mt.base import Engine
from translate_pub.store import Store
from translate_pub.store.translations import (
    Pending,
    mark_machine_translated,
    memory_lookup,
    pending_segments,
    save_machine,
)
from translate_pub.terms.glossary import Glossary

BATCH = 50


@dataclass
class TranslateReport:
    machine: int = 0
    memory: int = 0
    missed: int = 0
    documents: list[int] = field(default_factory=list)  # now MACHINE_TRANSLATED

    def summary(self, lang: str) -> str:
        return (f"{lang}: {self.machine} machine-translated, {self.memory} from memory, "
                f"{self.missed} untranslated (no engine output), {len(self.documents)} documents queued")


def _batches(items: Sequence[Pending], size: int) -> Iterator[Sequence[Pending]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def translate_pending(store: Store, engine: Engine, glossary: Glossary, source_lang: str, lang: str,
                      document_ids: list[int] | None = None) -> TranslateReport:
    report = TranslateReport()
    with store.begin() as conn:
        pending = pending_segments(conn, lang, document_ids)
    touched = {p.document_id for p in pending}
    for batch in _batches(pending, BATCH):
        _translate_batch(store, engine, glossary, source_lang, lang, batch, report)
    with store.begin() as conn:
        report.documents = mark_machine_translated(conn, touched, lang)
    return report


def _translate_batch(store: Store, engine: Engine, glossary: Glossary, source_lang: str, lang: str,
                     batch: Sequence[Pending], report: TranslateReport) -> None:
    with store.begin() as conn:
        remembered = {p.segment_id: memory_lookup(conn, p.source, lang) for p in batch}
    to_engine = [p for p in batch if not remembered[p.segment_id]]
    outputs = engine.translate([p.source for p in to_engine], source_lang, lang) if to_engine else []
    with store.begin() as conn:
        for p in batch:
            text = remembered[p.segment_id]
            if text and save_machine(conn, p.segment_id, lang, text, origin=Origin.MEMORY,
                                     engine="memory", glossary_version=glossary.version):
                report.memory += 1
        for p, out in zip(to_engine, outputs, strict=True):
            # A miss is recorded as an empty draft: the document can be queued and the
            # segment shows as untranslated, and a later engine run retries it.
            saved = save_machine(conn, p.segment_id, lang, out or "", origin=Origin.MACHINE,
                                 engine=f"{engine.name} {engine.version}", glossary_version=glossary.version)
            if out is None:
                report.missed += 1
            elif saved:
                report.machine += 1
