"""Term matching speed, memory and accuracy; prints figures, asserts nothing.

    .venv/bin/python benchmarks/terms.py [--terms 5000] [--kb 280]

Text: the OVD-Info 2013 report and the FLORES-200 dev sentences (Russian),
repeated up to the requested size and annotated line by line, as segments are.
Glossary: the project's seed terms plus synthetic terms made of real lemma
sequences (adjective + noun, noun + noun-in-genitive) taken from the same text,
up to the requested count. Baseline: one regular expression alternating every
inflected form of every term, the usual approach without lemmas, in the same run.
Accuracy: precision and recall on the hand-reviewed set in tests/fixtures/terms/.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from translate_pub.terms.glossary import load_glossary  # noqa: E402
from translate_pub.terms.match import Matcher, matcher_for  # noqa: E402
from translate_pub.terms.morph import analyzer, paradigm, readings, tokenize  # noqa: E402

CORPUS = Path("/work/shared/corpus")
FIXTURES = ROOT / "tests" / "fixtures" / "terms"


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def corpus_lines(kb: int) -> list[str]:
    report = (CORPUS / "ovdinfo" / "2013-04-23-report-2013-1.md").read_text(encoding="utf-8")
    flores = (CORPUS / "flores-ru-en" / "flores-dev.ru").read_text(encoding="utf-8")
    base = [line for line in (report + "\n" + flores).splitlines() if line.strip()]
    lines: list[str] = []
    size = 0
    while size < kb * 1024:
        line = base[len(lines) % len(base)]
        lines.append(line)
        size += len(line.encode()) + 1
    return lines


def _lemma_runs(words: list, n: int) -> list[str]:
    """Real lemma sequences of length n ending in a noun, words joined by spaces only."""
    out = []
    for i in range(len(words) - n + 1):
        run = words[i:i + n]
        first = [readings(w.form) for w in run]
        if not all(first) or any(w.gap != "\x01" for w in run[1:]) or first[-1][0].pos != "NOUN":
            continue
        if all(r[0].pos in ("ADJ", "NOUN") for r in first):
            out.append(" ".join(r[0].lemma for r in first))
    return out


def synthetic_terms(lines: list[str], wanted: int) -> list[tuple[str, str]]:
    """(ru, en) pairs: real lemma bigrams, then trigrams, then single nouns of the text."""
    seen: set[str] = set()
    out: list[tuple[str, str]] = []
    for n in (2, 3, 1):
        for line in lines:
            for ru in _lemma_runs(tokenize(line), n):
                if len(out) >= wanted:
                    return out
                if ru not in seen and re.fullmatch(r"[а-я]+(?: [а-я]+)*", ru):
                    seen.add(ru)
                    out.append((ru, f"synthetic term {len(out)}"))
    return out


def write_glossary(path: Path, synthetic: list[tuple[str, str]]) -> None:
    seed = (ROOT / "glossary" / "terms.csv").read_text(encoding="utf-8")
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write(seed)
        writer = csv.writer(f, lineterminator="\n")
        for n, (ru, en) in enumerate(synthetic):
            writer.writerow([f"syn-{n}", ru, en] + [""] * (len(seed.splitlines()[0].split(",")) - 3))


def regex_baseline(glossary_terms: list, lines: list[str]) -> tuple[float, float, int]:
    """Compile one alternation of every inflected form of every term; time it on the text."""
    t0 = time.perf_counter()
    branches = []
    for term in glossary_terms:
        words = tokenize(term.ru)
        parts = []
        for w in words:
            lemma = readings(w.form)[0].lemma if readings(w.form) else w.form
            forms = sorted({f for f, _ in paradigm(w.form, lemma)}, key=len, reverse=True)
            parts.append("(?:" + "|".join(map(re.escape, forms)) + ")")
        branches.append(r"[\s«»\"-]+".join(parts))
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(branches) + r")(?!\w)", re.IGNORECASE)
    compile_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    hits = sum(1 for line in lines for _ in pattern.finditer(line))
    return compile_s, time.perf_counter() - t0, hits


def evaluate() -> tuple[float, float, int, int]:
    matcher = matcher_for(load_glossary(FIXTURES / "glossary.csv"))
    tp = fp = fn = 0
    negatives = 0
    for line in (FIXTURES / "labelled.jsonl").read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        gold = {(t["id"], t["start"]) for t in item["terms"]}
        found = {(m.term_id, m.start) for m in matcher.find(item["text"])}
        tp, fp, fn = tp + len(gold & found), fp + len(found - gold), fn + len(gold - found)
        negatives += not gold
    return tp / (tp + fp), tp / (tp + fn), tp + fn, negatives


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--terms", type=int, default=5000)
    ap.add_argument("--kb", type=int, default=280)
    args = ap.parse_args()

    t0 = time.perf_counter()
    analyzer()
    load_s = time.perf_counter() - t0
    lines = corpus_lines(args.kb)
    size_kb = sum(len(x.encode()) + 1 for x in lines) / 1024
    seed_count = len(load_glossary(ROOT / "glossary").terms)
    synthetic = synthetic_terms(lines, args.terms - seed_count)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "terms.csv"
        write_glossary(path, synthetic)
        glossary = load_glossary(path)
    readings.cache_clear()  # the synthetic terms were analysed above; start annotation cold
    paradigm.cache_clear()
    t0 = time.perf_counter()
    matcher = Matcher(glossary)
    build_s = time.perf_counter() - t0
    rss_ready = peak_mb()

    t0 = time.perf_counter()
    found = sum(len(matcher.find(line)) for line in lines)
    cold_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    sum(len(matcher.find(line)) for line in lines)
    warm_s = time.perf_counter() - t0
    rss_matched = peak_mb()

    compile_s, regex_s, regex_hits = regex_baseline(list(glossary.terms), lines)
    precision, recall, gold, negatives = evaluate()

    print(f"text: {size_kb:.0f} KB, {len(lines)} segments; glossary: {len(glossary.terms)} terms "
          f"({seed_count} seed + {len(synthetic)} synthetic)")
    print(f"start-up: pymorphy3 load {load_s:.2f} s, matcher build {build_s:.2f} s")
    print(f"annotate: {cold_s:.3f} s first pass (cold caches), {warm_s:.3f} s second pass; {found} matches")
    print(f"regex-alternation baseline: compile {compile_s:.2f} s, annotate {regex_s:.2f} s ({regex_hits} hits, "
          "unverified)")
    print(f"speed-up vs baseline: {regex_s / cold_s:.0f}x (first pass), {regex_s / warm_s:.0f}x (second pass)")
    print(f"peak RSS: {rss_ready:.0f} MB after start-up, {rss_matched:.0f} MB after annotation, "
          f"{peak_mb():.0f} MB after the baseline")
    print(f"labelled set: {gold} occurrences, {negatives} look-alike-only sentences; "
          f"precision {precision:.3f}, recall {recall:.3f}")


if __name__ == "__main__":
    main()
