"""Glossary candidates over a store of 1,000 documents: what `translate-pub glossary candidates` costs.

    .venv/bin/python benchmarks/candidates.py [--docs 1000] [--sentences 20] [--corpus DIR]

Builds a store of `--docs` documents of `--sentences` sentences each, drawn from the FLORES-200
dev sentences (tests/fixtures/terms/flores-dev.ru; two joined per segment so that every one
differs: news sentences full of names), then runs the command a user runs, as a process, and
prints its wall and CPU time against the goal (60 s). Beside it, in the same run, `translate-pub
status` on the same store (start-up and the store alone). With `--corpus DIR` (Markdown files,
e.g. the shared OVD-Info pages) it ingests that folder instead and prints the top 30 candidates.
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from translate_pub import config
from translate_pub.model import Document, Segment
from translate_pub.store import Store
from translate_pub.store.workflow import save_document

ROOT = Path(__file__).resolve().parent.parent
CLI = ROOT / ".venv" / "bin" / "translate-pub"
FLORES = ROOT / "tests" / "fixtures" / "terms" / "flores-dev.ru"


def fill(store: Store, docs: int, sentences: int) -> None:
    lines, rng = FLORES.read_text(encoding="utf-8").splitlines(), random.Random(26)
    with store.begin() as conn:
        for d in range(docs):
            segs = tuple(
                Segment(i, i, 0, f"{rng.choice(lines)} {rng.choice(lines)}")
                for i in range(sentences)
            )
            save_document(
                conn,
                Document(
                    source_lang="ru",
                    outlet="bench",
                    title=f"Документ {d}",
                    url=f"https://example.org/{d}",
                    canonical_url=f"https://example.org/{d}",
                    content_hash=f"h{d}",
                    segments=segs,
                ),
                ("en",),
            )


def run(args: list[str], home: Path) -> tuple[float, float, str]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [str(CLI), "--home", str(home), *args],
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode:
        sys.exit(f"{' '.join(args)} failed: {done.stderr.strip()}")
    return (
        wall,
        after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime,
        done.stdout,
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--sentences", type=int, default=20)
    ap.add_argument("--corpus", type=Path)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        store = Store(config.sqlite_url(home))
        store.migrate()
        if args.corpus:
            from translate_pub.ingest.files import expand, read_file

            paths = [
                p for p in expand(args.corpus)[0] if not p.stem.endswith("-en")
            ]  # the Russian originals
            with store.begin() as conn:
                for path in paths:
                    save_document(conn, read_file(path), ("en",))
        else:
            fill(store, args.docs, args.sentences)
        store.dispose()
        base, base_cpu, _ = run(["status"], home)
        wall, cpu, out = run(
            [
                "glossary",
                "candidates",
                "--min",
                "1" if args.corpus else "2",
                "--limit",
                "30",
            ],
            home,
        )
    if args.corpus:
        print(out)
    size = (
        f"{len(paths)} files of {args.corpus}"
        if args.corpus
        else f"{args.docs:,} documents × {args.sentences}"
    )
    print(
        f"{size}: glossary candidates {wall:.1f} s wall, {cpu:.1f} s CPU (goal 60 s); "
        f"{out.strip().splitlines()[-1]}"
    )
    print(
        f"baseline, same run: translate-pub status {base:.1f} s wall, {base_cpu:.1f} s CPU"
    )


if __name__ == "__main__":
    main()
