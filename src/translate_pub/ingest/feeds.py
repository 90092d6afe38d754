"""RSS 2.0 / Atom feeds (feedparser) → entries to fetch, with the feed's title and dates."""

from __future__ import annotations

import io
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from translate_pub.errors import ParseError

FEED_TYPES = {
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/feed+xml",
}
XML_TYPES = {
    "application/xml",
    "text/xml",
    "text/html",
    "text/plain",
    "application/octet-stream",
    "",
}
FEED_ROOT = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*<(rss|feed|rdf:RDF)[\s>]",
    re.S | re.I,
)
FEED_END = re.compile(rb"</(rss|feed|rdf:RDF)\s*>", re.I)


@dataclass(frozen=True)
class Entry:
    """One feed item: where the article is and what the feed says about it."""

    number: int  # 1-based, for error messages
    link: str
    title: str
    published_at: datetime | None
    updated_at: datetime | None


def is_feed(mime: str, raw: bytes) -> bool:
    """A feed by its content type, or by its root element when the type is generic."""
    if mime in FEED_TYPES:
        return True
    return (
        mime in XML_TYPES
        and FEED_ROOT.match(raw[:4096].lstrip(b"\xef\xbb\xbf")) is not None
    )


def parse_feed(
    raw: bytes, content_type: str, where: str
) -> tuple[list[Entry], list[ParseError]]:
    """The usable entries and one error per broken entry; a feed with no entries at all is malformed."""
    import feedparser  # with the first feed read, not with every ingest (~20 ms)

    parsed = feedparser.parse(
        io.BytesIO(raw),
        response_headers={"content-type": content_type or "application/xml"},
    )
    if not parsed.entries:
        if parsed.bozo:
            reason = getattr(
                parsed.get("bozo_exception"),
                "getMessage",
                lambda: parsed.get("bozo_exception"),
            )()
            raise ParseError(where, f"malformed feed ({reason})")
        if not parsed.version:
            raise ParseError(where, "not an RSS or Atom feed")
    entries, errors = [], []
    if parsed.entries and not FEED_END.search(raw[-4096:]):
        # Cut off in transfer: what arrived is used, but later entries are missing.
        errors.append(
            ParseError(
                where,
                "truncated feed: it ends before its closing tag; later entries missing",
            )
        )
    for number, item in enumerate(parsed.entries, 1):
        link = (item.get("link") or "").strip()
        title = (item.get("title") or "").strip()
        if not link.startswith(("http://", "https://")):
            label = f" «{title}»" if title else ""
            errors.append(
                ParseError(
                    f"{where} entry {number}{label}", "entry has no article link"
                )
            )
            continue
        entries.append(
            Entry(
                number,
                link,
                title,
                _when(item.get("published_parsed")),
                _when(item.get("updated_parsed")),
            )
        )
    return entries, errors


def _when(value: time.struct_time | None) -> datetime | None:
    """feedparser normalises every feed date to a UTC struct_time."""
    return datetime(*value[:6], tzinfo=UTC) if value else None
