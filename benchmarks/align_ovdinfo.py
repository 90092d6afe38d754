"""Align the OVD-Info Russian pages with their English versions, sentence by sentence.

    .venv/bin/python benchmarks/align_ovdinfo.py  →  tests/fixtures/terms/ovdinfo-aligned.jsonl

Gale–Church length-based alignment (the `galechurch` package) in two passes: the
pages' paragraphs first (they correspond almost 1:1), then the sentences (razdel)
inside each aligned paragraph group. The length ratio is the pages' own. Markup is
stripped: YAML front matter, <script> chart embeds, HTML tags, Markdown headings,
list markers, emphasis and link targets. Sentence beads of one or two sentences
on each side are kept; a
paragraph with no counterpart (a chart caption only one side has) is dropped.
Each line: {"source": "FILE:paragraph N", "ru", "en", "bead": "1-1"}.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import galechurch
from razdel import sentenize

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path("/work/shared/corpus/ovdinfo")
OUT = ROOT / "tests" / "fixtures" / "terms" / "ovdinfo-aligned.jsonl"
PAIRS = [
    ("2013-04-23-report-2013-1.md", "2013-04-23-report-2013-1-en.md"),
    ("2013-01-28-about.md", "2013-01-28-about-en.md"),
    ("2013-01-22-appeals.md", "2013-02-04-appeals-en.md"),
    ("2013-01-29-courts.md", "2013-02-04-courts-en.md"),
]
KEPT_BEADS = {(1, 1), (1, 2), (2, 1), (2, 2)}


def paragraphs(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    text = re.sub(r"<script.*?</script>", "", text, flags=re.S)
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(
        r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text
    )  # Markdown links keep their text
    out = []
    for block in re.split(r"\n\s*\n", text):
        lines = [
            re.sub(r"^\s*(?:#+|[-*]\s|\d+\.\s)", "", line).strip()
            for line in block.splitlines()
        ]
        para = re.sub(
            r"[*_]{1,2}([^*_]+)[*_]{1,2}", r"\1", " ".join(x for x in lines if x)
        )
        para = re.sub(r"\s+", " ", para).strip()
        if re.search(r"\w{2,}", para):
            out.append(para)
    return out


def sentences(paragraph: str) -> list[str]:
    return [s.text for s in sentenize(paragraph)]


def align(
    ru: list[str], en: list[str], ratio: float
) -> list[tuple[list[int], list[int]]]:
    block = galechurch.align(ru, en, mean_xy=ratio)
    return [
        (
            list(range(b.source_start, b.source_end)),
            list(range(b.target_start, b.target_end)),
        )
        for b in block.beads
    ]


def pair_rows(ru_name: str, en_name: str) -> list[dict[str, str]]:
    ru, en = paragraphs(CORPUS / ru_name), paragraphs(CORPUS / en_name)
    ratio = sum(map(len, en)) / sum(map(len, ru))
    rows = []
    for ru_ids, en_ids in align(ru, en, ratio):
        if not ru_ids or not en_ids:
            continue
        ru_s = [s for i in ru_ids for s in sentences(ru[i])]
        en_s = [s for i in en_ids for s in sentences(en[i])]
        for rs, es in align(ru_s, en_s, ratio):
            if (len(rs), len(es)) in KEPT_BEADS:
                rows.append(
                    {
                        "source": f"{ru_name}:paragraph {ru_ids[0] + 1}",
                        "ru": " ".join(ru_s[i] for i in rs),
                        "en": " ".join(en_s[i] for i in es),
                        "bead": f"{len(rs)}-{len(es)}",
                    }
                )
    return rows


def main() -> None:
    rows = [row for ru_name, en_name in PAIRS for row in pair_rows(ru_name, en_name)]
    OUT.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
        encoding="utf-8",
    )
    beads: dict[str, int] = {}
    for r in rows:
        beads[r["bead"]] = beads.get(r["bead"], 0) + 1
    print(
        f"{len(rows)} aligned sentence pairs → {OUT.relative_to(ROOT)} (beads {beads})"
    )


if __name__ == "__main__":
    main()
