"""Compliance on professional translations: OVD-Info's own English, aligned sentence by sentence.

Every flag the check raises on the aligned pages is labelled by hand in
`ovdinfo-flags.jsonl` (true deviation from house style or false alarm, with its
cause), so a new flag fails here until someone has looked at it.
"""

from __future__ import annotations

import json
from pathlib import Path

from translate_pub.config import PROJECT_DIR
from translate_pub.terms.check import check
from translate_pub.terms.glossary import load_glossary
from translate_pub.terms.match import matcher_for

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "terms"


def test_flags_on_professional_translations_are_labelled_and_mostly_true() -> None:
    glossary = load_glossary(PROJECT_DIR / "glossary")
    matcher = matcher_for(glossary)
    flags = set()
    for line in (FIXTURES / "ovdinfo-aligned.jsonl").read_text(encoding="utf-8").splitlines():
        pair = json.loads(line)
        result = check(matcher.find(pair["ru"]), pair["en"], glossary)
        flags |= {(pair["source"], tid, kind) for kind in ("missing", "forbidden") for tid in getattr(result, kind)
                  if tid in result.blocking}
    labelled = [json.loads(line) for line in (FIXTURES / "ovdinfo-flags.jsonl").read_text(encoding="utf-8").splitlines()]
    assert flags == {(f["source"], f["term"], f["kind"]) for f in labelled}
    precision = sum(f["true_deviation"] for f in labelled) / len(labelled)
    print(f"{len(labelled)} flags, precision {precision:.3f}")
    assert len(labelled) >= 40 and precision >= 0.9
