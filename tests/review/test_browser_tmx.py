"""Imported translation memory in Debian's chromium: an admin uploads a TMX, and a translator's
editor offers its 100% and fuzzy matches (marked as imported) and finds it in the concordance."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from .browser import ARGS, CHROMIUM, login, serve
from .conftest import make_document

playwright = pytest.importorskip("playwright.sync_api")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's chromium is not installed"
    ),
]
expect = playwright.expect
TMX = Path(__file__).parent.parent / "fixtures" / "memory"
PILOT = "The pilot was identified as Squadron Leader Dilokrit Pattavee."


@pytest.fixture
def served(world) -> Iterator[str]:  # type: ignore[no-untyped-def]
    with serve(world.settings) as base:
        yield base


@pytest.fixture
def browser(served):  # type: ignore[no-untyped-def]
    with playwright.sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


def test_uploaded_tmx_serves_exact_and_fuzzy_matches_in_the_editor(
    served, browser, world
):  # type: ignore[no-untyped-def]
    admin = browser.new_page()
    login(admin, served, "ada")
    admin.goto(f"{served}/admin")
    admin.set_input_files("#tmx-file", str(TMX / "omegat.tmx"))
    admin.click("#tmx-upload")
    expect(admin.locator("#tmx-summary")).to_contain_text(
        "2 unit(s) added to memory, 0 merged"
    )
    admin.goto(f"{served}/admin")
    admin.set_input_files("#tmx-file", str(TMX / "weblate.tmx"))
    admin.click("#tmx-upload")
    expect(admin.locator("#tmx-summary")).to_contain_text(
        "2 unit(s) added to memory, 0 merged"
    )
    with world.store.begin() as conn:
        doc = make_document(
            conn,
            2,
            sources=[
                ("title", "Личность пилота была установлена."),
                (
                    "p",
                    "Личность пилота была установлена. Им оказался командир эскадрильи Паттави.",
                ),
            ],
            targets=["", ""],
        )
    admin.close()

    page = browser.new_page()
    login(page, served, "tanya")
    page.goto(f"{served}/doc/{doc}/en")
    expect(page.locator("#seg-1 .memory .score")).to_have_text(["100%"])
    expect(page.locator("#seg-1 .memory .imported")).to_have_text(
        "imported from weblate.tmx"
    )  # an exact match names its file too (the newer of the two units)
    page.locator("#tgt-1").focus()
    page.keyboard.press("Alt+2")
    expect(page.locator("#tgt-1")).to_have_value("The pilot was identified.")
    expect(page.locator("#seg-2 .memory .score")).to_have_text(["94%"])
    expect(page.locator("#seg-2 .memory .imported")).to_have_text(
        "imported from omegat.tmx"
    )
    box = page.locator("#tgt-2")
    box.focus()
    page.keyboard.press("Alt+2")  # the only (fuzzy) match
    expect(box).to_have_value(PILOT)
    page.locator("#concordance-q").fill("эскадрильи")
    page.keyboard.press("Enter")
    hits = page.locator("#concordance-hits li")
    expect(hits).to_have_count(1)
    expect(hits.locator(".doc")).to_have_text("imported from omegat.tmx")
    assert hits.locator("a").count() == 0
