"""Accuracy on real text: the hand-reviewed set built from FLORES-200 and OVD-Info sentences."""

from __future__ import annotations

import json
from pathlib import Path

from translate_pub.terms.glossary import load_glossary
from translate_pub.terms.match import matcher_for
from translate_pub.terms.morph import fold

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "terms"


def test_precision_and_recall_on_the_labelled_set() -> None:
    glossary = load_glossary(FIXTURES / "glossary.csv")
    matcher = matcher_for(glossary)
    items = [
        json.loads(line)
        for line in (FIXTURES / "labelled.jsonl")
        .read_text(encoding="utf-8")
        .splitlines()
    ]
    tp = fp = fn = inflected = negatives = 0
    for item in items:
        gold = {(t["id"], t["start"], t["surface"]) for t in item["terms"]}
        found = {(m.term_id, m.start, m.surface) for m in matcher.find(item["text"])}
        tp, fp, fn = (
            tp + len(gold & found),
            fp + len(found - gold),
            fn + len(gold - found),
        )
        inflected += sum(
            fold(s) != fold(glossary.by_id[i].ru).strip("«»") for i, _, s in gold
        )
        negatives += not gold
    assert inflected >= 200 and negatives >= 100
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    print(f"precision {precision:.3f} recall {recall:.3f} on {tp + fn} occurrences")
    assert precision >= 0.98 and recall >= 0.98
