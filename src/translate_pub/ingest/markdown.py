"""Markdown with Jekyll/Hugo front matter → title, metadata and blocks."""

from __future__ import annotations

import re
from datetime import date, datetime

import yaml
from markdown_it import MarkdownIt

from translate_pub.errors import ParseError
from translate_pub.ingest.html import blocks_from_html
from translate_pub.segment import Block

FRONT = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)
# Jekyll's kramdown accepts "##Title" without a space; CommonMark does not.
LOOSE_HEADING = re.compile(r"^(#{1,6})(?=[^#\s])", re.M)
_md = MarkdownIt("commonmark", {"html": True}).enable("table")


def parse_markdown(text: str, where: str) -> tuple[dict, list[Block]]:  # type: ignore[type-arg]
    meta: dict = {}  # type: ignore[type-arg]
    m = FRONT.match(text)
    if m:
        try:
            meta = yaml.safe_load(m.group(1)) or {}
        except yaml.YAMLError as exc:
            line = getattr(getattr(exc, "problem_mark", None), "line", 0) + 2
            raise ParseError(f"{where}:{line}", "bad front matter") from None
        if not isinstance(meta, dict):
            raise ParseError(where, "front matter is not a mapping")
        text = text[m.end():]
    html = _md.render(LOOSE_HEADING.sub(r"\1 ", text))
    return meta, blocks_from_html(f"<div>{html}</div>", where)


def front_matter_date(meta: dict) -> datetime | None:  # type: ignore[type-arg]
    value = meta.get("date")
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.strip())
        except ValueError:
            return None
    return None
