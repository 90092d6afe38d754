"""Translation-memory lookups over a memory of varied sentences: what one editor page adds.

    .venv/bin/python benchmarks/memory.py [--docs 1000] [--segments 30] [--pages 100]

`benchmarks/review.py` times the whole editor at 10,000 documents, but its sentences all
follow one template, so its fuzzy lookups find few candidates. Here every approved document
(30 sentences each) is drawn from a Zipf-like vocabulary of 5,000 words, and each editor page
holds 30 sentences that are edited copies of memory sentences (a few words changed), so every
segment has fuzzy candidates to score. Times, on a temporary SQLite store, the exact lookup
the editor already made (the baseline), the fuzzy candidates, their scoring, and a concordance
search, per page of 30 segments, in CPU milliseconds of this process (SQLite runs in it: steadier
than wall time on a shared machine); prints p50/p95 and how many segments found a match.
"""

from __future__ import annotations

import argparse
import itertools
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from rapidfuzz import fuzz, process
from sqlalchemy import Connection, insert

from translate_pub import config
from translate_pub.model import Origin, Status
from translate_pub.review.suggestions import THRESHOLD, fuzzy
from translate_pub.store import Store, memory
from translate_pub.store import schema as t
from translate_pub.store.translations import memory_lookups

SYLLABLES = ["ка", "ро", "ми", "ст", "на", "во", "ле", "пр", "ту", "зо", "де", "гу"]
SAMPLE = 10  # pages checked against brute force (a second per page)
ZIPF = list(itertools.accumulate(1 / r for r in range(1, 5001)))


def vocabulary(rng: random.Random) -> list[str]:
    return [
        "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 5))) for _ in ZIPF
    ]


def sentence(rng: random.Random, vocab: list[str]) -> str:
    # Zipf's law: the r-th word is used in proportion to 1/r, so a few ("в", "суд") are everywhere.
    return " ".join(rng.choices(vocab, cum_weights=ZIPF, k=rng.randint(8, 20)))


def edited(rng: random.Random, vocab: list[str], text: str) -> str:
    words = text.split()
    for _ in range(rng.randint(1, 3)):
        words[rng.randrange(len(words))] = rng.choice(vocab)
    return " ".join(words)


def populate(
    store: Store, docs: int, per_doc: int, rng: random.Random, vocab: list[str]
) -> list[str]:
    """Approved documents with human translations, indexed as approval indexes them; returns their sources."""
    stamp, sources, seg_id = datetime(2024, 1, 1, tzinfo=UTC), [], 0
    with store.begin() as conn:
        conn.execute(
            insert(t.documents),
            [
                dict(
                    id=d,
                    source_lang="ru",
                    outlet="ovd-info",
                    title=f"Документ {d}",
                    url=f"https://ovd.info/{d}",
                    canonical_url=f"https://ovd.info/{d}",
                    slug=f"doc-{d}",
                    content_hash=f"{d:064x}",
                    revision=1,
                    fetched_at=stamp,
                    tags=[],
                )
                for d in range(1, docs + 2)
            ],
        )
        conn.execute(
            insert(t.doc_status),
            [
                dict(
                    document_id=d,
                    lang="en",
                    status=int(Status.APPROVED),
                    version=1,
                    updated_at=stamp,
                )
                for d in range(1, docs + 1)
            ],
        )
        segs, trs = [], []
        for d in range(1, docs + 1):
            for p in range(per_doc):
                seg_id += 1
                source = sentence(rng, vocab)
                sources.append(source)
                segs.append(
                    dict(
                        id=seg_id,
                        document_id=d,
                        revision=1,
                        position=p,
                        paragraph=p,
                        sentence=0,
                        block="p",
                        source=source,
                        markup={},
                    )
                )
                trs.append(
                    dict(
                        segment_id=seg_id,
                        lang="en",
                        text=f"translation {seg_id}",
                        origin=Origin.HUMAN.value,
                        engine="",
                        glossary_version="",
                        mt_text="",
                        version=2,
                        updated_at=stamp,
                        updated_by="bench",
                    )
                )
        conn.execute(insert(t.segments), segs)
        conn.execute(insert(t.translations), trs)
        for first in range(1, docs + 1, 500):
            memory.index(conn, range(first, min(first + 500, docs + 1)), "en")
    return sources


def one_page(
    conn: Connection, page: list[str], phrase: str, doc: int
) -> tuple[list[float], int]:
    """CPU milliseconds of each lookup the editor makes for one page, and the segments with a fuzzy match."""
    ms = [time.process_time()]
    same = memory_lookups(conn, page, "en", doc)
    ms.append(time.process_time())
    near = memory.similar(conn, page, "en", doc)
    ms.append(time.process_time())
    matches = [fuzzy(s, near.get(s, []), same.get(s)) for s in page]
    ms.append(time.process_time())
    memory.concordance(conn, phrase, "en")
    ms.append(time.process_time())
    return [(b - a) * 1000 for a, b in itertools.pairwise(ms)], sum(
        1 for m in matches if m
    )


def brute_force(sources: list[str], texts: list[str]) -> int:
    """Segments with a match ≥ 75% anywhere in the memory: what the prefilter should find."""
    scores = process.cdist(
        texts, sources, scorer=fuzz.ratio, score_cutoff=THRESHOLD, workers=-1
    )
    return int((scores >= THRESHOLD).any(axis=1).sum())


def report(name: str, ms: list[float]) -> None:
    p95 = statistics.quantiles(ms, n=20)[18]
    print(
        f"{name:<22} p50={statistics.median(ms):6.1f} ms  p95={p95:6.1f} ms  max={max(ms):6.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--segments", type=int, default=30)
    parser.add_argument("--pages", type=int, default=100)
    args = parser.parse_args()
    rng = random.Random(3)
    vocab = vocabulary(rng)
    with tempfile.TemporaryDirectory(prefix="tp-bench-memory-") as tmp:
        store = Store(config.load(Path(tmp)).db_url)
        store.migrate()
        sources = populate(store, args.docs, args.segments, rng, vocab)
        print(f"memory: {len(sources)} approved sentences in {args.docs} documents")
        times, found = [], []
        with store.begin() as conn:
            for _ in range(args.pages):
                page = [
                    edited(rng, vocab, rng.choice(sources))
                    for _ in range(args.segments)
                ]
                phrase = " ".join(rng.choice(sources).split()[:2])
                ms, n = one_page(conn, page, phrase, args.docs + 1)
                times.append(ms)
                found.append((page, n))
        sample = found[:SAMPLE]
        print(
            f"segments with a fuzzy match ≥ 75%: {sum(n for _, n in found)} of {args.pages * args.segments}; "
            f"in the first {len(sample)} pages {sum(n for _, n in sample)}, where brute force over the whole "
            f"memory finds {brute_force(sources, [s for page, _ in sample for s in page])}"
        )
        for name, column in zip(
            ("exact (baseline)", "fuzzy candidates", "fuzzy scoring", "concordance"),
            zip(*times, strict=True),
            strict=True,
        ):
            report(name, list(column))
        store.dispose()


if __name__ == "__main__":
    main()
