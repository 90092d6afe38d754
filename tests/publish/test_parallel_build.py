"""A build rendering its article pages in forked processes writes the same site as one process."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from translate_pub.config import Settings
from translate_pub.publish.site import publish_site
from translate_pub.store import Store

from .newsroom import DETENTIONS, ingest, segment_texts, translate_and_approve


def _tree(site: Path) -> dict[str, bytes]:
    root = site.resolve()
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file()
    }


def test_two_processes_write_the_site_one_would(
    store: Store, site_settings: Settings, tmp_path: Path
) -> None:
    for n in range(110):  # 220 article pages: enough for the build to fork
        story = replace(
            DETENTIONS,
            key=f"story-{n}",
            title=f"{DETENTIONS.title} {n}",
            title_en=f"{DETENTIONS.title_en} {n}",
            tags=(f"тема {n % 7}",),
            published=DETENTIONS.published + timedelta(days=n),
        )
        translate_and_approve(
            store,
            ingest(store, story),
            segment_texts(story),
            approved_at=datetime(2026, 11, 1, tzinfo=UTC) + timedelta(hours=n),
        )
    forked = publish_site(store, site_settings, tmp_path / "forked", workers=2)
    single = publish_site(store, site_settings, tmp_path / "single", workers=1)
    assert forked.site is not None and single.site is not None
    assert (forked.site.pages, forked.site.new) == (single.site.pages, single.site.new)
    assert _tree(tmp_path / "forked") == _tree(tmp_path / "single")
    assert len(list((tmp_path / "forked").resolve().glob("en/articles/*.html"))) == 110
