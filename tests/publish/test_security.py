"""Untrusted text never reaches a page unescaped, and no slug can write outside the site."""

from __future__ import annotations

from pathlib import Path

from lxml import html
from sqlalchemy import insert, update

from translate_pub.config import Settings
from translate_pub.store import Store, schema

from .newsroom import Story, ingest, publish, translate_and_approve

PAYLOAD = '<script>alert(1)</script><img src=x onerror=alert(2)>"><svg onload=alert(3)>'
EVIL = Story(
    key="xss",
    title=f"Заголовок {PAYLOAD}",
    title_en=f"Title {PAYLOAD}",
    paragraphs=[
        (
            "p",
            f'Текст {PAYLOAD} <a href="javascript:alert(4)">ссылка</a>.',
            f"Text {PAYLOAD} <1>link</1> <b onclick=alert(5)>bold</b>.",
        ),
        (
            "p",
            '<a href="https://ovd.info/x" title="&quot; onmouseover=&quot;alert(6)">Ссылка</a> по теме.',
            "<1>A link</1> on the subject.",
        ),
    ],
    outlet=f"Outlet {PAYLOAD}",
    tags=(PAYLOAD,),
)


def _assert_inert(root: Path) -> None:
    for page in root.rglob("*.html"):
        doc = html.fromstring(page.read_bytes())
        assert not doc.xpath("//img | //svg | //iframe"), page
        # The only script: the search page's own file (sitecheck.well_formed holds it to that).
        assert [s.get("src") for s in doc.xpath("//script")] == (
            ["../static/search.js"] if page.name == "search.html" else []
        ), page
        assert not doc.xpath("//@*[starts-with(name(), 'on')]"), page
        assert not doc.xpath(
            "//@href[starts-with(normalize-space(.), 'javascript')]"
        ), page


def test_payload_in_source_and_translation_is_escaped(
    store: Store, site_settings: Settings, tmp_path: Path
) -> None:
    doc_id = ingest(store, EVIL)
    translate_and_approve(
        store, doc_id, [EVIL.title_en, *(en for _k, _ru, en in EVIL.paragraphs)]
    )
    publish(store, site_settings, tmp_path / "site")
    root = (tmp_path / "site").resolve()
    _assert_inert(root)
    page = next((root / "en/articles").iterdir()).read_text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # shown as text, not run
    for xml in ("en/atom.xml", "ru/atom.xml", "sitemap.xml"):
        assert "<script" not in (root / xml).read_text()


def test_slug_from_the_store_cannot_escape_the_site(
    store: Store, site_settings: Settings, tmp_path: Path
) -> None:
    story = Story(
        key="trav",
        title="Обход",
        title_en="Traversal",
        paragraphs=[("p", "Текст.", "Text.")],
    )
    doc_id = ingest(store, story)
    translate_and_approve(store, doc_id, ["Traversal", "Text."])
    with (
        store.begin() as conn
    ):  # a slug no store function would write: as if the database were tampered with
        conn.execute(
            update(schema.documents)
            .where(schema.documents.c.id == doc_id)
            .values(slug="../../evil")
        )
        conn.execute(
            insert(schema.page_slugs).values(
                document_id=doc_id, lang="en", slug="../../evil"
            )
        )
    publish(store, site_settings, tmp_path / "out" / "site")
    assert all(".site.builds" in p.parts for p in tmp_path.rglob("*.html"))
    built = sorted(
        p.name for p in (tmp_path / "out" / "site").resolve().glob("*/articles/*.html")
    )
    assert built == [f"evil-{doc_id}.html"] * 2


def test_a_javascript_url_for_the_original_never_becomes_a_link(
    store: Store, site_settings: Settings, tmp_path: Path
) -> None:
    story = Story(
        key="jsurl",
        title="Ссылка",
        title_en="Link",
        paragraphs=[("p", "Текст.", "Text.")],
    )
    doc_id = ingest(store, story)
    translate_and_approve(store, doc_id, ["Link", "Text."])
    with (
        store.begin() as conn
    ):  # e.g. `url:` in a Markdown file's front matter, which ingest takes as given
        conn.execute(
            update(schema.documents)
            .where(schema.documents.c.id == doc_id)
            .values(url="javascript:alert(7)")
        )
    publish(store, site_settings, tmp_path / "site")
    root = (tmp_path / "site").resolve()
    _assert_inert(root)
    for feed in ("en/atom.xml", "ru/atom.xml"):
        assert "alert(7)" not in (root / feed).read_text()
