"""A fetched article page → a Document: main text (trafilatura), title, date, canonical URL.

Only the article body is kept (no navigation, comments or footers), with its headings,
paragraphs, lists, quotes, links and emphasis, which `segment` turns into placeholders.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from translate_pub.errors import InputError, ParseError
from translate_pub.ingest.encoding import binary_kind, decode
from translate_pub.ingest.fetch import Fetched
from translate_pub.ingest.html import (
    blocks_from_html,
    content_hash,
    escape_text,
    plain_text,
)
from translate_pub.ingest.urls import canonical_url
from translate_pub.model import Document
from translate_pub.segment import Block, segment_blocks

MIN_TEXT = 20  # characters outside links; less is a menu or a teaser, not an article
HTML_TYPES = {"text/html", "application/xhtml+xml", ""}
DATE_XPATHS = (
    '//meta[@property="article:published_time"]/@content',
    '//meta[@itemprop="datePublished"]/@content',
    '//meta[@name="pubdate" or @name="publishdate" or @name="date" or @name="DC.date.issued"]/@content',
    '//*[@itemprop="datePublished"]/@datetime',
    "//article//time/@datetime",
)
FULL_PAGE = re.compile(rb"<(html|body)[\s>]", re.I)
CLOSED = re.compile(rb"</(html|body)\s*>", re.I)


def page_document(
    fetched: Fetched,
    outlet: str,
    source_lang: str,
    *,
    title: str | None = None,
    published_at: datetime | None = None,
    where: str | None = None,
) -> Document:
    """Extract the article in `fetched`; feed metadata (`title`, `published_at`) wins over the page's."""
    where = where or fetched.url
    raw = fetched.content
    _check_is_html(raw, fetched.mime, where)
    text = decode(raw, where, fetched.charset)
    tree = _parse(text, where)
    canonical = canonical_url(tree, fetched.url)
    # Relative links are resolved against the article's web address, so they survive publishing.
    blocks = article_blocks(
        text, where, base_url=canonical if canonical.startswith("http") else None
    )
    meta = _metadata(text)
    title = (
        title or (meta.title if meta else None) or _first_heading(blocks) or ""
    ).strip()
    blocks = [b for b in blocks if not (b.kind == "h2" and plain_text(b.html) == title)]
    if not title or _own_text(blocks) < MIN_TEXT:
        raise ParseError(where, "empty article: no text found")
    return Document(
        source_lang=source_lang,
        outlet=outlet,
        title=title,
        url=fetched.url,
        canonical_url=canonical,
        content_hash=content_hash(title, blocks),
        segments=segment_blocks([Block("title", escape_text(title)), *blocks]),
        published_at=published_at
        or page_date(tree)
        or _meta_date(meta.date if meta else None),
        fetched_at=fetched.fetched_at,
        raw=raw,
        raw_content_type=fetched.content_type or "text/html",
    )


def article_blocks(text: str, where: str, base_url: str | None = None) -> list[Block]:
    """The article body as blocks; boilerplate and reader comments are dropped."""
    import trafilatura  # 0.2 s to import: only when a page is read, not for local files

    try:
        body = trafilatura.extract(
            text,
            url=base_url,
            output_format="html",
            include_comments=False,
            include_formatting=True,
            include_links=True,
            include_tables=False,
            favor_recall=True,
        )
    except (ValueError, etree.LxmlError) as exc:
        raise ParseError(where, f"unreadable HTML ({exc})") from None
    return blocks_from_html(body, where) if body else []


def _metadata(text: str) -> Any:
    """trafilatura's title/date guesses; metadata is optional, so a failure here is just no metadata."""
    import trafilatura

    try:
        return trafilatura.extract_metadata(text)
    except (ValueError, etree.LxmlError):
        return None


def _check_is_html(raw: bytes, mime: str, where: str) -> None:
    kind = binary_kind(raw)
    if kind:
        raise InputError(where, f"{kind} content, not an article page")
    if mime not in HTML_TYPES:
        raise InputError(where, f"not an article page (content type {mime})")
    if not raw.strip():
        raise ParseError(where, "empty response")
    if FULL_PAGE.search(raw[:8192]) and not CLOSED.search(raw[-8192:]):
        raise ParseError(where, "truncated HTML: the page ends before </body></html>")


def _parse(text: str, where: str) -> etree._Element:
    try:
        return lxml_html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise ParseError(where, f"unreadable HTML ({exc})") from None


def page_date(tree: etree._Element) -> datetime | None:
    """The publication time the page declares in its metadata, if any."""
    for xpath in DATE_XPATHS:
        for value in tree.xpath(xpath):
            parsed = parse_date(str(value))
            if parsed:
                return parsed
    return None


def parse_date(value: str) -> datetime | None:
    value = value.strip().replace("Z", "+00:00")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _meta_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        d = date.fromisoformat(value[:10])
    except ValueError:
        return None
    return datetime(d.year, d.month, d.day, tzinfo=UTC)


def _own_text(blocks: list[Block]) -> int:
    """Characters of text not inside links: what is left of a page that is only navigation is ~0."""
    size = 0
    for block in blocks:
        el = lxml_html.fromstring(f"<div>{block.html}</div>")
        for link in list(el.iter("a")):
            link.drop_tree()
        size += len(el.text_content().strip())
    return size


def _first_heading(blocks: list[Block]) -> str | None:
    return next((plain_text(b.html) for b in blocks if b.kind == "h2"), None)
