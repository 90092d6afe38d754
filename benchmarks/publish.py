"""Full and incremental site builds: translate-pub against Hugo and Pelican (i18n_subsites), same content.

    .venv/bin/python benchmarks/publish.py [N=5000] [--runs 1] [--no-hugo] [--no-pelican]

Generates N bilingual articles with benchmarks/publish/gen_content.py (FLORES-200 dev, the
Russian line i translating the English line i), builds them with Debian's hugo and with
Pelican + i18n_subsites (installed into a throwaway venv under /tmp, as the shared run.sh
does), and loads the same articles into a temporary SQLite store as approved editions:
one Russian segment per FLORES line, its English line as the approved translation. Then
times our full build (no parallel-text pages, so each tool writes one page per article and
language, plus indexes) and an incremental rebuild after one article's translation changed.
Prints one line per build: seconds (median of --runs), .html files, files written.
Then search: our index of the article pages (built after the site switches) beside Pagefind's
whole-site run over the same build (its default, the anchor), in the same session: seconds,
size of the index on disk, and the first result's time in chromium (page load to the first
result shown, a query typed into the search page), each bundle served by the same local server.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

sys.path.insert(
    0, str(Path(__file__).resolve().parent.parent)
)  # tests.steps: approval as reviewers make it

from tests import steps  # noqa: E402
from translate_pub import config  # noqa: E402
from translate_pub.model import Document, Origin, Segment  # noqa: E402
from translate_pub.publish import search  # noqa: E402
from translate_pub.publish.site import publish_site  # noqa: E402
from translate_pub.store import Store  # noqa: E402
from translate_pub.store.documents import current_segments  # noqa: E402
from translate_pub.store.translations import (  # noqa: E402
    MachineDraft,
    edit_translation,
    save_machines,
)
from translate_pub.store.workflow import save_document  # noqa: E402

HERE = Path(__file__).resolve().parent / "publish"
WORK = Path(os.environ.get("WORK", "/tmp/tp-publish-bench"))
VENV = Path(os.environ.get("VENV", "/tmp/publish-bench-venv"))
FLORES = os.environ.get("FLORES_DIR", "/work/shared/corpus/flores-ru-en")


def _generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "gen_content", HERE / "gen_content.py"
    )
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    os.environ["FLORES_DIR"] = FLORES
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def article_lines(gen, i: int, en: list[str], ru: list[str]) -> list[int]:  # type: ignore[no-untyped-def]
    """The corpus line numbers gen_content.article(i) uses, in order (same loop, kept as lines)."""
    idx, wen, wru, start = [], 0, 0, (i * 31) % len(en)
    while (wen + wru) / 2 < gen.TARGET_WORDS:
        j = (start + len(idx)) % len(en)
        idx.append(j)
        wen, wru = wen + len(en[j].split()), wru + len(ru[j].split())
    return idx


def load_store(store: Store, n: int, start: int = 0) -> None:
    """Articles `start` … `n` - 1, each saved, drafted and approved in a transaction of its own."""
    gen = _generator()
    en, ru = gen.load("en"), gen.load("ru")
    for i in range(start, n):
        idx = article_lines(gen, i, en, ru)
        title_ru, title_en = gen.title_of(ru[idx[0]]), gen.title_of(en[idx[0]])
        segs = [Segment(0, 0, 0, title_ru, "title")]
        segs += [
            Segment(k + 1, 1 + k // gen.PARA_LINES, k % gen.PARA_LINES, ru[j])
            for k, j in enumerate(idx)
        ]
        when = gen.BASE_DATE + timedelta(hours=3 * i)
        doc = Document(
            "ru",
            gen.OUTLETS[i % len(gen.OUTLETS)],
            title_ru,
            f"https://example.org/src/{i}",
            f"https://example.org/src/{i}",
            hashlib.sha256(str(i).encode()).hexdigest(),
            tuple(segs),
            published_at=when,
            fetched_at=when,
            tags=(gen.OUTLETS[i % len(gen.OUTLETS)],),
        )
        with store.begin() as conn:
            doc_id = save_document(conn, doc, ("en",)).document_id
            # one batch per document, as the translate flow saves its drafts
            save_machines(
                conn,
                "en",
                [
                    MachineDraft(seg.id, text, Origin.MACHINE, "recorded", "bench")
                    for seg, text in zip(
                        current_segments(conn, doc_id),
                        [title_en, *(en[j] for j in idx)],
                        strict=True,
                    )
                ],
            )
            steps.approve(conn, doc_id, "en", "bench")


def change_one(store: Store) -> None:
    """A reviewer edits the first sentence of article 1's translation and approves it again."""
    with store.begin() as conn:
        seg = current_segments(conn, 1)[1]
        from sqlalchemy import select

        from translate_pub.store import schema

        tr = conn.execute(
            select(schema.translations).where(
                schema.translations.c.segment_id == seg.id
            )
        ).one()
        edit_translation(
            conn,
            tr.id,
            tr.text + " (edited)",
            user="editor",
            expected_version=tr.version,
        )
        steps.approve(conn, 1, "en", "editor")


def _cpu() -> float:
    """CPU seconds used so far by this process (all threads) and its finished children."""
    me, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def timed(runs: int, prep, run) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    """Median wall seconds of `run` over `runs`; the last run's result; CPU seconds go to CPU[-1]."""
    times, cpus, result = [], [], None
    for _ in range(runs):
        prep()
        t0, c0 = time.perf_counter(), _cpu()
        result = run()
        times.append(time.perf_counter() - t0)
        cpus.append(_cpu() - c0)
    CPU.append(statistics.median(cpus))
    return statistics.median(times), result


CPU: list[
    float
] = []  # the machine is shared: CPU time says more than wall time when it is busy


def html_count(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.html")) if folder.exists() else 0


def ensure_pelican() -> Path:
    pelican = VENV / "bin" / "pelican"
    if not pelican.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run(
            [
                str(VENV / "bin" / "pip"),
                "install",
                "-q",
                "pelican",
                "markdown",
                "pelican-i18n-subsites",
                "pelican-sitemap",
            ],
            check=True,
        )
    return pelican


def report(name: str, seconds: float, pages: int | str, note: str = "") -> None:
    load = os.getloadavg()[0]
    print(
        f"{name:<36} {seconds:7.2f} s wall {CPU[-1]:7.2f} s cpu  {pages!s:>6} html  load {load:4.1f} {note}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--no-hugo", action="store_true")
    parser.add_argument("--no-pelican", action="store_true")
    args = parser.parse_args()
    shutil.rmtree(WORK, ignore_errors=True)
    os.environ["FLORES_DIR"] = FLORES
    subprocess.run(
        [sys.executable, str(HERE / "gen_content.py"), str(args.n), str(WORK)],
        check=True,
    )
    print(f"{'build (median of --runs)':<36} {'wall':>9} {'cpu':>11}  {'pages':>11}")
    if not args.no_hugo:
        hugo = WORK / "hugo"
        shutil.copytree(HERE / "hugo-site", hugo, dirs_exist_ok=True)
        secs, _ = timed(
            args.runs,
            lambda: shutil.rmtree(hugo / "public", ignore_errors=True),
            lambda: subprocess.run(["hugo", "--quiet"], cwd=hugo, check=True),
        )
        report("hugo (Debian)", secs, html_count(hugo / "public"))
    if not args.no_pelican:
        pelican, site = ensure_pelican(), WORK / "pelican"
        shutil.copy(HERE / "pelican-site" / "pelicanconf.py", site)
        secs, _ = timed(
            args.runs,
            lambda: shutil.rmtree(site / "output", ignore_errors=True),
            lambda: subprocess.run(
                [str(pelican), "content", "-s", "pelicanconf.py", "-q"],
                cwd=site,
                check=True,
            ),
        )
        report("pelican + i18n_subsites", secs, html_count(site / "output"))
    ours(args.n, args.runs)


def ours(n: int, runs: int) -> None:
    home = WORK / "translate-pub"
    settings = replace(config.load(home), site_url="https://example.org/")
    store = Store(settings.db_url)
    store.migrate()
    t0 = time.perf_counter()
    load_store(store, n)
    print(
        f"(store loaded with {n} approved editions in {time.perf_counter() - t0:.0f} s)",
        flush=True,
    )
    out = WORK / "site"

    def fresh() -> None:
        shutil.rmtree(WORK / ".site.builds", ignore_errors=True)
        out.unlink(missing_ok=True)

    for workers in (1, 2):
        secs, summary = timed(
            runs,
            fresh,
            lambda w=workers: publish_site(
                store, settings, out, parallel=False, workers=w
            ),
        )
        report(
            f"translate-pub full, {workers} process(es)",
            secs,
            html_count(out),
            summary.summary().split(":")[1],
        )
    secs, summary = timed(
        runs, lambda: None, lambda: publish_site(store, settings, out, parallel=False)
    )
    report(
        "translate-pub, nothing changed",
        secs,
        html_count(out),
        summary.summary().split(":")[1],
    )
    secs, summary = timed(
        runs,
        lambda: change_one(store),
        lambda: publish_site(store, settings, out, parallel=False),
    )
    report(
        "translate-pub, one article changed",
        secs,
        html_count(out),
        summary.summary().split(":")[1],
    )
    secs, summary = timed(
        1,
        fresh,
        lambda: publish_site(
            store, settings, out, parallel=True, workers=2, search=True
        ),
    )
    report(
        "translate-pub full + parallel view",
        secs,
        html_count(out),
        summary.summary().split(":")[1],
    )
    secs, summary = timed(
        runs,
        lambda: change_one(store),
        lambda: publish_site(store, settings, out, parallel=True, search=True),
    )
    report(
        "one article changed, with search",
        secs,
        html_count(out),
        "until the site switches",
    )
    search_lines(out, runs)
    store.dispose()


def search_lines(out: Path, runs: int) -> None:
    """Our index (article and digest pages) against Pagefind's whole-site run, and first results."""
    from benchmarks.search_latency import QUERY, first_result_seconds

    secs, _ = timed(runs, lambda: None, lambda: search.index_site(out))
    live = out.resolve().parent.parent / "search" / "live"
    report(
        "search index (articles, after switch)",
        secs,
        "-",
        f"{_mib(live.resolve())} MiB",
    )
    whole = WORK / "pagefind-whole-site"
    secs, _ = timed(
        runs,
        lambda: shutil.rmtree(whole, ignore_errors=True),
        lambda: subprocess.run(
            [
                sys.executable,
                "-m",
                "pagefind",
                "--site",
                str(out.resolve()),
                "--output-path",
                str(whole),
                "--silent",
            ],
            check=True,
        ),
    )
    report("pagefind whole site (anchor)", secs, html_count(out), f"{_mib(whole)} MiB")
    for name, bundle in (
        ("ours", "site/pagefind/"),
        ("anchor", "pagefind-whole-site/"),
    ):
        print(
            f"first result in chromium, {name:<7} {first_result_seconds(WORK, 'site/en/search.html', bundle):7.2f} s"
            f" (from the page's start, query {QUERY!r}, nothing cached)",
            flush=True,
        )


def _mib(folder: Path) -> str:
    return (
        f"{sum(f.stat().st_size for f in folder.rglob('*') if f.is_file()) / 2**20:.1f}"
    )


if __name__ == "__main__":
    main()
