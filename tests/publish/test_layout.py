"""The site's header at 1280 px, on every page of both golden sites in both languages: the brand on
its line, the sections and the language switch sharing the next (the Russian labels are longer)."""

from __future__ import annotations

from pathlib import Path

import pytest

HERE = Path(__file__).parent
PAGES = sorted(
    p
    for tree in ("golden", "golden_digest")
    for p in (HERE / tree).rglob("*.html")
    if p.name != "index.html" or p.parent.name in ("en", "ru")
)
CHROMIUM = Path("/usr/bin/chromium")
playwright = pytest.importorskip("playwright.sync_api")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's chromium is not installed"
    ),
]
ROWS = """() => {
  const top = sel => { const e = document.querySelector(sel); return e ? Math.round(e.getBoundingClientRect().top) : null; };
  return [top('header.site .brand'), top('header.site nav:not(.langs)'), top('header.site nav.langs')];
}"""


def test_the_language_switch_stays_beside_the_sections_at_1280_px() -> None:
    wrapped = []
    with playwright.sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox"]
        )
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        for path in PAGES:
            page.goto(path.as_uri())
            brand, sections, langs = page.evaluate(ROWS)
            if langs is not None and not (brand < sections == langs):
                wrapped.append(
                    f"{path.relative_to(HERE)}: brand {brand}, sections {sections}, languages {langs}"
                )
        browser.close()
    assert any("/ru/" in p.as_posix() for p in PAGES)
    assert wrapped == []
