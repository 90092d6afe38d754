"""In Debian's chromium: an editor composes a digest from two approved articles (search, tick, insert),
writes its English, submits it; a reviewer approves and publishes it; the site has both editions."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html

from tests.digest_newsroom import build_sources
from translate_pub.config import site_dir
from translate_pub.model import Role, Status
from translate_pub.store import translations as tr_store
from translate_pub.store import users as user_store

from .conftest import HASH
from .test_browser import ARGS, CHROMIUM, _login, served  # noqa: F401  (served is a fixture)

playwright = pytest.importorskip("playwright.sync_api")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's chromium is not installed"
    ),
]


def _insert(page, quote: str, **search: str) -> None:  # type: ignore[no-untyped-def]
    """Search the approved translations, tick the sentences numbered in `quote` ("4" or "2,3", as the editor numbers them), insert."""
    form = page.locator("#quote-search")
    for name in ("q", "outlet", "tag", "day", "term"):
        form.locator(f'input[name="{name}"]').fill(search.get(name, ""))
    form.locator('button[type="submit"]').click()
    found = page.locator("#quote-results article.found")
    playwright.expect(found).to_have_count(1)
    for n in quote.split(","):
        found.locator(f'input[type="checkbox"][value="{n}"]').check()
    found.locator("button.insert").click()


def test_editor_composes_reviewer_approves_and_publishes_a_digest(served, world):  # noqa: F811
    expect = playwright.expect
    build_sources(world.store)
    with (
        world.store.begin() as conn
    ):  # the reviewer: publishing takes the editor role in this app
        user_store.add_user(conn, "vera", Role.EDITOR, HASH)
    with playwright.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page()
        _login(page, served, "ed")
        page.click('a[href="/digests/new"]')
        page.fill('input[name="title"]', "Правозащитная группа недели: ОВД-Инфо")
        page.fill('input[name="series"]', "Rights Group of the Week")
        body = page.locator("#digest-body")
        body.fill("ОВД-Инфо собирает данные о задержаниях.")
        _insert(page, "4", q="апелляций")
        page.keyboard.type("Данные мировых судей Москвы:")
        _insert(page, "2,3", outlet="ovd-info", day="2013-01-29")
        expect(body).to_have_value(
            "ОВД-Инфо собирает данные о задержаниях.\n\n"
            '{{< quote doc="ovd-info/dannye-po-apellyatsiyam" segments="4" >}}\n'
            "Данные мировых судей Москвы:\n\n"
            '{{< quote doc="ovd-info/dannye-po-mirovym-sudam" segments="2-3" >}}\n'
        )  # no blank line at the end
        page.click("#save-digest")
        page.wait_for_url("**/doc/*/en")
        digest_id = int(page.url.rstrip("/").split("/")[-2])
        english = [
            "Rights Group of the Week: OVD-Info",
            "OVD-Info collects data on detentions.",
            "Moscow magistrates' data:",
        ]
        boxes = page.locator("textarea[data-new]")
        expect(boxes).to_have_count(3)
        for i, text in enumerate(english):
            box = page.locator("textarea[lang=en]:not([readonly])").nth(i)
            box.fill(text)
            box.press("Control+s")
            expect(box.locator("xpath=..").locator(".save-state")).to_have_text("✓")
        expect(page.locator("#qa-errors")).to_have_text("0")
        page.click("#action-submit")
        expect(page.locator("#doc-status")).to_have_text("in review")
        page.click('header form button[type="submit"]')
        page.wait_for_url(f"{served}/login")

        _login(page, served, "vera")
        page.goto(f"{served}/doc/{digest_id}/en")
        page.click("#action-approve")
        expect(page.locator("#doc-status")).to_have_text("approved")
        page.click('a[href="/publish"]')
        page.click("#publish")
        expect(page.locator("#run-state")).to_have_text("Completed", timeout=180_000)
        browser.close()
    with world.store.begin() as conn:
        assert tr_store.get_status(conn, digest_id, "en").status == Status.PUBLISHED
    site = Path(site_dir(world.settings))
    en = html.fromstring(
        (site / "en/digests/rights-group-of-the-week-ovd-info.html").read_bytes()
    )
    assert [q.xpath("string(p)")[:30] for q in en.xpath("//blockquote")] == [
        "Out of 176 appealed cases, onl",
        "From 4 December 2011 to 31 Dec",
    ]
    assert "reviewed by vera" in en.xpath("string(//section[@class='provenance'])")
    ru = html.fromstring(
        (site / "ru/articles/dannye-po-mirovym-sudam.html").read_bytes()
    )
    assert (
        ru.xpath("string(//section[@class='quoted-in']//a)")
        == "Правозащитная группа недели: ОВД-Инфо"
    )
