"""The editor by keyboard alone, in chromium: a translator logs in, opens a document from the queue,
translates, saves and submits it, and a reviewer approves it, with no click. Every focus stop on
the way is visible (a focus ring or outline) and comes after the previous one in reading order."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from translate_pub.model import Status
from translate_pub.store import review as review_store
from translate_pub.store import translations as tr_store

from .browser import ARGS, CHROMIUM, serve
from .conftest import PASSWORD, make_document

playwright = pytest.importorskip("playwright.sync_api")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's chromium is not installed"
    ),
]
expect = playwright.expect

# The focused element, whether its focus shows, and whether it follows the element focused before.
FOCUS = """prev => {
  const el = document.activeElement, style = getComputedStyle(el);
  const ring = el.matches(':focus-visible') && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const after = !window.__prev || window.__prev === el ||
    !!(window.__prev.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
  const backward = prev === 'back';
  window.__prev = el;
  return {id: el.id, tag: el.tagName, ring, ordered: backward || after};
}"""


@pytest.fixture
def browser(world) -> Iterator:  # type: ignore[type-arg]
    with serve(world.settings) as base, playwright.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        chromium.base = base
        yield chromium
        chromium.close()


def _tab_to(page, selector: str, key: str = "Tab", limit: int = 120) -> list[dict]:  # type: ignore[no-untyped-def,type-arg]
    """Press `key` until `selector` has the focus; every stop on the way shows its focus, in order."""
    page.evaluate(
        "() => { window.__prev = document.activeElement === document.body ? null : document.activeElement; }"
    )
    stops = []
    for _ in range(limit):
        page.keyboard.press(key)
        stop = page.evaluate(FOCUS, "back" if key == "Shift+Tab" else "")
        stops.append(stop)
        assert stop["ring"], f"focus not visible on {stop}"
        assert stop["ordered"], f"focus jumped back to {stop}"
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return stops
    raise AssertionError(f"{selector} never got the focus: {stops[-5:]}")


def _login(page, base: str, name: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/login")  # the address bar
    expect(
        page.locator('input[name="name"]')
    ).to_be_focused()  # the name field has the focus when the page opens
    page.keyboard.type(name)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/queue")


def _open(page, base: str, doc_id: int) -> None:  # type: ignore[no-untyped-def]
    _tab_to(page, f'table.queue a[href="/doc/{doc_id}/en"]')
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/doc/{doc_id}/en")


def test_translate_save_submit_and_approve_by_keyboard_alone(browser, world):
    with world.store.begin() as conn:
        doc_id = make_document(conn, 3, targets=["", "", ""])
    base = browser.base
    page = browser.new_page()
    _login(page, base, "tanya")
    _open(page, base, doc_id)
    _tab_to(page, "#tgt-1")
    page.keyboard.type("Court fines activist")
    page.keyboard.press(
        "Control+Enter"
    )  # saves, goes on to the next segment that needs work
    expect(page.locator("#tgt-2")).to_be_focused()
    page.keyboard.type("The court fined 12 people on March 5, 2024.")
    page.keyboard.press("Control+Enter")
    expect(page.locator("#tgt-3")).to_be_focused()
    page.keyboard.type("More ")
    page.keyboard.press("Alt+T")  # the next missing tag: <1>
    page.keyboard.type("on the website")
    page.keyboard.press("Alt+T")  # then </1>
    page.keyboard.type(" https://ovd.info/news.")
    page.keyboard.press("Control+S")
    for n in (1, 2, 3):
        expect(page.locator(f"#seg-{n} .save-state")).to_have_text("✓")
    expect(page.locator("#qa-errors")).to_have_text("0")
    with world.store.begin() as conn:
        assert [r.text for r in review_store.editor_rows(conn, doc_id, "en")] == [
            "Court fines activist",
            "The court fined 12 people on March 5, 2024.",
            "More <1>on the website</1> https://ovd.info/news.",
        ]

    _tab_to(page, "#action-submit", key="Shift+Tab")  # back up the page to the actions
    page.keyboard.press("Enter")
    expect(page.locator("#doc-status")).to_have_text("in review")

    reviewer = browser.new_page()
    _login(reviewer, base, "rita")
    _open(reviewer, base, doc_id)
    stops = _tab_to(reviewer, "#reason-approve")
    assert stops[-1]["tag"] == "INPUT"
    reviewer.keyboard.press("Tab")
    expect(reviewer.locator("#action-approve")).to_be_focused()
    reviewer.keyboard.press("Enter")
    expect(reviewer.locator("#doc-status")).to_have_text("approved")
    with world.store.begin() as conn:
        assert tr_store.get_status(conn, doc_id, "en").status == Status.APPROVED


def test_a_false_alarm_is_dismissed_with_a_labelled_reason_by_keyboard(browser, world):
    base = browser.base
    page = browser.new_page()
    _login(page, base, "tanya")
    _open(page, base, world.doc_id)
    held = []  # the live check that typing sends is answered at once, but its answer is held on the wire
    page.route("**/en/qa/*", lambda route: held.append((route, route.fetch())))
    _tab_to(page, "#tgt-2")
    page.keyboard.press("Control+A")
    with page.expect_request("**/en/qa/*"):
        page.keyboard.type(
            "The court fined a dozen people on March 5, 2024."
        )  # "12" in words: a false alarm
    page.keyboard.press("Control+S")
    expect(page.locator("#seg-2 .save-state")).to_have_text("✓")
    expect(page.locator("#qa-errors")).to_have_text("1")
    _tab_to(page, "#seg-2 button.dismiss")
    page.keyboard.press("Enter")
    expect(page.locator("#seg-2 .dismiss-form input")).to_be_focused()
    assert (
        page.evaluate("() => document.activeElement.labels[0].textContent.trim()")
        == "Why is this a false alarm?"
    )
    page.keyboard.type("a dozen is 12, spelled out in the house style")
    page.keyboard.press("Enter")
    expect(page.locator("#seg-2 ul.qa li.dismissed")).to_have_count(1)
    expect(page.locator("#qa-errors")).to_have_text("0")
    with page.expect_response(
        "**/en/qa/*"
    ):  # the live check's answer, from before the dismissal, comes late
        route, answer = held[0]
        route.fulfill(response=answer)
    page.evaluate(
        "() => fetch('/static/app.css').then(r => r.text())"
    )  # a round trip after that answer
    expect(page.locator("#seg-2 ul.qa li.dismissed")).to_have_count(
        1
    )  # the older answer did not undo it
    expect(page.locator("#qa-errors")).to_have_text("0")
