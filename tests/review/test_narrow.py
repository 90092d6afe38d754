"""At 390 px (a phone), the queue, the editor and a published article fit the screen: no sideways scroll.

Screenshots of each are kept in the test's temporary folder for a person to look at.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from tests import steps
from translate_pub.orchestra.publisher import PrefectPublisher
from translate_pub.publish.site import publish_site
from translate_pub.review.app import create_app

from .conftest import PASSWORD
from .test_browser import ARGS, CHROMIUM

playwright = pytest.importorskip("playwright.sync_api")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's chromium is not installed"
    ),
]
PHONE = {"width": 390, "height": 844}
WIDEST = "Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"


@pytest.fixture
def app_url(world) -> Iterator[str]:  # type: ignore[no-untyped-def]
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.bind(("127.0.0.1", 0))
    sock.listen()
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


def _fits(page, shot: Path) -> None:  # type: ignore[no-untyped-def]
    page.screenshot(path=str(shot), full_page=True)
    assert page.evaluate(WIDEST) <= PHONE["width"], (
        f"{page.url} overflows at 390 px (see {shot})"
    )


def test_queue_editor_and_article_fit_a_phone(
    world, app_url: str, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    with world.store.begin() as conn:  # a published article, too
        steps.approve(conn, world.doc_id, "en", "rita")
    publish_site(world.store, world.settings, tmp_path / "site")
    [article] = (tmp_path / "site").resolve().glob("en/articles/*.html")
    with playwright.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport=PHONE)
        page.goto(f"{app_url}/login")
        page.fill('input[name="name"]', "ed")
        page.fill('input[name="password"]', PASSWORD)
        page.click('button[type="submit"]')
        page.wait_for_url(f"{app_url}/queue")
        _fits(page, tmp_path / "queue-390.png")
        page.goto(f"{app_url}/doc/{world.doc_id}/en")
        _fits(page, tmp_path / "editor-390.png")
        page.goto(f"{app_url}/publish")
        _fits(page, tmp_path / "publish-390.png")
        page.goto(article.as_uri())
        _fits(page, tmp_path / "article-390.png")
        browser.close()
