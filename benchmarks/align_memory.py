"""Alignment into memory measured on the OVD-Info pairs against the hand-checked beads.

    .venv/bin/python benchmarks/align_memory.py

Aligns the four OVD-Info pairs (`tests/fixtures/memory/ovdinfo/`, copies of the shared corpus)
as `translate-pub memory align` does, and prints, against the hand-checked verdicts in
`tests/fixtures/memory/ovdinfo-beads-checked.jsonl` (every bead the aligner proposes, each read
on both sides): the precision of the beads kept (goal ≥ 0.95), the share of Russian sentences
kept, and the share of right beads kept. Beside it, the same figures for the baseline that
keeps every bead of one or two sentences a side (`benchmarks/align_ovdinfo.py`'s rule).
"""

from __future__ import annotations

import json
from pathlib import Path

from translate_pub.ingest.files import read_file
from translate_pub.review.align import KEPT, Bead, align_documents

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "tests" / "fixtures" / "memory"


def main() -> None:
    verdicts = {
        (c["ru"], c["en"]): c["verdict"]
        for c in map(
            json.loads,
            (HERE / "ovdinfo-beads-checked.jsonl")
            .read_text(encoding="utf-8")
            .splitlines(),
        )
    }
    beads: list[Bead] = []
    sentences = 0
    for line in (HERE / "ovdinfo" / "pairs.tsv").read_text().splitlines():
        if not line.startswith("#"):
            ru, en = line.split("\t")
            found = align_documents(
                read_file(HERE / "ovdinfo" / ru, source_lang="ru"),
                read_file(HERE / "ovdinfo" / en, source_lang="en"),
                ru,
            )
            beads += found.beads
            sentences += found.sentences
    unchecked = [b for b in beads if (b.ru, b.en) not in verdicts]
    if unchecked:
        raise SystemExit(
            f"{len(unchecked)} beads were never checked: the aligner changed, check them again"
        )
    right = sum(verdicts[b.ru, b.en] == "right" for b in beads)
    print(
        f"{len(beads)} beads proposed over {sentences} Russian sentences; {right} right by hand"
    )
    for label, kept in (
        ("kept (confident)", [b for b in beads if b.kept]),
        (
            "baseline: every 1-2 sized bead",
            [b for b in beads if tuple(map(int, b.shape.split("-"))) in KEPT],
        ),
    ):
        good = sum(verdicts[b.ru, b.en] == "right" for b in kept)
        print(
            f"{label}: {len(kept)} beads, precision {good / len(kept):.3f} (goal 0.95), "
            f"{sum(b.ru_sentences for b in kept) / sentences:.0%} of Russian sentences kept, "
            f"{good / right:.0%} of the right beads"
        )


if __name__ == "__main__":
    main()
