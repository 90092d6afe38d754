"""XLIFF in chromium: a translator downloads a document's XLIFF, edits it as a CAT tool would,
uploads it, and sees which units were applied and why each other one was refused."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree

from translate_pub.review.xliff import NS
from translate_pub.store import review as review_store

from .browser import ARGS, CHROMIUM, login, serve

playwright = pytest.importorskip("playwright.sync_api")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's chromium is not installed"
    ),
]
expect = playwright.expect
X = f"{{{NS}}}"


@pytest.fixture
def page(world) -> Iterator:  # type: ignore[type-arg]
    with serve(world.settings) as base, playwright.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        tab = browser.new_page(accept_downloads=True)
        tab.base = base
        yield tab
        browser.close()


def _as_a_cat_tool_would(path: Path) -> bytes:
    """Translate unit 1 and mark it translated, mistype unit 2's id, bring unit 3 back unchanged."""
    root = etree.parse(str(path)).getroot()
    first, second, _third = root.iter(X + "trans-unit")
    target = first.find(X + "target")
    target.text, target.attrib["state"] = "Court fines an activist", "translated"
    target.attrib.pop("state-qualifier", None)
    second.set("id", "424242")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def test_download_edit_upload_and_read_the_unit_report(page, world, tmp_path):
    base = page.base
    login(page, base, "tanya")
    page.goto(f"{base}/doc/{world.doc_id}/en")
    with page.expect_download() as got:
        page.click("#doc-xliff")
    download = got.value
    assert download.suggested_filename == f"doc-{world.doc_id}-en.xlf"
    edited = tmp_path / "from-omegat.xlf"
    edited.write_bytes(_as_a_cat_tool_would(Path(download.path())))

    page.set_input_files("#xliff-file", str(edited))
    page.click("#xliff-upload")
    expect(page.locator("#xliff-summary")).to_contain_text(
        "1 unit(s) applied, 1 refused."
    )
    applied = page.locator("#applied tbody tr")
    expect(applied).to_have_count(1)
    expect(applied.locator("td").nth(1)).to_have_text(
        "1"
    )  # segment 1, as the editor numbers it
    refused = page.locator("#refused tbody tr")
    expect(refused).to_have_count(1)
    expect(refused.locator("td").nth(2)).to_have_text("424242")
    expect(refused.locator("td").nth(3)).to_contain_text("from-omegat.xlf:")
    expect(refused.locator("td").nth(4)).to_have_text(
        f"not a segment of document {world.doc_id}'s current revision"
    )

    applied.locator("td").nth(1).locator(
        "a"
    ).click()  # into the editor, at the applied segment
    expect(page.locator("#tgt-1")).to_have_value("Court fines an activist")
    with world.store.begin() as conn:
        assert [r.text for r in review_store.editor_rows(conn, world.doc_id, "en")][
            :2
        ] == ["Court fines an activist", "The court fined 12 people on March 5, 2024."]

    page.goto(f"{base}/queue?status=machine_translated")
    with page.expect_download() as bulk:
        page.click("#queue-xliff")
    root = etree.parse(bulk.value.path()).getroot()
    assert [f.get("original") for f in root.iter(X + "file")] == [f"doc-{world.doc_id}"]
