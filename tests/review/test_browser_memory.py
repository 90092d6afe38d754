"""Translation memory in Debian's chromium: using a fuzzy match and searching the
concordance by keyboard, hostile memory text staying text."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .browser import ARGS, CHROMIUM, login, serve
from .conftest import make_document
from .test_memory import HERE, MEMORY, approve

playwright = pytest.importorskip("playwright.sync_api")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's chromium is not installed"
    ),
]
expect = playwright.expect
HOSTILE = (
    "Хакер <script>alert(1)</script> против журналиста Петрова",
    '<img src=x onerror="window.pwned=1"> journalist Petrov',
)


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


def test_use_a_fuzzy_match_then_search_the_concordance_by_keyboard(served, page, world):
    with world.store.begin() as conn:
        approve(conn, 1, [*MEMORY, HOSTILE])
        doc = make_document(
            conn, 2, sources=[("title", "Новости"), ("p", HERE)], targets=["", ""]
        )
    login(page, served, "tanya")
    page.goto(f"{served}/doc/{doc}/en")
    expect(page.locator("#seg-2 .memory .score")).to_have_text(["88%", "75%"])
    expect(page.locator("#seg-2 .memory.fuzzy").first.locator("del")).to_have_text(
        ["оштрафовал", "."]
    )
    box = page.locator("#tgt-2")
    box.focus()
    page.keyboard.press("Alt+3")  # the second memory match
    expect(box).to_have_value(MEMORY[0][1])
    page.keyboard.press("Alt+2")  # the best one
    expect(box).to_have_value(MEMORY[2][1])
    expect(page.locator("#seg-2 .save-state")).to_have_text("✓")

    box.evaluate(
        "b => b.setSelectionRange(b.value.indexOf('journalist'), b.value.indexOf(' &'))"
    )
    page.keyboard.press("Alt+c")  # concordance for the selected words
    query = page.locator("#concordance-q")
    expect(query).to_be_focused()
    expect(query).to_have_value("journalist Petrov")
    hits = page.locator("#concordance-hits li")
    expect(hits).to_have_count(4)
    expect(hits.locator(".tgt mark")).to_have_text(["journalist Petrov"] * 4)
    expect(hits.first.locator(".src")).to_have_text(
        HOSTILE[0]
    )  # newest first, shown as text
    expect(hits.first.locator(".tgt")).to_have_text(HOSTILE[1])
    assert page.locator("#concordance-hits img, #concordance-hits script").count() == 0
    assert page.evaluate("window.pwned") is None
    query.fill("фейках")
    page.keyboard.press("Enter")
    expect(hits).to_have_count(2)  # every form of the word, newest first
    expect(hits.locator(".src mark")).to_have_text(["фейках", "фейке"])
    page.keyboard.press("Escape")  # back to the segment
    expect(box).to_be_focused()
