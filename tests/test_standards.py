"""The shared page checks (`tests/standards.py`) see what they are there to see."""

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

BAD = (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Bad</title></head>'
    '<body><main><h1>Bad</h1><img src="a.png"><p><div>x</div></p><a rel="noopener">y</a></main></body></html>'
)
GOOD = (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Good</title></head>'
    "<body><main><h1>Good</h1><p>Fine.</p></main></body></html>"
)
CHROMIUM = Path("/usr/bin/chromium")


@needs_vnu
def test_the_nu_checker_reports_each_error_with_its_file_and_line(
    tmp_path: Path,
) -> None:
    (tmp_path / "bad.html").write_text(BAD)
    (tmp_path / "good.html").write_text(GOOD)
    errors = vnu_errors([tmp_path / "good.html", tmp_path / "bad.html"], root=tmp_path)
    assert len(errors) == 3
    assert all(e.startswith("bad.html:1: ") for e in errors)
    assert any("“alt”" in e for e in errors)


@needs_axe
@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed")
def test_axe_reports_an_image_without_alt_and_passes_a_clean_page(
    tmp_path: Path,
) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    (tmp_path / "bad.html").write_text(BAD)
    (tmp_path / "good.html").write_text(GOOD)
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox"]
        )
        page = axe_context(browser).new_page()
        page.goto((tmp_path / "good.html").as_uri())
        assert axe_violations(page) == []
        page.goto((tmp_path / "bad.html").as_uri())
        assert any(" at 390px image-alt: " in v for v in axe_violations(page))
        browser.close()
