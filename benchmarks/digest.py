"""A 20-quote digest published incrementally, beside a full build of the same site, in one run.

    .venv/bin/python benchmarks/digest.py [N=2000] [--runs 3]

Loads N approved FLORES articles as benchmarks/publish.py does, writes a digest quoting
two sentences of each of 20 of them (a Markdown file with shortcodes, ingested as editors'
files are), gives its connecting text an English version and approves it. Then times, with
`publish_site` (the publish stage; the Prefect flow around it adds its own start-up):

    full build            the whole site from nothing (the baseline)
    digest approved       incremental: the digest is new (its pages, its series, the 20
                          quoted articles' "Quoted in", listings and feeds)
    digest re-approved    incremental: a sentence of its connecting text edited and approved again
    article re-approved   incremental, for comparison: one quoted article's translation edited
                          (benchmarks/publish.py's "one article changed")

Prints one line per build: median wall seconds, CPU seconds, files written.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

from sqlalchemy import select

sys.path.insert(
    0, str(Path(__file__).resolve().parent.parent)
)  # tests.steps: approval as reviewers make it

from tests import steps  # noqa: E402
from translate_pub import config  # noqa: E402
from translate_pub.ingest.digest_files import ingest_digests  # noqa: E402
from translate_pub.model import Origin, Role, User  # noqa: E402
from translate_pub.publish.site import publish_site  # noqa: E402
from translate_pub.store import (  # noqa: E402
    Store,
    schema,
    workflow,  # noqa: E402
)
from translate_pub.store.documents import current_segments  # noqa: E402
from translate_pub.store.translations import edit_translation, save_machine  # noqa: E402

WORK = Path(os.environ.get("WORK", "/tmp/tp-digest-bench"))
QUOTES = 20
TARGET = 0.6  # seconds: publishing a newly approved 20-quote digest into a 1,000-article site


def _publish_bench():  # type: ignore[no-untyped-def]
    """benchmarks/publish.py, for its FLORES store loader (run as a script, it is not a package)."""
    spec = importlib.util.spec_from_file_location(
        "publish_bench", Path(__file__).with_name("publish.py")
    )
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def write_digest(store: Store, folder: Path) -> Path:
    """A digest quoting sentences 2-3 (the first two after the title) of the first QUOTES articles, with a
    sentence of text before each."""
    with store.begin() as conn:
        slugs = list(
            conn.execute(
                select(schema.documents.c.slug)
                .order_by(schema.documents.c.id)
                .limit(QUOTES)
            ).scalars()
        )
    parts = [
        f'Обзор недели, часть {i + 1}.\n\n{{{{< quote doc="{slug}" segments="2-3" >}}}}\n'
        for i, slug in enumerate(slugs)
    ]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "weekly.md"
    path.write_text(
        "---\ntitle: Обзор недели\nauthor: Rights in Russia\ndate: 2031-01-01\n"
        "series: Rights Group of the Week\n---\n" + "\n".join(parts)
    )
    return path


def approve_digest(store: Store, digest_id: int) -> None:
    with store.begin() as conn:
        for seg in current_segments(conn, digest_id):
            if seg.block != "quote":
                save_machine(
                    conn,
                    seg.id,
                    "en",
                    f"Weekly digest {seg.position}.",
                    origin=Origin.MACHINE,
                    engine="bench",
                    glossary_version="bench",
                )
        steps.approve(conn, digest_id, "en", "bench")


def reapprove(store: Store, digest_id: int) -> None:
    """Reopen, edit one connecting sentence, approve again."""
    with store.begin() as conn:
        seg = next(
            s
            for s in current_segments(conn, digest_id)
            if s.block != "quote" and s.position > 0
        )
        tr = conn.execute(
            select(schema.translations).where(
                schema.translations.c.segment_id == seg.id
            )
        ).one()
        edit_translation(
            conn,
            tr.id,
            tr.text + " Edited.",
            user="editor",
            expected_version=tr.version,
        )
        steps.approve(conn, digest_id, "en", "editor")  # reopens, then approves again


def timed(runs: int, prep, run, cpu) -> tuple[float, float, str]:  # type: ignore[no-untyped-def]
    walls, cpus, summary = [], [], ""
    for _ in range(runs):
        prep()
        t0, c0 = time.perf_counter(), cpu()
        summary = run()
        walls.append(time.perf_counter() - t0)
        cpus.append(cpu() - c0)
    return statistics.median(walls), statistics.median(cpus), summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    bench = _publish_bench()
    shutil.rmtree(WORK, ignore_errors=True)
    settings = replace(config.load(WORK / "home"), site_url="https://example.org/")
    store = Store(settings.db_url)
    store.migrate()
    t0 = time.perf_counter()
    bench.load_store(store, args.n)
    print(
        f"(store loaded with {args.n} approved articles in {time.perf_counter() - t0:.0f} s)",
        flush=True,
    )
    done, errors = ingest_digests(
        store, write_digest(store, WORK / "digests"), settings
    )
    assert not errors, errors
    digest_id = int(done[0].split("digest ")[1].split()[0])
    out = WORK / "site"

    def fresh() -> None:
        shutil.rmtree(WORK / ".site.builds", ignore_errors=True)
        out.unlink(missing_ok=True)

    def publish() -> str:
        return publish_site(store, settings, out, parallel=False).summary()

    def undo_approval() -> None:
        """Back to the site without the digest: drop its editions, rebuild, approve it again."""
        with store.begin() as conn:
            conn.execute(
                schema.editions.delete().where(
                    schema.editions.c.document_id == digest_id
                )
            )
            workflow.act(
                conn,
                digest_id,
                "en",
                "reopen",
                user=User("editor", Role.REVIEWER),
                expected_version=workflow.current_version(conn, digest_id, "en"),
            )
        publish()
        approve_digest(store, digest_id)

    print(
        f"{'build (median of --runs)':<34} {'wall':>8} {'cpu':>9}   files", flush=True
    )
    for name, prep in (
        ("full build (baseline)", fresh),
        (f"{QUOTES}-quote digest approved", undo_approval),
        ("digest re-approved (one edit)", lambda: reapprove(store, digest_id)),
        ("article re-approved (comparison)", lambda: bench.change_one(store)),
    ):
        if name.startswith("full"):
            approve_digest(store, digest_id)
        wall, cpu, summary = timed(args.runs, prep, publish, bench._cpu)
        print(
            f"{name:<34} {wall:6.2f} s {cpu:7.2f} s  {', '.join(p.strip() for p in summary.split(':')[1].split(',', 3)[:3])}",
            flush=True,
        )
        if name.endswith("digest approved"):
            print(
                f"{'  target (issue 24), earlier figure':<34} {TARGET:6.2f} s   (0.51 s at 1,000 articles, 2026-11-29)",
                flush=True,
            )
    store.dispose()


if __name__ == "__main__":
    main()
