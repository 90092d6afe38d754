"""Files into the translation memory, for the CLI (`memory import`, `memory align`) and the admin page.

A TMX file is streamed by `tmx_read.read_tmx`, a reviewed alignment (TSV) read by
`align_review.read_review`, and their units stored by `store.imported.save` in batches
within one transaction: a file refused part-way (malformed XML, past the size cap) leaves
the memory as it was, and the report says that nothing was imported from it. Units that
cannot be used are refused one by one (file:line and why), and the others are imported, so
every unit of a file is either in memory or in the report.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection

from translate_pub import msgids as ids
from translate_pub.config import Settings
from translate_pub.errors import InputError, ParseError
from translate_pub.messages import Message
from translate_pub.review.align_review import is_review, read_review
from translate_pub.review.tmx_read import Refused, read_tmx
from translate_pub.store import imported
from translate_pub.store.db import Store
from translate_pub.store.imported import Unit

BATCH = 2000  # units stored per statement round: enough to amortise, few enough to stay flat in memory


@dataclass
class FileReport:
    """One file's outcome: `failed` is why nothing was imported from it, else counts and refusals."""

    name: str
    added: int = 0
    merged: int = 0
    refused: list[Refused] = field(default_factory=list)
    failed: Message | None = None  # why nothing was imported, where included

    def __str__(self) -> str:
        if self.failed:
            return str(self.failed)
        return (
            f"{self.name}: {self.added} unit(s) added to memory, {self.merged} merged with one already there, "
            f"{len(self.refused)} refused"
        )


def tmx_files(path: Path) -> list[Path]:
    """The TMX files a path names: itself, or every *.tmx under a folder (sorted)."""
    if path.is_dir():
        found = sorted(
            p for p in path.rglob("*") if p.suffix.lower() == ".tmx" and p.is_file()
        )
        if not found:
            raise InputError(str(path), ids.NO_TMX_FILE())
        return found
    if not path.exists():
        raise InputError(str(path), ids.NO_SUCH_PATH())
    return [path]


def import_memory(
    store: Store, path: Path, settings: Settings, name: str | None = None
) -> FileReport:
    """Import one TMX file or reviewed alignment; `name` is how memory and the report call it."""
    where = name or str(path)
    if is_review(path):
        return import_units(
            store, read_review(path, settings.targets[0], settings.max_bytes), where
        )
    return import_units(
        store,
        read_tmx(path, settings.source_lang, settings.targets, settings.max_tmx, where),
        where,
    )


def import_units(
    store: Store, items: Iterable[Unit | Refused], name: str
) -> FileReport:
    """Store every unit of `items` (in one transaction), and report each refused one."""
    report = FileReport(name)
    label = Path(name).name  # shown as "imported from NAME"
    try:
        with store.begin() as outer, imported.bulk(outer) as conn:
            batch: list[Unit] = []
            for item in items:
                if isinstance(item, Refused):
                    report.refused.append(item)
                    continue
                batch.append(item)
                if len(batch) >= BATCH:
                    _store(conn, batch, label, report)
            _store(conn, batch, label, report)
    except ParseError as exc:
        return FileReport(report.name, failed=exc.said)
    return report


def _store(conn: Connection, batch: list[Unit], label: str, report: FileReport) -> None:
    saved = imported.save(conn, batch, label)
    report.added += saved.added
    report.merged += saved.merged
    batch.clear()
