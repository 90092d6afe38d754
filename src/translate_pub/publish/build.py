"""What one build renders, in order, and what each page's key (its inputs) is.

Every page gets a key hashing all it depends on; the writer links a page from the
previous build when its key is unchanged, so an incremental build renders only pages
whose inputs changed and loads only the article bodies those pages need.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from datetime import datetime
from functools import partial
from multiprocessing import get_context
from pathlib import Path

from translate_pub import lifeline
from translate_pub.model import Edition
from translate_pub.publish import search
from translate_pub.publish.plan import Article, Plan, alternates, list_alternates
from translate_pub.publish.render import FEED_ITEMS, Renderer
from translate_pub.publish.writer import Writer
from translate_pub.store import Store
from translate_pub.store.editions import editions_for
from translate_pub.tracking import Tracker

STATIC = Path(__file__).with_name("static")
Job = tuple[Article, str, str]  # article, language, "article" | "parallel"


def write_site(
    store: Store, plan: Plan, writer: Writer, *, parallel: bool, workers: int
) -> None:
    renderer = Renderer(plan)
    _static(writer)
    jobs = _article_jobs(plan, writer, parallel)
    tracker = Tracker("publish pages", len(jobs))
    if workers > 1 and len(jobs) > 200:
        with _rendering_in_processes(
            store, plan, renderer, writer, jobs, workers, tracker
        ):
            _indexes(
                store, plan, renderer, writer
            )  # meanwhile: these need no article page
    else:
        _render_jobs(store, renderer, writer, jobs, tracker.advance)
        _indexes(store, plan, renderer, writer)


def _indexes(store: Store, plan: Plan, renderer: Renderer, writer: Writer) -> None:
    """Every page but the articles: lists, topics, glossaries, the language chooser, feeds, sitemap."""
    for li in plan.listings:
        writer.page(
            li.path,
            partial(renderer.listing, li),
            "list",
            li.path,
            li.name,
            li.page,
            li.pages,
            li.total,
            plan.langs,
            plan.counterparts(li.lang, li.base),
            [(a.slug, a.signature) for a in li.items],
        )
    for t in plan.terms:
        writer.page(
            t.path, partial(renderer.terms, t), "terms", t.path, t.entries, plan.langs
        )
    for g in plan.glossaries:
        writer.page(
            g.path, partial(renderer.glossary, g), "glossary", g.path, g.rows, g.loaded
        )
    version = search.site_version(plan)
    for lang in plan.langs:
        path = f"{lang}/search.html"
        writer.page(
            path,
            partial(renderer.search, lang, version),
            "search",
            path,
            plan.langs,
            version,
        )
    writer.page("index.html", renderer.chooser, "chooser", plan.langs)
    _feeds(store, plan, renderer, writer)
    _sitemap(plan, renderer, writer)


def _static(writer: Writer) -> None:
    for f in sorted(STATIC.iterdir()):
        data = f.read_bytes()
        writer.write(
            f"static/{f.name}", writer.key("static", data.hex()[:64], len(data)), data
        )


def _article_jobs(plan: Plan, writer: Writer, parallel: bool) -> list[tuple[Job, str]]:
    """Article and parallel pages whose inputs changed, each with its key."""
    jobs = []
    for a in plan.articles:
        inputs = repr(
            (a.slug, a.signature, a.langs, plan.related(a))
        )  # what all its pages show
        for lang in a.langs:
            side_by_side = parallel and lang != a.source_lang and a.kind != "digest"
            kinds = ("article", "parallel") if side_by_side else ("article",)
            for kind in kinds:
                path = a.path(lang) if kind == "article" else a.parallel_path(lang)
                key = writer.key(kind, lang, inputs)
                if not writer.reuse(path, key):
                    jobs.append(((a, lang, kind), key))
    return jobs


def _render_jobs(
    store: Store,
    renderer: Renderer,
    writer: Writer,
    jobs: list[tuple[Job, str]],
    advance: Callable[[int], None],
) -> None:
    for i in range(0, len(jobs), 400):
        chunk = jobs[i : i + 400]
        full = _load(store, {job[0].doc_id for job, _key in chunk})
        for (a, lang, kind), key in chunk:
            edition = full[(a.doc_id, lang if lang != a.source_lang else a.lead.lang)]
            if kind == "article":
                writer.write(a.path(lang), key, renderer.article(a, lang, edition))
            else:
                writer.write(
                    a.parallel_path(lang), key, renderer.parallel(a, lang, edition)
                )
            advance(1)


def _load(store: Store, doc_ids: Iterable[int]) -> dict[tuple[int, str], Edition]:
    with store.begin() as conn:
        return {(e.document_id, e.lang): e for e in editions_for(conn, sorted(doc_ids))}


_FORKED: list[
    tuple[Plan, Writer, str]
] = []  # what forked workers inherit: plan, writer, database URL


@contextmanager
def _rendering_in_processes(
    store: Store,
    plan: Plan,
    renderer: Renderer,
    writer: Writer,
    jobs: list[tuple[Job, str]],
    workers: int,
    tracker: Tracker,
) -> Iterator[None]:
    """Fork `workers` processes that each render and write a share of the article pages while the
    caller goes on; on leaving, wait for them and take in what they wrote."""
    renderer.compile()  # before the fork: workers inherit compiled templates instead of each compiling them
    writer.flush()  # and no queued write: a worker would wait forever for the parent's threads to do it
    _FORKED.append((plan, writer, store.url))
    size = -(
        -len(jobs) // workers
    )  # contiguous shares: a document's pages load its edition in one process
    shares = [
        [(a.doc_id, lang, kind, key) for (a, lang, kind), key in jobs[i : i + size]]
        for i in range(0, len(jobs), size)
    ]
    try:
        with ProcessPoolExecutor(
            workers,
            mp_context=get_context("fork"),
            initializer=lifeline.die_with,
            initargs=(os.getpid(),),
        ) as pool:
            results = pool.map(_render_share, shares)
            yield
            for pages, written in results:
                writer.pages.update(pages)
                writer.written.extend(written)
                tracker.advance(len(pages))
    finally:
        _FORKED.clear()


def _render_share(
    share: list[tuple[int, str, str, str]],
) -> tuple[dict[str, dict[str, str]], list[str]]:
    plan, writer, url = _FORKED[0]
    by_id = {a.doc_id: a for a in plan.articles}
    store = Store(url)  # a fresh engine: connections must not cross a fork
    writer.pages, writer.written = {}, []
    # A forked worker draws no progress (the parent counts its finished share).
    _render_jobs(
        store,
        Renderer(plan),
        writer,
        [((by_id[d], lang, kind), key) for d, lang, kind, key in share],
        lambda _done: None,
    )
    writer.flush()
    store.dispose()
    return writer.pages, writer.written


def _feeds(store: Store, plan: Plan, renderer: Renderer, writer: Writer) -> None:
    """A feed per language, and one per digest series in each language."""
    for lang in plan.langs:
        _feed(store, plan, renderer, writer, lang, plan.in_lang(lang), lang)
    for li in plan.listings:
        if li.kind == "series" and li.page == 1:
            series = [
                a
                for a in plan.in_lang(li.lang)
                if a.kind == "digest" and a.series(li.lang) == li.name
            ]
            _feed(store, plan, renderer, writer, li.lang, series, li.base)


def _feed(
    store: Store,
    plan: Plan,
    renderer: Renderer,
    writer: Writer,
    lang: str,
    articles: list[Article],
    base: str,
) -> None:
    newest = sorted(articles, key=lambda a: (a.updated(lang), a.doc_id), reverse=True)[
        :FEED_ITEMS
    ]
    writer.page(
        f"{base}/atom.xml",
        lambda: _feed_xml(store, plan, renderer, writer, lang, newest, base),
        "feed",
        base,
        [(a.slug, a.signature, plan.related(a)) for a in newest],
    )


def _feed_xml(
    store: Store,
    plan: Plan,
    renderer: Renderer,
    writer: Writer,
    lang: str,
    newest: list[Article],
    base: str,
) -> str:
    keys = {
        a.doc_id: writer.key("entry", lang, a.slug, a.signature, plan.related(a))
        for a in newest
    }
    missing = [a.doc_id for a in newest if writer.fragment(keys[a.doc_id]) is None]
    full = _load(store, missing)
    for a in newest:
        if a.doc_id in missing:
            edition = full[(a.doc_id, lang if lang != a.source_lang else a.lead.lang)]
            writer.keep_fragment(
                keys[a.doc_id], renderer.article_content(a, lang, edition)
            )
    entries = [(a, writer.fragment(keys[a.doc_id]) or "") for a in newest]
    return renderer.feed(lang, entries, base)


def _sitemap(plan: Plan, renderer: Renderer, writer: Writer) -> None:
    writer.page(
        "sitemap.xml",
        lambda: _sitemap_xml(plan, renderer, writer),
        "sitemap",
        plan.langs,
        [(a.slug, a.signature) for a in plan.articles],
        [li.path for li in plan.listings],
        [t.path for t in plan.terms],
    )


def _sitemap_xml(plan: Plan, renderer: Renderer, writer: Writer) -> str:
    urls: list[tuple[str, datetime | None, list[tuple[str, str]]]] = []
    for li in plan.listings:
        urls.append(
            (
                li.path,
                None,
                list_alternates(plan, li.lang, li.base) if li.page == 1 else [],
            )
        )
    for t in plan.terms:
        urls.append(
            (
                t.path,
                None,
                list_alternates(plan, t.lang, t.path.removesuffix("/index.html")),
            )
        )
    home = {lang: f"{lang}/index.html" for lang in plan.langs}
    urls.append(("index.html", None, alternates(plan, home, "index.html")))
    parts = [_sitemap_article(plan, renderer, writer, a) for a in plan.articles]
    return renderer.sitemap([*parts, renderer.sitemap_urls(urls)])


def _sitemap_article(plan: Plan, renderer: Renderer, writer: Writer, a: Article) -> str:
    """An article's sitemap entries, kept between builds: a sitemap changes with every publish."""
    key = writer.key(
        "sitemap-entry", plan.settings.targets, a.slug, a.signature, a.langs
    )
    found = writer.fragment(key)
    if found is None:
        alts = alternates(plan, {lang: a.path(lang) for lang in a.langs})
        found = renderer.sitemap_urls(
            [(a.path(lang), a.updated(lang), alts) for lang in a.langs]
        )
        writer.keep_fragment(key, found)
    return found
