"""The first search result's time in chromium, for benchmarks/publish.py: a fresh browser context
(nothing cached) opens an English page of the site served from 127.0.0.1, then imports a Pagefind
bundle, searches and reads the first result; seconds from the page's start to that result."""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import sync_playwright

QUERY = "government"  # common in the FLORES sentences the benchmark publishes
FIRST = """async ([bundle, query]) => {
  const pagefind = await import(bundle + "pagefind.js");
  await pagefind.options({baseUrl: "/site/"});
  const search = await pagefind.search(query);
  const first = search.results.length ? await search.results[0].data() : null;
  return [performance.now() / 1000, first && first.url];
}"""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def first_result_seconds(root: Path, page: str, bundle: str) -> float:
    """`page` and `bundle` are paths under `root`, which is served as the site's parent."""
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--no-sandbox"]
            )
            tab = browser.new_context().new_page()
            tab.goto(f"{base}/{page}")
            seconds, url = tab.evaluate(FIRST, [f"/{bundle}", QUERY])
            browser.close()
    finally:
        server.shutdown()
        thread.join()
    if not url:
        raise SystemExit(f"no result for {QUERY!r} in {bundle}")
    return float(seconds)
