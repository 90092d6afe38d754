"""How often glossary compliance flags professional translations, per term and kind.

    .venv/bin/python benchmarks/terms_flags.py [--flores] [--out FLAGS.jsonl]

Pairs: the OVD-Info pages aligned by `align_ovdinfo.py` (tests/fixtures/terms/), and
with --flores the FLORES-200 dev set's human reference translations (line-aligned,
from /work/shared/corpus). Glossary: this checkout's glossary/. Every flag is one
(term, missing | forbidden) in one pair; a flag on a match the context could not
settle, or a preferred term missing (general vocabulary), is counted apart as a warning. --out writes the flags for labelling by hand;
tests/fixtures/terms/ovdinfo-flags.jsonl holds the labelled OVD-Info flags.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from translate_pub.terms.check import check  # noqa: E402
from translate_pub.terms.glossary import load_glossary  # noqa: E402
from translate_pub.terms.match import matcher_for  # noqa: E402

ALIGNED = ROOT / "tests" / "fixtures" / "terms" / "ovdinfo-aligned.jsonl"
FLORES = Path("/work/shared/corpus/flores-ru-en")


def pairs(flores: bool) -> list[tuple[str, str, str]]:
    rows = [
        json.loads(line) for line in ALIGNED.read_text(encoding="utf-8").splitlines()
    ]
    out = [(r["source"], r["ru"], r["en"]) for r in rows]
    if flores:
        ru = (FLORES / "flores-dev.ru").read_text(encoding="utf-8").splitlines()
        en = (FLORES / "flores-dev.en").read_text(encoding="utf-8").splitlines()
        out += [
            (f"flores-dev.ru:{n}", r, e)
            for n, (r, e) in enumerate(zip(ru, en, strict=True), start=1)
        ]
    return out


def flags(items: list[tuple[str, str, str]]) -> tuple[list[dict[str, object]], int]:
    glossary = load_glossary(ROOT / "glossary")
    matcher = matcher_for(glossary)
    out, occurrences = [], 0
    for source, ru, en in items:
        matches = matcher.find(ru)
        occurrences += len(matches)
        result = check(matches, en, glossary)
        lenient = {
            "missing": {*result.possible, *result.preferred},
            "forbidden": set(result.possible),
        }
        for kind in ("missing", "forbidden"):
            out += [
                {
                    "source": source,
                    "term": tid,
                    "kind": kind,
                    "warning": tid in lenient[kind],
                    "ru": ru,
                    "en": en,
                }
                for tid in getattr(result, kind)
            ]
    return out, occurrences


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--flores", action="store_true", help="add the FLORES-200 dev references"
    )
    ap.add_argument("--out", type=Path, help="write the flags as JSON lines")
    args = ap.parse_args()
    items = pairs(args.flores)
    found, occurrences = flags(items)
    blocking = [f for f in found if not f["warning"]]
    print(
        f"{len(items)} pairs, {occurrences} term occurrences; {len(blocking)} blocking flags, "
        f"{len(found) - len(blocking)} warnings"
    )
    for (term, kind), n in Counter(
        (f["term"], f["kind"]) for f in blocking
    ).most_common():
        print(f"  {n:3d}  {kind:9s} {term}")
    if args.out:
        args.out.write_text(
            "".join(json.dumps(f, ensure_ascii=False) + "\n" for f in found),
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
