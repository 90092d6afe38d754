"""The translator's workbench in Debian's chromium: progress in the queue and the editor."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .browser import ARGS, CHROMIUM, login, serve
from .conftest import make_document

playwright = pytest.importorskip("playwright.sync_api")
pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed")]
expect = playwright.expect


@pytest.fixture
def served(world) -> Iterator[str]:  # type: ignore[no-untyped-def]
    with serve(world.settings) as base:
        yield base


@pytest.fixture
def page(served):  # type: ignore[no-untyped-def]
    with playwright.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser.new_page()
        browser.close()


def test_queue_progress_sorts_and_the_editor_counter_follows_typing(served, page, world):
    with world.store.begin() as conn:
        blank = make_document(conn, 9, targets=["", "", ""])
    login(page, served, "tanya")
    rows = page.locator("table.queue tbody tr")
    expect(page.locator(f'tr[data-doc="{blank}"] td.status')).to_have_text("untranslated")
    expect(page.locator(f'tr[data-doc="{world.doc_id}"] .title-target')).to_have_text("Court fines activist")
    page.click("#sort-progress")
    expect(rows.first).to_have_attribute("data-doc", str(blank))
    page.click("#sort-progress")  # again: most translated first
    expect(rows.first).to_have_attribute("data-doc", str(world.doc_id))
    page.fill('input[name="q"]', "сайте")
    page.press('input[name="q"]', "Enter")
    expect(rows).to_have_count(2)

    page.goto(f"{served}/doc/{blank}/en")
    expect(page.locator("#progress-done")).to_have_text("0")
    expect(page.locator("#words-left")).to_have_text("15")
    box = page.locator("#seg-2 textarea")
    box.fill("The court fined 12 people on March 5, 2024.")
    expect(page.locator("#progress-done")).to_have_text("1")
    expect(page.locator("#words-left")).to_have_text("7")
    expect(page.locator("#seg-2 .save-state")).to_have_text("✓")
    page.goto(f"{served}/queue?sort=progress")
    expect(page.locator(f'tr[data-doc="{blank}"] td.progress')).to_contain_text("1/3 · 7 words left")
