"""Readers' search on the published site (Pagefind, `translate_pub.publish.search`), in chromium.

The small newsroom is published with search, indexed, and served by a plain static HTTP server
on 127.0.0.1. In English and in Russian, at 1280 and 390 px, by keyboard only: a query in one
grammatical form finds a page with another (stemming by the page's language), each result shows
its title, outlet, date and a snippet with the match marked, and a filter narrows the results.
Then the index's own atomic switch and the notice that the index is behind the site.
"""

from __future__ import annotations

import functools
import json
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.publish.newsroom import build_newsroom, publish
from tests.standards import axe_context, axe_violations, needs_axe
from translate_pub import config
from translate_pub.publish.search import index_site
from translate_pub.store import Store

CHROMIUM = Path("/usr/bin/chromium")
playwright = pytest.importorskip("playwright.sync_api")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's chromium is not installed"
    ),
]
WIDTHS = (1280, 390)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, Store]]:
    """(the site's URL, OUT, the store) with the newsroom published and indexed."""
    home = tmp_path_factory.mktemp("home")
    settings = config.load(home)
    store = Store(settings.db_url)
    store.migrate()
    build_newsroom(store)
    out = home / "site"
    publish(store, settings, out, search=True)
    index_site(out)
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(out))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", out, store
    server.shutdown()
    thread.join()
    store.dispose()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield b
        b.close()


def _search_by_keyboard(page, words: str) -> None:  # type: ignore[no-untyped-def]
    """From the top of the page: Tab to the search box, type, press Enter."""
    page.locator("form.search").wait_for(state="visible")
    page.keyboard.press("Tab")  # the skip link
    while page.evaluate("document.activeElement.id") != "q":
        page.keyboard.press("Tab")
    page.keyboard.type(words)
    page.keyboard.press("Enter")


CASES = [  # language, query, a result's title, its outlet, its date, what is marked
    (
        "en",
        "detention",
        "Detentions at a protest in Moscow",
        "OVD-Info",
        "26 June 2017",
        "detentions",
    ),
    (
        "ru",
        "задержание",
        "Задержания на акции в Москве",
        "OVD-Info",
        "26 июня 2017\u202fг.",
        "задержания",
    ),
]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(
    ("lang", "query", "title", "outlet", "date", "marked"), CASES, ids=["en", "ru"]
)
def test_a_stemmed_search_with_a_filter_by_keyboard(
    site,
    browser,
    width: int,
    lang: str,
    query: str,  # type: ignore[no-untyped-def]
    title: str,
    outlet: str,
    date: str,
    marked: str,
) -> None:
    url, _out, _store = site
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(f"{url}/{lang}/search.html")
    _search_by_keyboard(page, query)
    page.locator("#search-results:not([aria-busy]) li", has_text=title).wait_for()
    hit = page.locator("#search-results li", has_text=title)
    assert hit.locator("h2 a").inner_text() == title
    assert hit.locator(".meta").inner_text() == f"{outlet} · {date}"
    assert marked in [m.lower() for m in hit.locator("mark").all_inner_texts()]
    before = page.locator("#search-results li").count()
    assert (
        before >= 2
    )  # the Chechnya report, from another outlet, mentions detentions too
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.locator("#filter-outlet").focus()  # the filters, by keyboard too
    while page.locator("#filter-outlet").input_value() != outlet:
        page.keyboard.press("ArrowDown")
    # Each ArrowDown was a search of its own: wait for the newest one's results (the list
    # is aria-busy until they are drawn), or Enter would fall on a list about to be redrawn.
    page.wait_for_function(
        "n => document.querySelectorAll('#search-results li').length < n"
        " && !document.querySelector('#search-results[aria-busy]')",
        arg=before,
    )
    metas = page.locator("#search-results li .meta").all_inner_texts()
    assert metas and all(m.startswith(f"{outlet} · ") for m in metas)
    hit.wait_for()
    hit.locator("h2 a").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{lang}/articles/*.html")
    assert page.locator("h1").inner_text() == title
    assert not page.locator("#search-behind").count()
    page.close()


def test_the_index_switches_on_its_own_and_the_site_says_when_it_is_behind(
    site, browser
) -> None:  # type: ignore[no-untyped-def]
    url, out, _store = site
    live = out.resolve().parent.parent / "search" / "live"
    first = live.resolve()
    version = json.loads((live / "indexed.json").read_text())["version"]
    page = browser.new_page()
    page.goto(f"{url}/en/search.html")
    page.locator("form.search").wait_for(state="visible")
    assert page.locator("#search-behind").is_hidden()
    (first / "indexed.json").write_text(
        json.dumps({"version": "0" * 16})
    )  # as if the site had moved on
    page.reload()
    page.locator("#search-behind").wait_for(state="visible")
    index_site(
        out
    )  # brings the index up to date, in a new folder swapped in by one rename
    assert (
        live.resolve() != first and first.is_dir()
    )  # the one before stays for readers mid-search
    assert json.loads((live / "indexed.json").read_text())["version"] == version
    page.reload()
    page.locator("form.search").wait_for(state="visible")
    assert page.locator("#search-behind").is_hidden()
    page.close()


@needs_axe
def test_the_search_page_with_results_has_no_axe_violation(site, browser) -> None:  # type: ignore[no-untyped-def]
    url, _out, _store = site
    context = axe_context(browser)
    page = context.new_page()
    found = []
    for lang, query, title, *_rest in CASES:
        page.goto(f"{url}/{lang}/search.html?q={query}")
        page.locator("#search-results li", has_text=title).wait_for()
        found += axe_violations(page)
    context.close()
    assert found == []
