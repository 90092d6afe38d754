"""Both golden sites against the standards: the W3C Nu HTML checker (0 errors) and axe-core in
chromium (0 violations) on every page, at 1280 and 390 px.

The golden trees are kept identical to a fresh build by the golden tests, so checking them
checks what publishing writes. Helpers: `tests/standards.py`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.standards import (
    axe_context,
    axe_violations,
    needs_axe,
    needs_vnu,
    vnu_errors,
)

HERE = Path(__file__).parent
TREES = ("golden", "golden_digest")
PAGES = sorted(p for tree in TREES for p in (HERE / tree).rglob("*.html"))
CHROMIUM = Path("/usr/bin/chromium")


@needs_vnu
def test_every_golden_page_passes_the_nu_html_checker() -> None:
    assert len(PAGES) > 40
    assert vnu_errors(PAGES, root=HERE) == []


@needs_axe
@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed")
def test_every_golden_page_has_no_axe_violation_at_1280_and_390_px() -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    found: list[str] = []
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox"]
        )
        page = axe_context(browser).new_page()
        for path in PAGES:
            page.goto(path.as_uri())
            found += axe_violations(page)
        browser.close()
    assert {p.relative_to(HERE).parts[1] for p in PAGES} >= {"en", "ru"}
    assert found == []
