"""TMX import into the translation memory, for the CLI (`memory import`) and the admin page.

Each file is streamed by `tmx_read.read_tmx` and stored by `store.imported.save` in batches
within one transaction: a file refused part-way (malformed XML, past the size cap) leaves
the memory as it was, and the report says that nothing was imported from it. Units that
cannot be used are refused one by one (file:line and why), and the others are imported, so
every unit of a file is either in memory or in the report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from translate_pub.config import Settings
from translate_pub.errors import InputError, ParseError
from translate_pub.review.tmx_read import Refused, TmxUnit, read_tmx
from translate_pub.store import imported
from translate_pub.store.db import Store

BATCH = 2000  # units stored per statement round: enough to amortise, few enough to stay flat in memory


@dataclass
class FileReport:
    """One file's outcome: `failed` is why nothing was imported from it, else counts and refusals."""

    name: str
    added: int = 0
    merged: int = 0
    refused: list[Refused] = field(default_factory=list)
    failed: str = ""

    def __str__(self) -> str:
        if self.failed:
            return self.failed
        return (f"{self.name}: {self.added} unit(s) added to memory, {self.merged} merged with one already there, "
                f"{len(self.refused)} refused")


def tmx_files(path: Path) -> list[Path]:
    """The TMX files a path names: itself, or every *.tmx under a folder (sorted)."""
    if path.is_dir():
        found = sorted(p for p in path.rglob("*") if p.suffix.lower() == ".tmx" and p.is_file())
        if not found:
            raise InputError(str(path), "holds no .tmx file")
        return found
    if not path.exists():
        raise InputError(str(path), "no such file or folder")
    return [path]


def import_tmx(store: Store, path: Path, settings: Settings, name: str | None = None) -> FileReport:
    """Import one TMX file; `name` is how the memory and the report call it (default: its path)."""
    report = FileReport(name or str(path))
    label = Path(report.name).name  # shown as "imported from NAME"
    try:
        with store.begin() as outer, imported.bulk(outer) as conn:
            batch: list[TmxUnit] = []
            for item in read_tmx(path, settings.source_lang, settings.targets, settings.max_tmx, report.name):
                if isinstance(item, Refused):
                    report.refused.append(item)
                    continue
                batch.append(item)
                if len(batch) >= BATCH:
                    _store(conn, batch, label, report)
            _store(conn, batch, label, report)
    except ParseError as exc:
        return FileReport(report.name, failed=str(exc))
    return report


def _store(conn, batch: list[TmxUnit], label: str, report: FileReport) -> None:  # type: ignore[no-untyped-def]
    saved = imported.save(conn, batch, label)
    report.added += saved.added
    report.merged += saved.merged
    batch.clear()
