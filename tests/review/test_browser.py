"""The whole path in Debian's chromium against the app served by uvicorn, with the publish
deployment served by a Prefect Runner: log in → edit → a QA error appears → fix → submit →
approve → publish → the run completes and the site exists."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from translate_pub.config import site_dir
from translate_pub.model import Status
from translate_pub.orchestra.publisher import PrefectPublisher, PublishRunner
from translate_pub.review.app import create_app
from translate_pub.store import review as review_store
from translate_pub.store import translations as tr_store

from .conftest import FIXTURES, PASSWORD

playwright = pytest.importorskip("playwright.sync_api")
CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's chromium is not installed"
    ),
]


@pytest.fixture
def served(world, prefect_server, monkeypatch) -> Iterator[str]:  # type: ignore[no-untyped-def]
    # The flow run is a subprocess that loads settings from the environment.
    monkeypatch.setenv("TRANSLATE_PUB_HOME", str(world.settings.home))
    monkeypatch.setenv("TRANSLATE_PUB_GLOSSARY", str(FIXTURES / "terms.csv"))
    runner = PublishRunner()
    runner.start()
    runner.wait_ready()
    sock = socket.socket(
        socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP
    )  # so asyncio sets TCP_NODELAY
    sock.bind(("127.0.0.1", 0))
    sock.listen()  # listening before the thread starts: the browser's first request just queues
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(world.settings, PrefectPublisher()), log_level="warning"
        )
    )
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, daemon=True
    )
    thread.start()
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    server.should_exit = True
    thread.join(timeout=30)
    runner.stop()


def _login(page, base: str, name: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/login")
    page.fill('input[name="name"]', name)
    page.fill('input[name="password"]', PASSWORD)
    page.click('button[type="submit"]')
    page.wait_for_url(f"{base}/queue")


def test_edit_qa_fix_approve_publish_in_chromium(served, world):
    expect = playwright.expect
    doc = f"{served}/doc/{world.doc_id}/en"
    with playwright.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page()
        _login(page, served, "tanya")
        page.click(f'a[href="/doc/{world.doc_id}/en"]')
        page.wait_for_url(doc)  # after "load": the deferred editor script is listening
        box = page.locator("textarea[data-tid]").nth(1)
        box.fill("The court fined people on March 5, 2024.")
        errors = box.locator("xpath=..").locator("ul.qa li.error .msg")
        expect(errors).to_have_text(["number 12 is missing"])
        expect(page.locator("#qa-errors")).to_have_text("1")
        box.fill("The court fined 12 people on 5 March 2024.")
        expect(errors).to_have_count(0)
        box.press("Alt+ArrowDown")  # keyboard navigation saves and moves on
        expect(page.locator("textarea[data-tid]").nth(2)).to_be_focused()
        expect(box.locator("xpath=..").locator(".save-state")).to_have_text("✓")
        with world.store.begin() as conn:
            assert (
                review_store.editor_rows(conn, world.doc_id, "en")[1].text
                == "The court fined 12 people on 5 March 2024."
            )
        page.click("#action-submit")
        expect(page.locator("#doc-status")).to_have_text("in review")
        page.click('header form button[type="submit"]')  # log out
        page.wait_for_url(f"{served}/login")

        _login(page, served, "ed")
        page.goto(doc)
        expect(page.locator("#qa-errors")).to_have_text("0")
        page.click("#action-approve")
        expect(page.locator("#doc-status")).to_have_text("approved")
        page.click('a[href="/publish"]')
        page.click("#publish")
        expect(page.locator("#run-state")).to_have_text("Completed", timeout=180_000)
        # The page reloads with the finished run's summary: what changed, the site, the triggering article.
        expect(page.locator("#last-publish")).to_be_visible()
        summary = page.locator("section.report").inner_text()
        assert "pages written" in summary and "removed" in summary, summary
        assert (
            page.locator("#site-link").get_attribute("href") == "http://127.0.0.1:8001/"
        )  # no site URL set: the preview
        assert (
            page.locator("#preview-command")
            .inner_text()
            .endswith(" preview --out " + str(world.settings.home.resolve() / "site"))
        )  # the link, not today's build
        trigger = page.locator(f'section.report a[href="/doc/{world.doc_id}/en"]')
        expect(trigger).to_have_count(1)
        browser.close()
    with world.store.begin() as conn:
        assert tr_store.get_status(conn, world.doc_id, "en").status == Status.PUBLISHED
    assert any(Path(site_dir(world.settings)).rglob("*.html"))
