"""Every page of the review app, in English and in Russian, at 1280 and 390 px: 0 axe-core violations
(tests/standards.py). And at 1280 px no word is broken in the middle ("Assi gnee"): words break
anywhere only on narrow screens."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import steps
from tests.publish.newsroom import publish
from tests.standards import axe_context, axe_violations, needs_axe

from .browser import ARGS, CHROMIUM, login, serve

playwright = pytest.importorskip("playwright.sync_api")
pytestmark = [
    pytest.mark.browser,
    needs_axe,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's chromium is not installed"
    ),
]
# A word (no space or hyphen inside) whose text wraps onto two lines has been broken in the middle.
BROKEN_WORDS = """() => [...document.querySelectorAll('main th, main td, main a, main button, main label')]
  .flatMap(e => [...e.childNodes].filter(n => n.nodeType === 3 && n.textContent.trim() && !/[\\s-]/.test(n.textContent.trim())))
  .filter(n => { const r = document.createRange(); r.selectNodeContents(n);
                 return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size > 1; })
  .map(n => n.textContent.trim())"""


def _pages(doc_id: int) -> list[str]:
    return [
        "/queue",
        "/queue?q=nothing-matches-this",
        f"/doc/{doc_id}/en",
        f"/doc/{doc_id}/en/history",
        "/publish",
        "/admin",
        "/digests/new",
        f"/doc/{doc_id + 999}/en",
    ]


def test_every_app_page_in_both_languages_has_no_axe_violation(
    world, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    with world.store.begin() as conn:
        steps.approve(conn, world.doc_id, "en", "rita")
    publish(
        world.store, world.settings, tmp_path / "site"
    )  # the publish page shows its report
    found, broken = [], []
    with serve(world.settings) as base, playwright.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = axe_context(browser).new_page()
        for lang in ("en", "ru"):
            page.goto(f"{base}/ui/{lang}")
            page.goto(f"{base}/login")
            found += axe_violations(page)
            login(page, base, "ada")
            for path in _pages(world.doc_id):
                page.goto(base + path)
                assert page.evaluate("document.documentElement.lang") == lang, path
                found += axe_violations(
                    page, widths=(390, 1280)
                )  # ends wide, for the words
                broken += [
                    f"{lang} {path}: {word}" for word in page.evaluate(BROKEN_WORDS)
                ]
            page.goto(f"{base}/queue")
            page.click('header form button[type="submit"]')  # log out
        browser.close()
    assert found == []
    assert broken == []
