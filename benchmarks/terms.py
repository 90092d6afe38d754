"""Term matching speed end to end, compile time, memory and accuracy; prints figures, asserts nothing.

    .venv/bin/python benchmarks/terms.py [--terms 5000] [--kb 280] [--big 50000] [--runs 3]

Text: the OVD-Info 2013 report and the FLORES-200 dev sentences (Russian),
repeated up to the requested size, one segment per line. Glossary: the project's
seed terms plus synthetic terms made of real lemma sequences (adjective + noun,
noun + noun-in-genitive) taken from the same text, up to the requested count.

End to end (medians over whole processes: wall seconds, what a user waits for, and CPU
seconds, steadier on a shared machine):
- baseline: a Python process that reads the same glossary CSV and text and runs
  one regular expression alternating the glossary's exact forms (`--regex-baseline`;
  it runs before this project's package is imported, so it pays none of its start-up);
- first ever: `translate-pub glossary match` with an empty home and an empty shared cache
  (compiles, writes both);
- on a new home: an empty home, the shared cache holding what another home compiled;
- warm: the same command again (reads the home's cache, the tagger's answers included);
- warm with no tag kept: the same, the tagger's kept answers removed first, as for a text
  the home has not seen.
Every process runs with its modules' bytecode already compiled (as a pip install leaves
it): the commands get their own PYTHONPYCACHEPREFIX, filled by an untimed warm-up match on
another home (a shell with PYTHONDONTWRITEBYTECODE would otherwise compile the package's
source in every run). The machine's load (`uptime`) is printed before and after.
Compile: the tables of the --terms glossary and of a --big glossary (synthetic
adjective + noun lemma pairs of the same text), in this process.
Accuracy: precision and recall on the hand-reviewed set in tests/fixtures/terms/.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def regex_baseline(csv_path: str, text_path: str) -> None:
    """The baseline process: one alternation of the glossary's exact forms, JSON lines like `glossary match`."""
    with open(csv_path, encoding="utf-8", newline="") as f:
        forms = sorted({row["ru"] for row in csv.DictReader(f)}, key=len, reverse=True)
    pattern = re.compile(
        r"(?<!\w)(?:" + "|".join(map(re.escape, forms)) + r")(?!\w)", re.IGNORECASE
    )
    out = sys.stdout
    for n, line in enumerate(
        Path(text_path).read_text(encoding="utf-8").splitlines(), start=1
    ):
        found = [
            {"start": m.start(), "end": m.end(), "surface": m.group()}
            for m in pattern.finditer(line)
        ]
        out.write(json.dumps({"line": n, "matches": found}, ensure_ascii=False) + "\n")


if __name__ == "__main__" and sys.argv[1:2] == [
    "--regex-baseline"
]:  # before our package loads: not its cost
    regex_baseline(sys.argv[2], sys.argv[3])
    sys.exit()

sys.path.insert(0, str(ROOT / "src"))

from translate_pub.terms.compile import compile_glossary  # noqa: E402
from translate_pub.terms.glossary import load_glossary  # noqa: E402
from translate_pub.terms.match import Matcher, matcher_for  # noqa: E402
from translate_pub.terms.morph import paradigm, readings, tokenize  # noqa: E402

CORPUS = Path("/work/shared/corpus")
FIXTURES = ROOT / "tests" / "fixtures" / "terms"


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def corpus_lines(kb: int) -> list[str]:
    report = (CORPUS / "ovdinfo" / "2013-04-23-report-2013-1.md").read_text(
        encoding="utf-8"
    )
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
        run = words[i : i + n]
        first = [readings(w.form) for w in run]
        if (
            not all(first)
            or any(w.gap != "\x01" for w in run[1:])
            or first[-1][0].pos != "NOUN"
        ):
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
            writer.writerow(
                [f"syn-{n}", ru, en] + [""] * (len(seed.splitlines()[0].split(",")) - 3)
            )


def timed(cmd: list[str], runs: int) -> tuple[float, float]:
    """Median wall seconds and median CPU seconds (user + system) of `cmd` as a whole process, output discarded."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        walls.append(time.perf_counter() - t0)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def big_glossary(lines: list[str], wanted: int, path: Path) -> None:
    """`wanted` synthetic terms: adjective + noun lemma pairs of the text (real lemmas, made-up phrases)."""
    adjectives, nouns = set(), set()
    for line in lines[:400]:
        for w in tokenize(line):
            r = readings(w.form)
            if r and r[0].known and re.fullmatch(r"[а-я]{3,}", r[0].lemma):
                (
                    adjectives
                    if r[0].pos == "ADJ"
                    else nouns
                    if r[0].pos == "NOUN"
                    else set()
                ).add(r[0].lemma)
    pairs = [
        (f"{a} {n}", f"synthetic term {i}")
        for i, (a, n) in enumerate(
            (a, n) for a in sorted(adjectives) for n in sorted(nouns)
        )
    ][:wanted]
    write_glossary(path, pairs)


def evaluate() -> tuple[float, float, int, int]:
    matcher = matcher_for(load_glossary(FIXTURES / "glossary.csv"))
    tp = fp = fn = 0
    negatives = 0
    for line in (FIXTURES / "labelled.jsonl").read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        gold = {(t["id"], t["start"]) for t in item["terms"]}
        found = {(m.term_id, m.start) for m in matcher.find(item["text"])}
        tp, fp, fn = (
            tp + len(gold & found),
            fp + len(found - gold),
            fn + len(gold - found),
        )
        negatives += not gold
    return tp / (tp + fp), tp / (tp + fn), tp + fn, negatives


def compiled_bytecode(tp: str, tmp: Path) -> None:
    """Give the commands compiled bytecode of every module they import, as an installed
    package has: their own cache of it, filled by one untimed match that also asks the
    context tagger (so slovnet and numpy are imported too), on a home of its own."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(tmp / "bytecode")
    warm = tmp / "warm-up"
    warm.mkdir()
    (warm / "terms.csv").write_text(
        "id,ru,en,en_forbidden,note\ncourt,суд,court,,\n", encoding="utf-8"
    )
    (warm / "text.txt").write_text("В порту стояли десятки судов.\n", encoding="utf-8")
    env = {**os.environ, "XDG_CACHE_HOME": str(warm / "cache")}
    args = ["--glossary", str(warm / "terms.csv"), "--json", str(warm / "text.txt")]
    subprocess.run(
        [tp, "--home", str(warm / "home"), "glossary", "match", *args],
        check=True,
        stdout=subprocess.DEVNULL,
        env=env,
    )


def load() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def end_to_end(
    glossary_csv: Path, text: Path, tmp: Path, runs: int
) -> dict[str, tuple[float, float]]:
    """(wall, cpu) medians: the regex baseline, then `glossary match` on a new home the first time
    this glossary is ever used (nothing cached anywhere: it compiles), on a new home after another
    home compiled it (the shared cache), and warm (the same home again)."""
    python, tp = sys.executable, str(Path(sys.executable).parent / "translate-pub")
    home, shared = tmp / "home", tmp / "shared-cache"
    os.environ["XDG_CACHE_HOME"] = str(
        shared
    )  # this run's own shared cache, not the user's
    compiled_bytecode(tp, tmp)
    match = [
        tp,
        "--home",
        str(home),
        "glossary",
        "match",
        "--glossary",
        str(glossary_csv),
        "--json",
        str(text),
    ]
    regex = timed(
        [python, __file__, "--regex-baseline", str(glossary_csv), str(text)], runs
    )
    first, new_home = [], []
    for _ in range(max(1, runs // 2)):
        subprocess.run(["rm", "-rf", str(home), str(shared)], check=True)
        first.append(timed(match, 1))
        subprocess.run(["rm", "-rf", str(home)], check=True)
        new_home.append(timed(match, 1))
    warm = timed(match, runs)
    untagged = []  # warm, but no window of the text tagged before (as for a new text)
    for _ in range(runs):
        for log in home.glob("**/tags-*.log"):
            log.unlink()
        untagged.append(timed(match, 1))
    medians = {
        name: tuple(statistics.median(t[n] for t in got) for n in (0, 1))
        for name, got in (("first", first), ("cold", new_home), ("untagged", untagged))
    }
    return {
        "regex": regex,
        "first": medians["first"],
        "cold": medians["cold"],
        "warm": warm,
        "untagged": medians["untagged"],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--terms", type=int, default=5000)
    ap.add_argument("--kb", type=int, default=280)
    ap.add_argument("--big", type=int, default=50_000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()

    lines = corpus_lines(args.kb)
    size_kb = sum(len(x.encode()) + 1 for x in lines) / 1024
    seed_count = len(load_glossary(ROOT / "glossary").terms)
    synthetic = synthetic_terms(lines, args.terms - seed_count)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        glossary_csv, text = tmp / "terms.csv", tmp / "text.txt"
        write_glossary(glossary_csv, synthetic)
        text.write_text("\n".join(lines) + "\n", encoding="utf-8")
        glossary = load_glossary(glossary_csv)
        print(
            f"text: {size_kb:.0f} KB, {len(lines)} segments; glossary: {len(glossary.terms)} terms "
            f"({seed_count} seed + {len(synthetic)} synthetic)"
        )
        print(f"load before: {load()}")
        runs = end_to_end(glossary_csv, text, tmp, args.runs)
        print(f"load after: {load()}")
        for n, what in enumerate(("wall", "cpu")):
            regex, first, cold, warm, untagged = (
                runs[k][n] for k in ("regex", "first", "cold", "warm", "untagged")
            )
            print(
                f"end to end, {what} (median of {args.runs}): regex baseline {regex:.2f} s; glossary match "
                f"first ever {first:.2f} s ({regex / first:.2f}x the baseline's speed), on a new home "
                f"{cold:.2f} s ({regex / cold:.2f}x), warm {warm:.2f} s ({regex / warm:.1f}x); "
                f"warm with no tag kept (a new text) {untagged:.2f} s ({regex / untagged:.1f}x)"
            )
        big_csv = tmp / "big.csv"
        big_glossary(lines, args.big, big_csv)
        big = load_glossary(big_csv)
    readings.cache_clear()
    paradigm.cache_clear()
    t0 = time.perf_counter()
    tables = compile_glossary(glossary)
    build_s = time.perf_counter() - t0
    readings.cache_clear()
    paradigm.cache_clear()
    t0 = time.perf_counter()
    compile_glossary(big)
    big_s = time.perf_counter() - t0
    matcher = Matcher(glossary, tables)
    t0 = time.perf_counter()
    found = sum(len(matcher.find(line)) for line in lines)
    annotate_s = time.perf_counter() - t0
    precision, recall, gold, negatives = evaluate()
    print(
        f"compile: {len(glossary.terms)} terms {build_s:.1f} s; {len(big.terms)} terms {big_s:.1f} s"
    )
    print(
        f"in process after start-up: {annotate_s:.2f} s for {found} matches; peak RSS {peak_mb():.0f} MB"
    )
    print(
        f"labelled set: {gold} occurrences, {negatives} look-alike-only sentences; "
        f"precision {precision:.3f}, recall {recall:.3f}"
    )


if __name__ == "__main__":
    main()
