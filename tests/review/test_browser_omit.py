"""Omit in Debian's chromium (#22): a reviewer leaves a sentence out with a reason in the editor,
approves, the site is published as the publish flow does, and readers see a note with the reason
where the sentence was (translation, original, parallel view) and the provenance's count."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.publish.newsroom import publish
from tests.standards import (
    AXE_JS,
    JAVA,
    VNU_JAR,
    axe_context,
    axe_violations,
    vnu_errors,
)

from .browser import ARGS, CHROMIUM, login, serve

playwright = pytest.importorskip("playwright.sync_api")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's chromium is not installed"
    ),
]
expect = playwright.expect
REASON = "repeats the lead word for word"
COUNT_EN = "1 sentence of the original was left out; a note marks where and why."
COUNT_RU = "В переводе опущено 1 предложение оригинала; пометка в тексте показывает, где и почему."


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextmanager
def _site(out: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(out))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        thread.join()


def test_omit_with_a_reason_approve_publish_and_read_the_notes(world, tmp_path):  # type: ignore[no-untyped-def]
    with (
        serve(world.settings) as base,
        playwright.sync_playwright() as pw,
    ):
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page()
        login(page, base, "tanya")
        page.goto(f"{base}/doc/{world.doc_id}/en")
        expect(page.locator("#seg-2 form.omit")).to_have_count(0)  # not a translator's
        page.locator("#tgt-2").fill("")
        page.locator("#tgt-2").blur()
        expect(page.locator("#seg-2 .save-state")).to_have_text("✓")
        expect(page.locator("#seg-2 button.dismiss")).to_have_count(0)
        page.click("#action-submit")
        page.click("#confirm-submit-button")
        expect(page.locator("#doc-status")).to_have_text("in review")
        page.context.clear_cookies()

        login(page, base, "rita")
        page.goto(f"{base}/doc/{world.doc_id}/en")
        expect(page.locator("#qa-errors")).to_have_text("1")
        page.locator("#seg-2 form.omit summary").click()
        page.get_by_label("Why readers will not get sentence 2").fill(REASON)
        page.click("#omit-2")
        expect(page.locator("#omitted-2")).to_contain_text(
            "Left out of the translation by rita on"
        )
        expect(page.locator("#omitted-2")).to_contain_text(REASON)
        expect(page.locator("#qa-errors")).to_have_text("0")
        expect(page.locator("#progress-done")).to_have_text("3")  # none left to do
        page.locator("#tgt-3").fill("More <1>on the website</1> https://ovd.info/news")
        expect(page.locator("#progress-done")).to_have_text("3")  # counted as typed
        expect(page.locator("#unomit-2")).to_be_visible()
        page.click("#action-approve")
        expect(page.locator("#doc-status")).to_have_text("approved")
        expect(page.locator("#unomit-2")).to_have_count(0)  # settled: reopen to change
        page.click('a[href$="/history"]')
        expect(page.locator("tr.ev-omit")).to_contain_text(REASON)

        out = tmp_path / "site"
        publish(
            world.store, replace(world.settings, site_url="https://example.org/"), out
        )
        checks = [
            ("en/articles", "[sentence left out: " + REASON + "]", COUNT_EN),
            ("en/parallel", "[sentence left out: " + REASON + "]", COUNT_EN),
            ("ru/articles", "[не вошло в перевод: " + REASON + "]", COUNT_RU),
        ]
        files = [next((out / folder).glob("*.html")) for folder, _n, _c in checks]
        with _site(out.resolve()) as site:
            if AXE_JS.is_file():  # the pages as readers get them: axe's rules too
                page = axe_context(browser).new_page()
            for (folder, note, count), file in zip(checks, files, strict=True):
                page.goto(f"{site}/{folder}/{file.name}")
                expect(page.get_by_role("note")).to_have_text(note)
                expect(page.locator(".omitted-count")).to_have_text(count)
                assert not AXE_JS.is_file() or axe_violations(page) == []
        browser.close()
    if JAVA and VNU_JAR.is_file():
        assert vnu_errors(files, out) == []
