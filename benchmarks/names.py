"""What the names-consistency warning adds to an editor page at newsroom scale.

    .venv/bin/python benchmarks/names.py [--docs 10000] [--segments 30] [--pages 200]

Fills a temporary SQLite store's name index (renderings and their counts) as approving `--docs` documents of `--segments`
sentences would (each sentence naming one or two of 2,925 people, Zipf-distributed, so a few
names are in thousands of approved sentences), then times, per editor page of 30 translated
sentences that name people too (one in ten rendered another way), the work the editor page
does for the check: the one lookup of the page's names and the comparison of each sentence.
Beside it, in the same run, the page's glossary QA (`gate.document_qa` without names), the
check the editor already ran. Prints p50/p95 in CPU milliseconds of this process (SQLite runs in
it: steadier than wall time on a shared machine), goal ≤ 5 ms added at p95.
"""

from __future__ import annotations

import argparse
import itertools
import random
import statistics
import tempfile
import time
from collections import Counter
from pathlib import Path

import iuliia

from translate_pub import config, names
from translate_pub.review import gate
from translate_pub.review.checks import load_glossaries
from translate_pub.store import Store
from translate_pub.store import schema as t
from translate_pub.store.db import insert_rows
from translate_pub.store.review import EditorRow

ZIPF = list(itertools.accumulate(1 / r for r in range(1, 2926)))


def people() -> list[str]:
    """2,925 distinct surnames of the shape of Russian ones."""
    stems = [
        "Гор",
        "Бел",
        "Сер",
        "Кра",
        "Мал",
        "Чер",
        "Зел",
        "Сух",
        "Тих",
        "Вол",
        "Лис",
        "Мед",
        "Гол",
        "Руд",
        "Сок",
    ]
    mids = [
        "ов",
        "ин",
        "ев",
        "ан",
        "он",
        "ул",
        "ик",
        "ар",
        "ен",
        "ям",
        "уш",
        "ох",
        "ят",
        "ес",
        "ор",
    ]
    ends = [
        "ов",
        "ин",
        "ев",
        "ский",
        "цкий",
        "ых",
        "ко",
        "енко",
        "ук",
        "ич",
        "ман",
        "ер",
        "ан",
    ]
    return [s + m + e for s, m, e in itertools.product(stems, mids, ends)]


def pick(rng: random.Random, names_: list[str]) -> str:
    return rng.choices(names_, cum_weights=ZIPF)[0]


def fill(
    store: Store, docs: int, segments: int, names_: list[str], rng: random.Random
) -> int:
    rows = []
    for seg in range(docs * segments):
        for person in {pick(rng, names_) for _ in range(rng.randint(1, 2))}:
            rows.append(
                (names.key(person), "en", iuliia.WIKIPEDIA.translate(person), seg + 1)
            )
    with store.begin() as conn:
        conn.exec_driver_sql(
            "PRAGMA foreign_keys=OFF"
        )  # the index alone: no segments behind it
        insert_rows(
            conn,
            t.name_renderings,
            ("name", "lang", "rendering", "segment_id"),
            sorted(set(rows)),
        )
        counts = Counter(
            (name, lang, rendering) for name, lang, rendering, _seg in set(rows)
        )
        insert_rows(
            conn,
            t.name_counts,
            ("name", "lang", "rendering", "n"),
            [(*k, n) for k, n in counts.items()],
        )
    return len(rows)


def page(rng: random.Random, names_: list[str], n: int) -> list[EditorRow]:
    out = []
    for k in range(n):
        person = pick(rng, names_)
        english = iuliia.WIKIPEDIA.translate(person)
        english = english[:-1] + "ff" if k % 10 == 0 else english  # Gorovov → Gorovoff
        out.append(
            EditorRow(
                segment_id=k + 1,
                position=k,
                paragraph=k,
                block="p",
                source=f"Суд арестовал {person} в марте.",
                markup={},
                translation_id=k + 1,
                text=f"The court remanded {english} in March.",
                mt_text="",
                version=1,
                origin="human",
                updated_by="",
                engine="",
            )
        )
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--segments", type=int, default=30)
    ap.add_argument("--pages", type=int, default=200)
    args = ap.parse_args()
    rng, names_ = random.Random(26), people()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(config.sqlite_url(Path(tmp)))
        store.migrate()
        rows = fill(store, args.docs, args.segments, names_, rng)
        glossaries = load_glossaries(config.PROJECT_DIR / "glossary", ("en",))
        added, base, warned = [], [], 0
        for _ in range(args.pages):
            rows_ = page(rng, names_, args.segments)
            started = time.process_time()
            gate.document_qa(glossaries, "en", rows_, {})
            base.append((time.process_time() - started) * 1000)
            started = time.process_time()
            with store.begin() as conn:
                known = gate.known_names(conn, [r.source for r in rows_], "en")
            warned += sum(
                len(names.inconsistencies(r.source, r.text, known)) for r in rows_
            )
            added.append((time.process_time() - started) * 1000)
        store.dispose()
    q = lambda xs: (statistics.median(xs), statistics.quantiles(xs, n=20)[-1])  # noqa: E731
    print(
        f"{args.docs:,} documents, {rows:,} name renderings indexed; {args.pages} pages of {args.segments} sentences"
    )
    print(
        f"names check: p50 {q(added)[0]:.1f} ms, p95 {q(added)[1]:.1f} ms added per page (goal ≤ 5 ms at p95); "
        f"{warned} warnings"
    )
    print(
        f"baseline, same pages: the page's glossary QA p50 {q(base)[0]:.1f} ms, p95 {q(base)[1]:.1f} ms"
    )


if __name__ == "__main__":
    main()
