"""The translator's workbench in Debian's chromium: progress in the queue and the editor."""

from __future__ import annotations

from collections.abc import Iterator

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


def test_queue_progress_sorts_and_the_editor_counter_follows_typing(
    served, page, world
):
    with world.store.begin() as conn:
        blank = make_document(conn, 9, targets=["", "", ""])
    login(page, served, "tanya")
    rows = page.locator("table.queue tbody tr")
    expect(page.locator(f'tr[data-doc="{blank}"] td.status')).to_have_text(
        "untranslated"
    )
    expect(page.locator(f'tr[data-doc="{world.doc_id}"] .title-target')).to_have_text(
        "Court fines activist"
    )
    page.click("#sort-progress")
    expect(rows.first).to_have_attribute("data-doc", str(blank))
    page.click("#sort-progress")  # again: most translated first
    expect(rows.first).to_have_attribute("data-doc", str(world.doc_id))
    page.fill('input[name="q"]', "сайте")
    page.press('input[name="q"]', "Enter")
    expect(rows).to_have_count(2)
    page.fill(
        'input[name="q"]', '"активисты" -'
    )  # another form of «активиста», and query syntax as text
    page.press('input[name="q"]', "Enter")
    expect(rows).to_have_count(2)
    page.fill('input[name="q"]', "fined")  # the English title «Court fines activist»
    page.press('input[name="q"]', "Enter")
    expect(rows).to_have_count(1)
    expect(rows.first).to_have_attribute("data-doc", str(world.doc_id))

    page.goto(f"{served}/doc/{blank}/en")
    expect(page.locator("#progress-done")).to_have_text("0")
    expect(page.locator("#words-left")).to_have_text("15")
    box = page.locator("#seg-2 textarea")
    box.fill("The court fined 12 people on March 5, 2024.")
    expect(page.locator("#progress-done")).to_have_text("1")
    expect(page.locator("#words-left")).to_have_text("7")
    expect(page.locator("#seg-2 .save-state")).to_have_text("✓")
    page.goto(f"{served}/queue?sort=progress")
    expect(page.locator(f'tr[data-doc="{blank}"] td.progress')).to_contain_text(
        "1/3 · 7 words left"
    )


def test_keyboard_suggestions_tags_and_save_and_next(served, page, world):
    login(page, served, "tanya")
    page.goto(f"{served}/doc/{world.doc_id}/en")
    box1, box2, box3 = (page.locator(f"#tgt-{n}") for n in (1, 2, 3))
    expect(page.locator('label[for="tgt-2"]')).to_have_count(1)
    box1.fill("")
    box1.press("Alt+1")  # use the MT suggestion
    expect(box1).to_have_value("Court fines activist")
    box2.fill("The court fined people on March 5, 2024.")
    expect(page.locator("#seg-2 ul.qa li.error")).to_have_count(1)
    box3.fill("More on the website https://ovd.info/news.")
    box3.press(
        "Control+Enter"
    )  # saves, then goes to the next segment that needs work: wraps to none after 3
    expect(page.locator("#seg-3 .save-state")).to_have_text("✓")
    box3.evaluate("b => b.setSelectionRange(5, 5)")
    box3.press("Alt+t")
    expect(box3).to_have_value("More <1>on the website https://ovd.info/news.")
    page.click("#seg-3 .insert-tag")
    expect(box3).to_have_value("More <1></1>on the website https://ovd.info/news.")
    box2.focus()
    box1.focus()
    box1.press("Control+Enter")  # segment 2 still has an error: that is where it goes
    expect(box2).to_be_focused()
    height = box2.evaluate("b => b.offsetHeight")
    box2.fill("\n".join(["A long line of text that wraps."] * 6))
    expect(box2).not_to_have_js_property(
        "offsetHeight", height
    )  # the box grew with its text


def test_dismiss_a_false_alarm_then_approval_refusal_links_to_the_segment(
    served, page, world
):
    login(page, served, "rita")
    page.goto(f"{served}/doc/{world.doc_id}/en")
    page.locator("#tgt-2").fill("The court fined people on March 5, 2024.")
    page.locator("#tgt-3").fill(
        "More on the website https://ovd.info/news."
    )  # tags missing: 2 errors
    expect(page.locator("#qa-errors")).to_have_text("3")
    page.locator("#tgt-3").blur()
    expect(page.locator("#seg-3 .save-state")).to_have_text("✓")
    expect(page.locator("#seg-2 .save-state")).to_have_text("✓")
    page.click("#seg-2 button.dismiss")
    page.get_by_label("Why is this a false alarm?").fill("12 is the case number")
    page.keyboard.press("Enter")
    expect(page.locator("#seg-2 .dismissal")).to_contain_text("dismissed by rita on")
    expect(page.locator("#qa-errors")).to_have_text("2")
    page.click("#seg-2 button.undismiss")  # taken back: the error counts again
    expect(page.locator("#qa-errors")).to_have_text("3")
    page.click("#seg-2 button.dismiss")
    page.get_by_label("Why is this a false alarm?").fill("12 is the case number")
    page.keyboard.press("Enter")
    expect(page.locator("#qa-errors")).to_have_text("2")
    page.click("#action-submit")  # the open errors are listed and must be confirmed
    expect(page.locator("#confirm-submit")).to_contain_text(
        "2 QA error(s) are still open"
    )
    expect(page.locator("#confirm-submit li")).to_have_count(1)  # both on segment 3
    expect(page.locator("#doc-status")).not_to_have_text("in review")
    page.click("#confirm-submit-button")
    expect(page.locator("#doc-status")).to_have_text("in review")
    page.click("#action-approve")
    expect(page.locator("#blocked-summary")).to_contain_text("2 QA error(s) remain")
    page.click('a[href$="#seg-3"]')
    expect(page.locator("#tgt-3")).to_be_visible()
    page.reload()
    expect(page.locator("#seg-2 .dismissal")).to_contain_text("12 is the case number")


def test_two_browsers_editing_one_segment_keep_both_texts(served, world):
    with playwright.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        mine, theirs = (
            browser.new_context().new_page(),
            browser.new_context().new_page(),
        )
        login(mine, served, "tanya")
        login(theirs, served, "rita")
        for p in (mine, theirs):
            p.goto(f"{served}/doc/{world.doc_id}/en")
        theirs.locator("#tgt-2").fill(
            "Rita: the court fined 12 people on March 5, 2024."
        )
        theirs.locator("#tgt-2").blur()
        expect(theirs.locator("#seg-2 .save-state")).to_have_text("✓")
        box = mine.locator("#tgt-2")
        box.fill("Tanya: the court fined 12 people on March 5, 2024.")
        box.blur()
        panel = mine.locator("#seg-2 .conflict")
        expect(panel.locator(".theirs")).to_have_text(
            "Rita: the court fined 12 people on March 5, 2024."
        )
        expect(panel.locator("del")).to_contain_text(["Rita"])
        box.press("End")
        box.type(
            " Merged."
        )  # typing on is kept, and not saved until the translator decides
        expect(box).to_have_value(
            "Tanya: the court fined 12 people on March 5, 2024. Merged."
        )
        mine.once("dialog", lambda d: d.dismiss())
        mine.evaluate(
            "() => { const e = new Event('beforeunload', {cancelable: true});"
            " window.dispatchEvent(e); window._left = e.defaultPrevented; }"
        )
        assert mine.evaluate("window._left") is True
        panel.locator(".keep-mine").click()
        expect(mine.locator("#seg-2 .save-state")).to_have_text("✓")
        expect(panel).to_be_hidden()
        browser.close()
    with world.store.begin() as conn:
        from translate_pub.store import review as review_store

        text = review_store.editor_rows(conn, world.doc_id, "en")[1].text
    assert text == "Tanya: the court fined 12 people on March 5, 2024. Merged."


def test_two_tabs_of_one_translator_both_saved_texts_are_in_history(served, world):
    with playwright.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context()  # one session, two tabs
        first, second = context.new_page(), context.new_page()
        login(first, served, "tanya")
        first.goto(f"{served}/doc/{world.doc_id}/en")
        first.locator("#tgt-2").fill(
            "First tab: the court fined 12 people on March 5, 2024."
        )
        first.locator("#tgt-2").blur()
        expect(first.locator("#seg-2 .save-state")).to_have_text("✓")
        second.goto(
            f"{served}/doc/{world.doc_id}/en"
        )  # opened after the first tab saved: no conflict
        second.locator("#tgt-2").fill(
            "Second tab: the court fined 12 people on March 5, 2024."
        )
        second.locator("#tgt-2").blur()
        expect(second.locator("#seg-2 .save-state")).to_have_text("✓")
        second.goto(f"{served}/doc/{world.doc_id}/en/history")
        history = second.locator("main").inner_text()
        assert (
            "First tab: the court fined" in history
            and "Second tab: the court fined" in history
        ), history
        browser.close()
