"""URLs in the reader's language: English pages are named from the English title, once."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from translate_pub.config import Settings
from translate_pub.store import Store
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

EN = "en/articles/detentions-at-a-protest-in-moscow.html"
RU = "ru/articles/zaderzhaniya-na-aktsii-v-moskve.html"


def _retitle(store: Store, doc: int, title: str) -> None:
    with store.begin() as conn:
        row = editor_rows(conn, doc, "en")[0]  # the title segment
        edit_translation(
            conn, row.translation_id, title, user="anna", expected_version=row.version
        )
    approve(store, doc)


def test_english_slug_from_the_english_title_is_kept_when_the_title_changes(
    store: Store, site_settings: Settings, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    doc = ingest(store, DETENTIONS)
    translate_and_approve(store, doc, segment_texts(DETENTIONS))
    publish(store, site_settings, site)
    assert (site / EN).is_file() and (site / RU).is_file()
    assert (
        'href="../../en/articles/detentions-at-a-protest-in-moscow.html"'
        in (site / RU).read_text()
    )

    _retitle(store, doc, "Mass detentions at a Moscow protest")
    publish(store, site_settings, site)
    assert (
        ">Mass detentions at a Moscow protest</h1>" in (site / EN).read_text()
    )  # same URL, new title
    assert sorted(p.name for p in (site / "en/articles").iterdir()) == [
        "detentions-at-a-protest-in-moscow.html"
    ]


def test_a_second_page_with_the_same_english_title_gets_its_own_slug(
    store: Store, site_settings: Settings, tmp_path: Path
) -> None:
    other = replace(
        DETENTIONS,
        key="detentions-moscow-2",
        title="Задержания на другой акции в Москве",
    )
    for story in (DETENTIONS, other):
        doc = ingest(store, story)
        translate_and_approve(store, doc, segment_texts(story))
    publish(store, site_settings, tmp_path / "site")
    assert sorted(p.name for p in (tmp_path / "site/en/articles").iterdir()) == [
        "detentions-at-a-protest-in-moscow-2.html",
        "detentions-at-a-protest-in-moscow.html",
    ]
