"""Whole-site checks any built site must pass: hreflang clusters, internal links, sitemap, feeds."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path

import feedparser
from lxml import etree, html

VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
SITEMAP_NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}


def pages(root: Path) -> dict[str, html.HtmlElement]:
    return {
        p.relative_to(root).as_posix(): html.fromstring(p.read_bytes())
        for p in root.rglob("*.html")
    }


def url_to_path(url: str, site_url: str) -> str:
    assert url.startswith(site_url), url
    return url[len(site_url) :]


def hreflang_clusters(root: Path, site_url: str) -> dict[str, set[tuple[str, str]]]:
    """Every page's set of (hreflang, URL); asserts each member of a set carries the same set."""
    found = {
        path: {
            (link.get("hreflang"), link.get("href"))
            for link in doc.xpath("//head/link[@hreflang]")
        }
        for path, doc in pages(root).items()
    }
    for path, cluster in found.items():
        if not cluster:
            continue
        me = site_url + path
        assert (
            me in {href for _lang, href in cluster} or ("x-default", me) in cluster
        ), path
        for lang, href in cluster:
            target = url_to_path(href, site_url)
            assert (root / target).is_file(), (
                f"{path}: hreflang {lang} → missing {target}"
            )
            assert found[target] == cluster, (
                f"{path} ↔ {target}: hreflang not reciprocal"
            )
    return found


def html_langs(root: Path) -> None:
    for path, doc in pages(root).items():
        folder = path.split("/", 1)[0]
        if folder not in ("index.html",):
            assert doc.get("lang") == folder, path


def internal_links(root: Path) -> None:
    """Every relative link reaches a file, and its #fragment an element with that id there."""
    site = pages(root)
    for path, doc in site.items():
        for el in doc.xpath("//a[@href] | //link[@href]"):
            href = el.get("href")
            if href.startswith(("http://", "https://", "mailto:")):
                continue
            file, _, fragment = href.partition("#")
            target = (
                posixpath.normpath(posixpath.join(posixpath.dirname(path), file))
                if file
                else path
            )
            assert (root / target).is_file(), f"{path}: broken link {href}"
            if fragment and target.endswith(".html"):
                assert site[target].xpath("//*[@id=$id]", id=fragment), (
                    f"{path}: no #{fragment} in {target}"
                )


class _Balance(HTMLParser):
    """A strict-enough HTML5 check for our own output: balanced, properly nested, no duplicate ids."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.ids: set[str] = set()
        self.doctype = False

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl.lower() == "doctype html"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id":
                assert value not in self.ids, f"duplicate id {value}"
                self.ids.add(value or "")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, (
            f"</{tag}> closes <{self.stack[-1:]}>"
        )
        self.stack.pop()


def well_formed(root: Path) -> None:
    for p in root.rglob("*.html"):
        checker = _Balance()
        checker.feed(p.read_text())
        checker.close()
        assert checker.doctype and not checker.stack, p
        doc = html.fromstring(p.read_bytes())
        assert len(doc.xpath("//h1")) == 1 and doc.xpath("//head/title/text()"), p
        assert doc.xpath('//meta[@name="viewport"]'), p
        # The one script anywhere: the search page's own file, no inline code.
        scripts = [
            (s.get("src", ""), (s.text or "").strip()) for s in doc.xpath("//script")
        ]
        assert scripts == (
            [("../static/search.js", "")] if p.name == "search.html" else []
        ), p


def sitemap(root: Path, site_url: str) -> etree._Element:
    tree = etree.parse(str(root / "sitemap.xml"))
    for url in tree.xpath("//s:url", namespaces=SITEMAP_NS):
        loc = url.xpath("s:loc/text()", namespaces=SITEMAP_NS)[0]
        assert (root / url_to_path(loc, site_url)).is_file(), loc
        for alt in url.xpath("x:link", namespaces=SITEMAP_NS):
            assert (root / url_to_path(alt.get("href"), site_url)).is_file(), alt.get(
                "href"
            )
    return tree


def feed(root: Path, lang: str) -> feedparser.FeedParserDict:
    parsed = feedparser.parse((root / lang / "atom.xml").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.feed.language == lang
    return parsed
