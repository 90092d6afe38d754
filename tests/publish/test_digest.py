"""A digest of three real OVD-Info pages published in both languages: the whole tree against a
golden copy, then what a reader relies on (hreflang, feeds, quote links, Quoted in, credits, staleness)."""

from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import feedparser
from babel.dates import format_date
from lxml import html

from tests.digest_newsroom import FIXTURES, build_digest
from translate_pub.config import Settings
from translate_pub.ingest.files import read_file
from translate_pub.store import Store
from translate_pub.store.documents import current_segments
from translate_pub.store.workflow import save_document

from . import sitecheck
from .newsroom import publish
from .test_golden import _tree, compare

GOLDEN = Path(__file__).with_name("golden_digest")
DIGEST = "digests/pravozashchitnaya-gruppa-nedeli-ovd-info.html"
EN_DIGEST = "digests/rights-group-of-the-week-ovd-info.html"  # English pages: slugs from the English title
PAGES = {"ru": DIGEST, "en": EN_DIGEST}


def built(store: Store, settings: Settings, out: Path) -> Path:
    build_digest(store, settings)
    publish(store, settings, out)
    return out.resolve()


def test_digest_site_matches_golden(
    store: Store, site_settings: Settings, tmp_path: Path
) -> None:
    root = built(store, site_settings, tmp_path / "site")
    if os.environ.get("TP_REGENERATE_GOLDEN"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        shutil.copytree(root, GOLDEN)
    compare(_tree(root), _tree(GOLDEN))


def test_both_editions_are_reciprocal_and_in_sitemap_and_feeds(
    store: Store, site_settings: Settings, tmp_path: Path
) -> None:
    root = built(store, site_settings, tmp_path / "site")
    site = site_settings.site_url
    clusters = sitecheck.hreflang_clusters(root, site)
    assert clusters[f"en/{EN_DIGEST}"] == {
        ("en", f"{site}en/{EN_DIGEST}"),
        ("ru", f"{site}ru/{DIGEST}"),
        ("x-default", f"{site}en/{EN_DIGEST}"),
    }
    sitecheck.internal_links(root)
    sitecheck.well_formed(root)
    locs = sitecheck.sitemap(root, site).xpath(
        "//s:loc/text()", namespaces=sitecheck.SITEMAP_NS
    )
    assert {
        f"{site}en/{EN_DIGEST}",
        f"{site}ru/{DIGEST}",
        f"{site}en/series/rights-group-of-the-week/index.html",
    } <= set(locs)
    entry = next(
        e
        for e in sitecheck.feed(root, "en").entries
        if e.link == f"{site}en/{EN_DIGEST}"
    )
    assert entry.author == "Anna Compiler"
    assert (
        f'href="{site}en/articles/about-us.html#s2"' in entry.content[0].value
    )  # absolute links in feeds
    series = feedparser.parse(
        (root / "ru/series/pravozashchitnaya-gruppa-nedeli/atom.xml").read_bytes()
    )
    assert not series.bozo and [e.title for e in series.entries] == [
        "Правозащитная группа недели: ОВД-Инфо"
    ]


def test_quotes_are_the_original_russian_and_the_approved_english_with_links(
    store: Store, site_settings: Settings, tmp_path: Path
) -> None:
    root = built(store, site_settings, tmp_path / "site")
    en, ru = (
        html.fromstring((root / lang / PAGES[lang]).read_bytes())
        for lang in ("en", "ru")
    )
    en_quotes, ru_quotes = (
        en.xpath("//blockquote[@class='quote']"),
        ru.xpath("//blockquote[@class='quote']"),
    )
    assert len(en_quotes) == len(ru_quotes) == 3
    assert (
        en_quotes[2]
        .xpath("string(p)")
        .startswith("Out of 176 appealed cases, only 4 were annulled")
    )
    assert (
        ru_quotes[2]
        .xpath("string(p)")
        .startswith("Из 176 рассмотренных судами административных дел")
    )
    assert [a.get("href") for a in en_quotes[1].xpath("footer/a")] == [
        "../../en/articles/courts-data.html#s2",
        "https://ovdinfo.org/2012/data/courts/ru",
    ]
    assert en_quotes[1].xpath("string(footer/time)") == "29 January 2013"
    assert ru_quotes[1].xpath("string(footer/time)") == format_date(
        date(2013, 1, 29), "long", locale="ru"
    )
    assert "Compiled by Anna Compiler, reviewed by editor-rev." in en.xpath(
        "string(//section[@class='provenance'])"
    )
    assert ru.xpath("string(//p[@class='meta']/time)") == format_date(
        date(2013, 4, 26), "long", locale="ru"
    )


def test_quoted_articles_link_back_to_the_digest(
    store: Store, site_settings: Settings, tmp_path: Path
) -> None:
    root = built(store, site_settings, tmp_path / "site")
    for lang, title in (
        ("en", "Rights Group of the Week: OVD-Info"),
        ("ru", "Правозащитная группа недели: ОВД-Инфо"),
    ):
        about = {"ru": "articles/o-nas.html", "en": "articles/about-us.html"}[lang]
        page = html.fromstring((root / lang / about).read_bytes())
        assert [
            (a.text, a.get("href"))
            for a in page.xpath("//section[@class='quoted-in']//a")
        ] == [(title, f"../../{lang}/{PAGES[lang]}")]


def test_a_revised_source_is_flagged_on_the_digest(
    store: Store, site_settings: Settings, tmp_path: Path
) -> None:
    root = built(store, site_settings, tmp_path / "site")
    assert not html.fromstring((root / "en" / EN_DIGEST).read_bytes()).xpath(
        "//*[@class='updated']"
    )
    doc = read_file(FIXTURES / "2013-01-29-courts.md", outlet="OVD-Info")
    url = "https://ovdinfo.org/2012/data/courts/ru"
    with store.begin() as conn:  # the outlet edits the page: the article goes STALE
        save_document(
            conn,
            replace(doc, url=url, canonical_url=url, content_hash="changed"),
            ("en",),
        )
    publish(store, site_settings, tmp_path / "site")
    page = html.fromstring(
        (tmp_path / "site").resolve().joinpath("en", EN_DIGEST).read_bytes()
    )
    assert [q.xpath("string(footer/span)") for q in page.xpath("//blockquote")] == [
        "",
        "The original has been updated",
        "",
    ]


def test_connecting_markdown_is_sanitized(
    store: Store, site_settings: Settings, tmp_path: Path
) -> None:
    from tests.digest_newsroom import build_sources
    from translate_pub.ingest.digest_files import ingest_digests

    build_sources(store)
    path = tmp_path / "hostile.md"
    path.write_text(
        '---\ntitle: "<script>alert(1)</script>"\nauthor: "<b>Ed</b>"\n---\n'
        "<script>alert(2)</script> [клик](javascript:alert(3)) <img src=x onerror=alert(4)>\n\n"
        '{{< quote doc="o-nas" segments="2" >}}\n'
    )
    done, errors = ingest_digests(store, path, site_settings)
    assert not errors
    from tests.digest_newsroom import approve

    digest_id = int(done[0].split("digest ")[1].split()[0])
    approve(
        store,
        digest_id,
        [
            "<script>alert(1)</script>",
            "<script>alert(2)</script> <img src=x onerror=alert(4)>",
        ],
    )
    publish(store, site_settings, tmp_path / "site")
    for lang in ("ru", "en"):
        folder = (tmp_path / "site").resolve() / lang / "digests"
        page = next(folder.iterdir()).read_text()
        assert (
            "<script>" not in page
            and 'href="javascript' not in page
            and "<img" not in page
        )
        assert (
            "&lt;script&gt;alert(1)&lt;/script&gt;</h1>" in page or lang == "en"
        )  # shown as text, never run


def _reapprove(store: Store, digest_id: int, position: int, text: str) -> None:
    from tests import steps

    with store.begin() as conn:
        steps.edit(conn, digest_id, position, text, by="editor")
        steps.approve(conn, digest_id, "en", "editor")


def test_incremental_publish_renders_what_a_digest_change_touches(
    store: Store, site_settings: Settings, tmp_path: Path
) -> None:
    digest_id = build_digest(store, site_settings)
    out = tmp_path / "site"
    publish(store, site_settings, out)

    def key(path: str) -> str:
        """The page's input key in the live build's manifest: unchanged means linked, not rendered."""
        return json.loads((out.resolve().parent / "manifest.json").read_text())[
            "pages"
        ][path]["key"]

    before = {
        p: key(p)
        for p in (
            f"en/{EN_DIGEST}",
            "en/articles/about-us.html",
            "ru/articles/o-nas.html",
        )
    }
    _reapprove(store, digest_id, 2, "This is how the project describes itself today:")
    publish(store, site_settings, out)
    assert key(f"en/{EN_DIGEST}") != before[f"en/{EN_DIGEST}"]
    assert key("en/articles/about-us.html") == before["en/articles/about-us.html"]
    _reapprove(store, digest_id, 0, "Rights Group of the Week: OVD-Info, renamed")
    publish(store, site_settings, out)
    page = html.fromstring((out.resolve() / "en/articles/about-us.html").read_bytes())
    assert (
        page.xpath("string(//section[@class='quoted-in']//a)")
        == "Rights Group of the Week: OVD-Info, renamed"
    )


def test_a_quote_links_to_its_sentence_in_the_article_of_the_pages_own_language(
    store: Store, site_settings: Settings, tmp_path: Path
) -> None:
    root = built(store, site_settings, tmp_path / "site")
    for lang, article in (
        ("en", "en/articles/appeals-data.html"),
        ("ru", "ru/articles/dannye-po-apellyatsiyam.html"),
    ):
        quote = html.fromstring((root / lang / PAGES[lang]).read_bytes()).xpath(
            "//blockquote[@class='quote']"
        )[2]
        link = quote.xpath("footer/a")[0]
        assert (
            link.get("href") == f"../../{article}#s4"
            and link.get("hreflang") == lang
            and link.get("lang") is None
        )
        sentence = html.fromstring((root / article).read_bytes()).get_element_by_id(
            "s4"
        )
        assert sentence.text_content() == quote.xpath(
            "string(p)"
        )  # the anchor holds exactly the quoted words
    sitecheck.internal_links(root)  # every #sN reached exists


def test_every_article_page_anchors_each_sentence_by_its_editor_number(
    store: Store, site_settings: Settings, tmp_path: Path
) -> None:
    root = built(store, site_settings, tmp_path / "site")
    english = json.loads((FIXTURES / "approved-en.json").read_text())[
        "2013-01-22-appeals.md"
    ]
    numbers = [f"s{n}" for n in range(1, len(english) + 1)]
    for page, ids in (
        ("en/articles/appeals-data.html", numbers),
        ("ru/articles/dannye-po-apellyatsiyam.html", numbers),
        ("en/parallel/appeals-data.html", numbers + [f"{n}-ru" for n in numbers]),
    ):
        doc = html.fromstring((root / page).read_bytes())
        assert sorted(doc.xpath("//*[starts-with(@id, 's')]/@id")) == sorted(ids), page
    doc = html.fromstring((root / "en/articles/appeals-data.html").read_bytes())
    assert doc.get_element_by_id("s1").text_content() == english[0]
    assert (
        doc.get_element_by_id("s4")
        .text_content()
        .startswith("Out of 176 appealed cases")
    )


def test_an_inline_quote_is_in_the_languages_quotation_marks_and_linked(
    store: Store, site_settings: Settings, tmp_path: Path
) -> None:
    root = built(store, site_settings, tmp_path / "site")
    en, ru = (
        html.fromstring((root / lang / PAGES[lang]).read_bytes())
        for lang in ("en", "ru")
    )
    en_p = next(
        p for p in en.xpath("//p") if p.text_content().startswith("For comparison")
    )
    ru_p = next(
        p for p in ru.xpath("//p") if p.text_content().startswith("Для сравнения")
    )
    assert en_p.text_content().startswith(
        "For comparison, the project writes: “For the same period of time"
    )
    assert en_p.text_content().endswith("”.")
    assert ru_p.text_content().startswith(
        "Для сравнения, проект пишет: «Одновременно в судебной базе данных"
    )
    assert ru_p.text_content().endswith("».")
    assert [a.get("href") for a in en_p.xpath(".//a")] == [
        "../../en/articles/courts-data.html#s4"
    ]
    assert [a.get("href") for a in ru_p.xpath(".//a")] == [
        "../../ru/articles/dannye-po-mirovym-sudam.html#s4"
    ]


def test_a_sources_list_closes_the_digest_in_the_model_pages_form(
    store: Store, site_settings: Settings, tmp_path: Path
) -> None:
    root = built(store, site_settings, tmp_path / "site")
    lines = {}
    for lang in ("en", "ru"):
        section = html.fromstring((root / lang / PAGES[lang]).read_bytes()).xpath(
            "//section[@class='sources']"
        )
        assert (
            len(section) == 1 and section[0].getparent().get("class") == "body"
        )  # closes the body
        lines[lang] = [
            (li.text_content(), [a.get("href") for a in li.xpath("a")])
            for li in section[0].xpath(".//li")
        ]
    assert lines["en"] == [
        ("‘About us,’ OVD-Info, 28 January 2013", ["../../en/articles/about-us.html"]),
        (
            "‘Courts data,’ OVD-Info, 29 January 2013",
            ["../../en/articles/courts-data.html"],
        ),
        (
            "‘Appeals data,’ OVD-Info, 22 January 2013",
            ["../../en/articles/appeals-data.html"],
        ),
    ]
    assert lines["ru"][0] == (
        f"«О нас», OVD-Info, {format_date(date(2013, 1, 28), 'long', locale='ru')}",
        ["../../ru/articles/o-nas.html"],
    )
    assert len(lines["ru"]) == 3


def test_the_compiler_is_credited_and_the_outlet_is_the_sites_publisher(
    store: Store, site_settings: Settings, tmp_path: Path
) -> None:
    root = built(store, site_settings, tmp_path / "site")
    for lang, compiled in (
        ("en", "Compiled by Anna Compiler"),
        ("ru", "Составитель: Anna Compiler"),
    ):
        page = html.fromstring((root / lang / PAGES[lang]).read_bytes())
        assert page.xpath("string(//article/header/p[@class='credit'])") == compiled
        assert [
            a.text_content() for a in page.xpath("//article/header/p[@class='meta']/a")
        ] == ["Rights in Russia"]
        assert (root / lang / "outlets/rights-in-russia/index.html").is_file()
        assert not (root / lang / "outlets/anna-compiler").exists()


def test_digest_provenance_is_written_like_an_articles(
    store: Store, site_settings: Settings, tmp_path: Path
) -> None:
    from translate_pub.store import schema
    from translate_pub.store.glossary import record_glossary

    build_digest(store, site_settings)
    with (
        store.begin() as conn
    ):  # a source read from a file has no web address: no "original" link, no bare <a>
        conn.execute(
            schema.documents.update()
            .where(schema.documents.c.slug == "o-nas")
            .values(url="about.md")
        )
        record_glossary(
            conn, "g-2026-11", 1, "id,ru,en,en_forbidden,note\nsud,суд,court,,\n"
        )
    publish(store, site_settings, tmp_path / "site")
    root = (tmp_path / "site").resolve()
    en, ru = (
        html.fromstring((root / lang / PAGES[lang]).read_bytes())
        for lang in ("en", "ru")
    )
    about = en.xpath("//section[@class='provenance']")[0]
    machine = about.xpath(
        "string(.//dt[.='Machine translation']/following-sibling::dd[1])"
    )
    assert (
        machine == "recorded Google Translate output"
        and "recorded-google" not in en.text_content()
    )
    glossary = about.xpath(".//dt[.='Glossary version']/following-sibling::dd[1]/a")[0]
    assert (
        glossary.text_content() == "g-2026-11"
        and glossary.get("href") == "../../en/glossary/g-2026-11.html"
    )
    assert (
        (root / "en" / PAGES["en"])
        .parent.joinpath(glossary.get("href"))
        .resolve()
        .is_file()
    )
    for page in (en, ru):
        assert page.xpath("//a[not(@href)]") == []
        assert ".." not in page.xpath("string(//section[@class='provenance'])").replace(
            "...", ""
        )
    assert [
        a.text for a in en.xpath("//blockquote[@class='quote']")[0].xpath("footer/a")
    ] == ["About us"]


def test_english_pages_and_urls_name_tags_and_series_in_english(
    store: Store, site_settings: Settings, tmp_path: Path
) -> None:
    root = built(store, site_settings, tmp_path / "site")
    en, ru = (
        html.fromstring((root / lang / PAGES[lang]).read_bytes())
        for lang in ("en", "ru")
    )
    assert [a.text_content() for a in en.xpath("//span[@class='tags']/a")] == [
        "OVD-Info",
        "courts",
    ]
    assert [a.text_content() for a in ru.xpath("//span[@class='tags']/a")] == [
        "ОВД-Инфо",
        "суды",
    ]
    series = en.xpath("//dt[.='Series']/following-sibling::dd[1]/a")[0]
    assert (series.text_content(), series.get("href")) == (
        "Rights Group of the Week",
        "../../en/series/rights-group-of-the-week/index.html",
    )
    english = [p for p in root.joinpath("en").rglob("*") if p.is_file()]
    assert not [
        p for p in english if re.search("[а-яё]", p.relative_to(root).as_posix())
    ]
    for page in english:  # no Russian series or tag name anywhere on an English page, <title> and feeds included
        text = page.read_text()
        assert "Правозащитная группа недели" not in text.replace(
            "Правозащитная группа недели: ОВД-Инфо", ""
        )
        assert ">суды<" not in text and "sudy" not in page.as_posix()
    feed = feedparser.parse(
        (root / "en/series/rights-group-of-the-week/atom.xml").read_bytes()
    )
    assert feed.feed.title.startswith("Rights Group of the Week")
    for lang, series_name in (
        ("en", "Rights Group of the Week"),
        ("ru", "Правозащитная группа недели"),
    ):
        index = html.fromstring((root / lang / "series/index.html").read_bytes())
        assert [a.text_content() for a in index.xpath("//ul[@class='terms']//a")] == [
            series_name
        ]


def test_an_inline_quote_carries_the_english_approved_when_the_digest_is(
    store: Store, site_settings: Settings, tmp_path: Path
) -> None:
    from tests.digest_newsroom import DIGEST as DIGEST_FILE
    from tests.digest_newsroom import DIGEST_EN, approve, build_sources
    from translate_pub.ingest.digest_files import ingest_digests

    ids = build_sources(store)
    done, errors = ingest_digests(store, DIGEST_FILE, site_settings)
    assert not errors
    digest_id = int(done[0].split("digest ")[1].split()[0])
    # the quoted sentence's English edited and approved again after the digest was saved (the same original)
    _reapprove(
        store,
        ids["2013-01-29-courts.md"],
        3,
        "Meanwhile the court database lists 1,610 cases under Article 19.3.",
    )
    with store.begin() as conn:
        rows = current_segments(conn, digest_id)
    approve(
        store, digest_id, [DIGEST_EN.get(r.source, "") for r in rows], by="editor-rev"
    )
    publish(store, site_settings, tmp_path / "site")
    page = html.fromstring(
        (tmp_path / "site").resolve().joinpath("en", EN_DIGEST).read_bytes()
    )
    sentence = next(
        p for p in page.xpath("//p") if p.text_content().startswith("For comparison")
    )
    assert sentence.text_content() == (
        "For comparison, the project writes: "
        "“Meanwhile the court database lists 1,610 cases under Article 19.3”."
    )


def test_every_page_links_the_series_index_which_the_first_digest_fills(
    store: Store, site_settings: Settings, tmp_path: Path
) -> None:
    from tests.digest_newsroom import DIGEST, DIGEST_EN, approve, build_sources
    from translate_pub.ingest.digest_files import ingest_digests

    build_sources(store)
    out = tmp_path / "site"
    publish(store, site_settings, out)
    names = {"en": "All series", "ru": "Все серии"}
    # pages a digest does not change (the sources' outlet): they link the index already
    outlets = {lang: f"{lang}/outlets/ovd-info/index.html" for lang in names}
    before = {lang: (out / page).read_bytes() for lang, page in outlets.items()}
    for lang, page in outlets.items():
        nav = html.fromstring((out / page).read_bytes()).xpath("//nav//a")
        [link] = [a for a in nav if a.get("href").endswith(f"{lang}/series/index.html")]
        assert link.text == names[lang]
        index = html.fromstring((out / f"{lang}/series/index.html").read_bytes())
        assert index.xpath("//ul[@class='terms']/li") == []  # no digest yet
    sitecheck.internal_links(out.resolve())
    done, errors = ingest_digests(store, DIGEST, site_settings)
    assert not errors
    digest_id = int(done[0].split("digest ")[1].split()[0])
    with store.begin() as conn:
        rows = current_segments(conn, digest_id)
    approve(store, digest_id, [DIGEST_EN.get(r.source, "") for r in rows])
    publish(store, site_settings, out)
    # the first series changes no other page's navigation, so those stay as they were
    assert {lang: (out / page).read_bytes() for lang, page in outlets.items()} == before
    series = {"en": "Rights Group of the Week", "ru": "Правозащитная группа недели"}
    for lang in names:
        index = html.fromstring((out / f"{lang}/series/index.html").read_bytes())
        assert index.xpath("//ul[@class='terms']/li/a/text()") == [series[lang]]
    sitecheck.internal_links(out.resolve())
