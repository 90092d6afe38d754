"""Ingest a batch of sources into the store, one item at a time, errors per item."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from translate_pub.config import Settings
from translate_pub.errors import InputError
from translate_pub.ingest.files import expand, read_file
from translate_pub.model import Document
from translate_pub.store import Store
from translate_pub.store.documents import Saved, save_document


@dataclass
class IngestReport:
    saved: list[Saved] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(1 for s in self.saved if s.outcome == outcome)

    def summary(self) -> str:
        return (f"{self.count('created')} new, {self.count('updated')} updated, "
                f"{self.count('unchanged')} unchanged, {len(self.errors)} failed")


def documents_from(source: str, outlet: str, source_lang: str) -> Iterator[Document | InputError]:
    """Every document a source yields; a bad item yields its error instead of stopping the batch."""
    for path in expand(Path(source)):
        try:
            yield read_file(path, outlet=outlet, source_lang=source_lang)
        except InputError as exc:
            yield exc


def ingest(store: Store, settings: Settings, sources: Iterable[str], outlet: str = "local") -> IngestReport:
    """Each document is saved in its own transaction, so one failure loses nothing else."""
    report = IngestReport()
    for source in sources:
        try:
            items = list(documents_from(source, outlet, settings.source_lang))
        except InputError as exc:
            report.errors.append(str(exc))
            continue
        for item in items:
            if isinstance(item, InputError):
                report.errors.append(str(item))
                continue
            with store.begin() as conn:
                report.saved.append(save_document(conn, item, settings.targets))
    return report
