"""A whole built site: hreflang reciprocity, links, sitemap, feeds, provenance, what gets published."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from lxml import html

from translate_pub.config import Settings
from translate_pub.model import Status
from translate_pub.store import Store
from translate_pub.store.translations import get_status

from . import sitecheck
from .newsroom import (
    CHECHNYA,
    DETENTIONS,
    DRAFT_ONLY,
    PICKET,
    build_newsroom,
    publish,
    segment_texts,
    translate_and_approve,
)

SLUG = "zaderzhaniya-na-aktsii-v-moskve"
EN = "detentions-at-a-protest-in-moscow"  # English pages take their slug from the English title


def test_every_page_is_linked_reciprocally_and_resolves(
    store: Store, site_settings: Settings, tmp_path: Path
) -> None:
    build_newsroom(store)
    summary = publish(store, site_settings, tmp_path / "site")
    root = (tmp_path / "site").resolve()
    assert summary.startswith("published 3 articles in ru, en")
    clusters = sitecheck.hreflang_clusters(root, site_settings.site_url)
    assert {lang for lang, _ in clusters[f"en/articles/{EN}.html"]} == {
        "en",
        "ru",
        "x-default",
    }
    assert ("x-default", "https://example.org/rights/index.html") in clusters[
        "en/index.html"
    ]
    sitecheck.html_langs(root)
    sitecheck.internal_links(root)
    sitecheck.well_formed(root)


def test_sitemap_lists_both_languages_with_alternates(
    store: Store, site_settings: Settings, tmp_path: Path
) -> None:
    build_newsroom(store)
    publish(store, site_settings, tmp_path / "site")
    tree = sitecheck.sitemap((tmp_path / "site").resolve(), site_settings.site_url)
    ns = sitecheck.SITEMAP_NS
    url = tree.xpath(
        f'//s:url[s:loc="https://example.org/rights/ru/articles/{SLUG}.html"]',
        namespaces=ns,
    )[0]
    assert {
        (a.get("hreflang"), a.get("href")) for a in url.xpath("x:link", namespaces=ns)
    } == {
        ("ru", f"https://example.org/rights/ru/articles/{SLUG}.html"),
        ("en", f"https://example.org/rights/en/articles/{EN}.html"),
        ("x-default", f"https://example.org/rights/en/articles/{EN}.html"),
    }
    assert url.xpath("s:lastmod/text()", namespaces=ns) == ["2026-11-01"]
    assert not tree.xpath("//s:loc[contains(., '/parallel/')]", namespaces=ns)


def test_one_atom_feed_per_language(
    store: Store, site_settings: Settings, tmp_path: Path
) -> None:
    build_newsroom(store)
    publish(store, site_settings, tmp_path / "site")
    root = (tmp_path / "site").resolve()
    en, ru = sitecheck.feed(root, "en"), sitecheck.feed(root, "ru")
    assert {e.title for e in en.entries} == {
        DETENTIONS.title_en,
        CHECHNYA.title_en,
        PICKET.title_en,
    }
    assert {e.title for e in ru.entries} == {
        DETENTIONS.title,
        CHECHNYA.title,
        PICKET.title,
    }
    entry = next(e for e in en.entries if e.title == DETENTIONS.title_en)
    assert entry.link == f"https://example.org/rights/en/articles/{EN}.html"
    assert '<a href="https://ovd.info/data"' in entry.content[0].value
    assert "reviewed by rev" in entry.content[0].value


def test_only_approved_documents_publish_and_are_marked(
    store: Store, site_settings: Settings, tmp_path: Path
) -> None:
    ids = build_newsroom(store)
    publish(store, site_settings, tmp_path / "site")
    root = (tmp_path / "site").resolve()
    assert (
        not list(root.rglob("*ne-opublikovan*"))
        and DRAFT_ONLY.title not in (root / "ru/index.html").read_text()
    )
    with store.begin() as conn:
        assert get_status(conn, ids[DETENTIONS.key], "en").status == Status.PUBLISHED
        assert (
            get_status(conn, ids[PICKET.key], "en").status == Status.STALE
        )  # stays flagged
        assert get_status(conn, ids[DRAFT_ONLY.key], "en").status == Status.NEW


def test_provenance_and_stale_notice(
    store: Store, site_settings: Settings, tmp_path: Path
) -> None:
    build_newsroom(store)
    publish(store, site_settings, tmp_path / "site")
    root = (tmp_path / "site").resolve()
    page = (root / f"en/articles/{EN}.html").read_text()
    for fact in (
        'href="https://ovd.info/news/detentions-moscow"',
        "26 June 2017",
        "Machine-translated from Russian",
        "reviewed by rev",
        "Approved on 1 November 2026",
        "recorded Google Translate output",
        "g-2026-11",
    ):
        assert fact in page
    assert "Original updated" not in page
    stale = (
        root / "en/articles/a-single-person-picket-outside-the-court.html"
    ).read_text()
    assert "Original updated" in stale and "approved on 1 November 2026" in stale
    assert (
        "Оригинал обновлён"
        in (root / "ru/articles/odinochny-piket-u-zdaniya-suda.html").read_text()
    )
    assert "26 июня 2017" in (root / f"ru/articles/{SLUG}.html").read_text()


def test_more_target_languages_are_data(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    """With targets en and uk, an article translated into both has three reciprocal pages."""
    three = replace(settings, site_url="https://example.org/", targets=("en", "uk"))
    ids = build_newsroom(store, ("en", "uk"))
    translate_and_approve(
        store, ids[DETENTIONS.key], segment_texts(DETENTIONS), lang="uk"
    )
    publish(store, three, tmp_path / "site")
    root = (tmp_path / "site").resolve()
    clusters = sitecheck.hreflang_clusters(root, three.site_url)
    assert {lang for lang, _ in clusters[f"uk/articles/{EN}.html"]} == {
        "ru",
        "en",
        "uk",
        "x-default",
    }
    assert not (
        root / "uk/articles/a-single-person-picket-outside-the-court.html"
    ).exists()
    sitecheck.internal_links(root)
    sitecheck.feed(root, "uk")


def test_tags_on_english_pages_are_their_glossary_terms_in_english(
    store: Store, site_settings: Settings, tmp_path: Path
) -> None:
    from .newsroom import build_newsroom

    build_newsroom(store)
    publish(store, site_settings, tmp_path / "site")
    root = (tmp_path / "site").resolve()
    index = html.fromstring((root / "en/tags/index.html").read_bytes())
    assert sorted(a.text_content() for a in index.xpath("//ul[@class='terms']//a")) == [
        "Chechnya",
        "LGBT",
        "Moscow",
        "detention",
    ]  # «задержания» is the term «задержание» inflected
    assert sorted(p.name for p in (root / "en/tags").iterdir() if p.is_dir()) == [
        "chechnya",
        "detention",
        "lgbt",
        "moscow",
    ]


def test_an_edition_with_an_untranslated_sentence_is_refused_and_the_others_publish(
    store: Store, site_settings: Settings, tmp_path: Path
) -> None:
    from sqlalchemy import select, update

    from translate_pub.store import schema

    ids = build_newsroom(store)
    with (
        store.begin() as conn
    ):  # an edition approved before approval required every sentence
        e = schema.editions
        row = conn.execute(
            select(e.c.id, e.c.body)
            .where(e.c.document_id == ids[DETENTIONS.key])
            .order_by(e.c.id.desc())
            .limit(1)
        ).one()
        body = [{**b, "target": ""} if i == 1 else b for i, b in enumerate(row.body)]
        conn.execute(
            update(e).where(e.c.id == row.id).values(body=body, untranslated=1)
        )
    summary = publish(store, site_settings, tmp_path / "site")
    assert (
        f"document {ids[DETENTIONS.key]} (en) not published: 1 sentence(s) of its approved edition have no "
        "translation; reopen it and translate them"
    ) in summary.splitlines()[1:]
    root = (tmp_path / "site").resolve()
    assert not (root / "en" / "articles" / f"{EN}.html").exists()
    assert list(
        (root / "en" / "articles").glob("*.html")
    )  # the other articles are published
    with store.begin() as conn:
        assert (
            get_status(conn, ids[DETENTIONS.key], "en").status == Status.APPROVED
        )  # not recorded as published
