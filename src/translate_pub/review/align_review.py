"""The review file of an alignment: a TSV a person reads before aligned sentences enter memory.

`memory align` writes one row per bead: keep (`yes` for confident beads, `no` for the others,
shown so a reviewer can rescue them), the Russian, the English and where they are. The reviewer
edits the keep column (or the texts) in any spreadsheet or editor, then `memory import FILE.tsv`
takes the rows marked `yes`. Each row that cannot be read is one line (file:line and why).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from translate_pub import msgids as ids
from translate_pub.errors import ParseError
from translate_pub.files import read_text, write_output
from translate_pub.review.align import Bead
from translate_pub.review.tmx_read import Refused

HEADER = ["keep", "ru", "en", "where"]
NOTE = "# translate-pub alignment review: set keep to yes or no, then `translate-pub memory import` this file\n"


@dataclass(frozen=True)
class AlignedUnit:
    """A reviewed bead as a memory unit (store.imported.Unit)."""

    lang: str
    source: str
    target: str
    creator: str = ""
    changed: datetime | None = None


def review_text(beads: Iterable[Bead]) -> str:
    out = io.StringIO()
    out.write(NOTE)
    writer = csv.writer(out, dialect="excel-tab", lineterminator="\n")
    writer.writerow(HEADER)
    for b in beads:
        writer.writerow(["yes" if b.kept else "no", _flat(b.ru), _flat(b.en), b.where])
    return out.getvalue()


def write_review(path: Path, beads: Iterable[Bead]) -> None:
    write_output(path, review_text(beads).encode("utf-8"))


def is_review(path: Path) -> bool:
    return path.suffix.lower() == ".tsv"


def read_review(
    path: Path, lang: str, max_bytes: int
) -> Iterator[AlignedUnit | Refused]:
    """The rows kept in a reviewed file as units into `lang`, and each row that cannot be read."""
    where = str(path)
    numbered = [
        (n, row)
        for n, line in enumerate(read_text(path, max_bytes).splitlines(), start=1)
        if not line.startswith("#")
        for row in csv.reader([line], dialect="excel-tab")
    ]
    if not numbered or [c.strip().lower() for c in numbered[0][1][:4]] != HEADER:
        raise ParseError(
            where,
            ids.NOT_ALIGNMENT(header=" / ".join(HEADER)),
        )
    for n, row in numbered[1:]:
        keep = row[0].strip().lower() if row else ""
        if keep == "no" or not any(c.strip() for c in row):
            continue
        if keep != "yes" or len(row) < 3 or not row[1].strip() or not row[2].strip():
            yield Refused(f"{where}:{n}", ids.ALIGN_ROW())
            continue
        yield AlignedUnit(lang, row[1].strip(), row[2].strip())


def _flat(text: str) -> str:
    return " ".join(text.split())
