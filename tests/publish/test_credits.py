"""Credit follows the text: who is named as translator, reviewer and engine, in plain words.

Each case edits a machine-drafted article through the store's own functions (as the
review app does), approves it as "rev", publishes, and reads the English page.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from lxml import html

from translate_pub.config import Settings
from translate_pub.store import Store
from translate_pub.store.glossary import record_glossary
from translate_pub.store.review import editor_rows
from translate_pub.store.translations import edit_translation

from .newsroom import (
    DETENTIONS,
    approve,
    ingest,
    publish,
    segment_texts,
    translate_and_approve,
)

GLOSSARY_CSV = "id,ru,en,en_forbidden,note\nmemorial,Мемориал,Memorial,,\n"


def _edit(store: Store, doc: int, user: str, changes: dict[int, str]) -> None:
    """Replace the text of the segments at these positions, as `user`."""
    with store.begin() as conn:
        rows = editor_rows(conn, doc, "en")
        for position, text in changes.items():
            row = rows[position]
            edit_translation(
                conn, row.translation_id, text, user=user, expected_version=row.version
            )


def _page(
    store: Store,
    settings: Settings,
    out: Path,
    doc: int,
    edits: list[tuple[str, dict[int, str]]],
) -> str:
    """Machine drafts of DETENTIONS, then these edits in order, approved by "rev"; the English page's text."""
    translate_and_approve(store, doc, segment_texts(DETENTIONS))
    for user, changes in edits:
        _edit(store, doc, user, changes)
    approve(store, doc)
    publish(store, settings, out)
    [page] = (out / "en" / "articles").glob("*.html")
    return " ".join(html.fromstring(page.read_bytes()).text_content().split())


def _rewritten(texts: list[str]) -> dict[int, str]:
    return {i: f"In other words: {t}" for i, t in enumerate(texts)}


def test_fully_hand_translated_names_no_engine(
    store: Store, site_settings: Settings, tmp_path: Path
) -> None:
    doc = ingest(store, DETENTIONS)
    text = _page(
        store,
        site_settings,
        tmp_path / "site",
        doc,
        [("anna", _rewritten(segment_texts(DETENTIONS)))],
    )
    assert (
        "Translated from Russian by anna, reviewed by rev · Original: OVD-Info, 26 June 2017 (in Russian)"
        in text
    ), text
    assert "Machine translation none: translated by hand" in text
    assert "Google" not in text and "recorded" not in text


def test_a_reviewers_fix_does_not_make_them_a_translator(
    store: Store, site_settings: Settings, tmp_path: Path
) -> None:
    doc = ingest(store, DETENTIONS)
    texts = segment_texts(DETENTIONS)
    fix = {3: texts[3].replace("police stations", "a police station")}
    text = _page(
        store,
        site_settings,
        tmp_path / "site",
        doc,
        [("anna", _rewritten(texts)), ("rev", {3: "In other words: " + fix[3]})],
    )
    assert (
        "Translated from Russian by anna, reviewed by rev" in text
        and "anna, rev, reviewed" not in text
    )


def test_machine_translation_is_named_with_how_much_was_edited(
    store: Store, site_settings: Settings, tmp_path: Path
) -> None:
    doc = ingest(store, DETENTIONS)
    texts = segment_texts(DETENTIONS)
    text = _page(
        store,
        site_settings,
        tmp_path / "site",
        doc,
        [("anna", {2: "What we know so far"})],
    )
    # Everything but one heading still equals the engine's drafts; anna wrote 4 words of it ("What" stayed).
    assert "Translated from Russian by anna, reviewed by rev" in text
    machine = sum(len(t.split()) for t in texts[1:]) - len(texts[2].split()) + 1
    assert (
        f"recorded Google Translate output: machine-translated draft, {round(100 * 4 / (machine + 4))}% edited by hand"
        in text
    )


def test_untouched_drafts_credit_the_engine_by_its_name(
    store: Store, site_settings: Settings, tmp_path: Path
) -> None:
    doc = ingest(store, DETENTIONS)
    text = _page(store, site_settings, tmp_path / "site", doc, [])
    assert (
        "Machine-translated from Russian (recorded Google Translate output), reviewed by rev · Original: "
        "OVD-Info, 26 June 2017 (in Russian)"
    ) in text
    assert "machine-translated draft, approved unedited" in text


def test_glossary_version_is_a_short_id_linking_to_its_terms(
    store: Store, site_settings: Settings, tmp_path: Path
) -> None:
    with store.begin() as conn:
        record_glossary(conn, "g-2026-11", 1, GLOSSARY_CSV)
    doc = ingest(store, DETENTIONS)
    _page(store, site_settings, tmp_path / "site", doc, [])
    site = tmp_path / "site"
    [page] = (site / "en" / "articles").glob("*.html")
    link = html.fromstring(page.read_bytes()).xpath("//dd/a[code]")[0]
    assert (
        link.get("href") == "../../en/glossary/g-2026-11.html"
        and link.text_content() == "g-2026-11"
    )
    glossary = html.fromstring((site / "en/glossary/g-2026-11.html").read_bytes())
    assert [
        [td.text_content() for td in tr.xpath("td")]
        for tr in glossary.xpath("//tbody/tr")
    ] == [["Мемориал", "Memorial"]]
    # Named by the day the store first saw the version, in the reader's language; the short id follows.
    day = datetime.now(UTC).date()
    assert (
        glossary.findtext(".//h1").strip()
        == f"Glossary, version of {day.day} {day:%B %Y}"
    )
    assert glossary.findtext(".//title").startswith(
        f"Glossary, version of {day.day} {day:%B %Y} · "
    )
    assert glossary.xpath("//h1/code/text()") == ["g-2026-11"]
