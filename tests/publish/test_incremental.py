"""An incremental build rewrites only the pages whose content changed; the rest are hard links."""

from __future__ import annotations

import gc
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from lxml import html
from sqlalchemy import update

from tests import steps
from translate_pub.config import Settings
from translate_pub.publish.site import publish_site
from translate_pub.store import Store, schema

from .newsroom import DETENTIONS, PICKET, build_newsroom, ingest, publish

EN = "detentions-at-a-protest-in-moscow"


def _inodes(site: Path) -> dict[str, int]:
    root = site.resolve()
    return {
        p.relative_to(root).as_posix(): p.stat().st_ino
        for p in root.rglob("*")
        if p.is_file()
    }


def _retitle(store: Store, doc_id: int, title: str) -> None:
    """A reviewer corrects the English title and approves the article again."""
    with store.begin() as conn:
        steps.edit(conn, doc_id, 0, title, by="anna")
        steps.approve(
            conn, doc_id, "en", "boris", datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
        )


def test_one_changed_article_rewrites_its_pages_and_indexes(
    store: Store, site_settings: Settings, tmp_path: Path
) -> None:
    ids = build_newsroom(store)
    site = tmp_path / "site"
    publish(store, site_settings, site)
    before = _inodes(site)
    _retitle(store, ids[DETENTIONS.key], "Mass detentions at a Moscow protest")
    report = publish_site(store, site_settings, site)
    after = _inodes(site)
    assert after.keys() == before.keys()
    rewritten = {path for path in after if after[path] != before[path]}
    assert rewritten == {
        f"en/articles/{EN}.html",
        f"en/parallel/{EN}.html",
        "en/index.html",
        "en/outlets/ovd-info/index.html",
        "en/tags/detention/index.html",
        "en/tags/moscow/index.html",
        "en/atom.xml",
        "ru/atom.xml",
        "sitemap.xml",
        "en/search.html",
        "ru/search.html",
    }  # the search pages name the site's version, to tell a stale index
    assert report.site is not None and (
        report.site.new,
        report.site.changed,
        report.site.removed,
    ) == (0, len(rewritten), 0)
    assert (report.site.pages, report.site.trigger_path) == (
        len(after),
        f"en/articles/{EN}.html",
    )
    assert (
        f"{len(after)} files, {len(rewritten)} written, {len(after) - len(rewritten)} unchanged"
        in report.summary()
    )
    page = (site / f"en/articles/{EN}.html").read_text()
    assert (
        "Mass detentions at a Moscow protest" in page
        and "Translated from Russian by anna, reviewed by boris" in page
    )


def test_nothing_changed_writes_nothing(
    store: Store, site_settings: Settings, tmp_path: Path
) -> None:
    build_newsroom(store)
    site = tmp_path / "site"
    publish(store, site_settings, site)
    before = _inodes(site)
    summary = publish(store, site_settings, site)
    assert _inodes(site) == before and ", 0 written," in summary


def test_reingested_original_flags_the_pages_stale(
    store: Store, site_settings: Settings, tmp_path: Path
) -> None:
    build_newsroom(store)
    site = tmp_path / "site"
    publish(store, site_settings, site)
    assert "Original updated" not in (site / f"en/articles/{EN}.html").read_text()
    ingest(store, replace(DETENTIONS, paragraphs=[("p", "Новый текст.", "")]))
    publish(store, site_settings, site)
    assert "Original updated" in (site / f"en/articles/{EN}.html").read_text()
    items = html.fromstring((site / "en/index.html").read_bytes()).xpath(
        "//ol[@class='articles']/li"
    )
    flagged = {
        item.xpath("string(h2)") for item in items if item.xpath(".//p[@class='badge']")
    }
    assert flagged == {DETENTIONS.title_en, PICKET.title_en}


def _snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file()
    }


def test_a_build_takes_over_the_spare_and_leaves_the_live_one_untouched(
    store: Store, site_settings: Settings, tmp_path: Path
) -> None:
    ids = build_newsroom(store)
    site = tmp_path / "site"
    publish(store, site_settings, site)
    spare, spare_folder = site.resolve(), site.resolve().stat().st_ino
    publish(store, site_settings, site)
    live = site.resolve()
    live_before, live_inodes = _snapshot(live), _inodes(site)
    _retitle(store, ids[DETENTIONS.key], "Mass detentions at a Moscow protest")
    with (
        store.begin() as conn
    ):  # the Moscow tag goes: its pages must leave the spare too
        conn.execute(
            update(schema.documents)
            .where(schema.documents.c.id == ids[DETENTIONS.key])
            .values(tags=["задержания"])
        )
    report = publish_site(store, site_settings, site)
    assert (
        site.resolve().stat().st_ino == spare_folder and not spare.exists()
    )  # taken over, not rebuilt
    assert (
        _snapshot(live) == live_before
    )  # nothing written through a link shared with the live build
    assert len([p for p in (tmp_path / ".site.builds").iterdir() if p.is_dir()]) == 2
    fresh = tmp_path / "fresh"
    publish(store, site_settings, fresh)
    assert _snapshot(site.resolve()) == _snapshot(fresh.resolve())
    assert not (site / "en/tags/moskva").exists()
    assert (
        report.site is not None and report.site.removed == 2
    )  # the tag's page in each language
    after = _inodes(site)
    assert {p for p in after if after[p] != live_inodes.get(p)} == {
        p for p in after if (site / p).read_bytes() != live_before.get(p)
    }


def test_an_unreadable_manifest_means_a_full_build(
    store: Store, site_settings: Settings, tmp_path: Path
) -> None:
    ids = build_newsroom(store)
    site = tmp_path / "site"
    publish(store, site_settings, site)
    spare = site.resolve().parent
    publish(store, site_settings, site)
    (site.resolve().parent / "manifest.json").write_bytes(
        b'{"version": "x", "pages": {"en/ind'
    )  # cut short
    (spare / "manifest.json").write_bytes(b'["pages"]')  # JSON, but not a manifest
    (spare / "fragments.json").write_bytes(b"\x00")
    _retitle(store, ids[DETENTIONS.key], "Mass detentions at a Moscow protest")
    report = publish_site(store, site_settings, site)
    assert (
        report.site is not None and report.site.new == report.site.pages
    )  # nothing taken as already built
    fresh = tmp_path / "fresh"
    publish(store, site_settings, fresh)
    assert _snapshot(site.resolve()) == _snapshot(fresh.resolve())
    assert not spare.exists()
    assert (
        gc.get_freeze_count() == 0
    )  # the heap frozen for the build is handed back to the collector


def test_a_new_site_url_rewrites_every_page_like_a_fresh_build(
    store: Store, site_settings: Settings, tmp_path: Path
) -> None:
    build_newsroom(store)
    site = tmp_path / "site"
    publish(store, site_settings, site)
    publish(store, site_settings, site)
    moved = replace(site_settings, site_url="https://rights.example.net/")
    report = publish_site(store, moved, site)
    fresh = tmp_path / "fresh"
    publish(store, moved, fresh)
    assert _snapshot(site.resolve()) == _snapshot(fresh.resolve())
    assert (
        report.site is not None
        and "https://rights.example.net/" in (site / "sitemap.xml").read_text()
    )
