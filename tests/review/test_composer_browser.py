"""The digest composer in Debian's chromium at 1280 and 390 px: search beside the digest (stacked on a
phone), each found sentence's original and approved English side by side, a count in words, a
quote inserted by keyboard alone as its own paragraph with no stray blank line, nothing wider than
the screen, and the preview of a digest written in English. Screenshots go to $TP_SCREENSHOTS
(default: the test's temporary folder)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.digest_newsroom import build_sources

from .browser import ARGS, CHROMIUM, login, serve

playwright = pytest.importorskip("playwright.sync_api")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's chromium is not installed"
    ),
]
expect = playwright.expect


@pytest.fixture
def browser(world) -> Iterator:  # type: ignore[type-arg]
    build_sources(world.store)
    with serve(world.settings) as base, playwright.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        chromium.base = base
        yield chromium
        chromium.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_compose_by_keyboard_at_desktop_and_phone_widths(
    browser, width: int, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    shots = Path(os.environ.get("TP_SCREENSHOTS") or tmp_path)
    page = browser.new_page(viewport={"width": width, "height": 900})
    login(page, browser.base, "ed")
    page.goto(f"{browser.base}/digests/new")
    body = page.locator("#digest-body")
    body.fill("Суды почти не отменяют решений.\n\n\n")
    search = page.locator('#quote-search input[name="q"]')
    search.focus()
    page.keyboard.type("апелляция")
    page.keyboard.press("Enter")
    expect(page.locator("#search-state")).to_have_text("3 sentences in 1 article")
    sentence = page.locator("#quote-results ol.sentences li").nth(2)
    assert sentence.locator(".src").get_attribute("lang") == "ru"
    assert sentence.locator(".tgt").inner_text().startswith("Out of 176 appealed cases")
    src, tgt = (
        sentence.locator(".src").bounding_box(),
        sentence.locator(".tgt").bounding_box(),
    )
    if width == 1280:  # side by side, and the search beside a wide Markdown box
        assert abs(src["y"] - tgt["y"]) < 2 and tgt["x"] > src["x"] + src["width"]
        search_box, text_box = (
            page.locator("section.quote-search").bounding_box(),
            body.bounding_box(),
        )
        assert (
            text_box["x"] > search_box["x"] + search_box["width"] - 1
            and text_box["width"] > 500
        )
    else:  # stacked: the English under the Russian, the Markdown box the screen's width
        assert tgt["y"] > src["y"] and body.bounding_box()["width"] > 300
    page.screenshot(path=str(shots / f"composer-{width}-results.png"), full_page=True)
    tick = sentence.locator('input[type="checkbox"]')
    tick.focus()
    page.keyboard.press("Space")
    expect(tick).to_be_checked()
    page.keyboard.press("Tab")  # the last sentence found: Insert comes next
    expect(page.locator("#quote-results button.insert")).to_be_focused()
    page.keyboard.press("Enter")
    expect(body).to_have_value(
        "Суды почти не отменяют решений.\n\n"
        '{{< quote doc="ovd-info/dannye-po-apellyatsiyam" segments="4" >}}\n'
    )
    expect(body).to_be_focused()
    # the live preview: the quote in each edition's language, the connecting text awaiting translation
    expect(page.locator("#preview-ru blockquote")).to_have_text(
        re.compile(r"^Из 176 рассмотренных")
    )
    expect(page.locator("#preview-en blockquote")).to_have_text(
        re.compile(r"^Out of 176 appealed cases")
    )
    expect(page.locator("#preview-en p.untranslated")).to_have_text(
        "Суды почти не отменяют решений."
    )
    body.press("End")
    page.keyboard.type(
        'Так пишет {{< quote doc="dannye-po-apellyatsiyam" segments="1" >}}.'
    )
    expect(page.locator("#preview-en p").last).to_have_text("Так пишет “Appeals data”.")
    expect(page.locator("#preview-ru p").last).to_have_text(
        "Так пишет «Данные по апелляциям»."
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(shots / f"composer-{width}-inserted.png"), full_page=True)
    # written in English: the Russian edition awaits the connecting text's translation, and
    # each edition keeps its quotes (the original on the Russian side)
    page.locator("#digest-lang").focus()
    page.keyboard.press("ArrowDown")  # the select, by keyboard
    expect(page.locator("#digest-lang")).to_have_value("en")
    expect(page.locator("#preview-ru p.untranslated").first).to_have_attribute(
        "lang", "en"
    )
    expect(page.locator("#preview-en p.untranslated")).to_have_count(0)
    expect(page.locator("#preview-ru blockquote")).to_have_text(
        re.compile(r"^Из 176 рассмотренных")
    )
    expect(page.locator("#preview-en blockquote")).to_have_text(
        re.compile(r"^Out of 176 appealed cases")
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(shots / f"composer-{width}-english.png"), full_page=True)
