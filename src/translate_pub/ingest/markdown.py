"""Markdown with Jekyll/Hugo front matter (YAML between ---, or Hugo's TOML between +++) → title,
metadata and blocks."""

from __future__ import annotations

import re
import tomllib
from datetime import date, datetime

import yaml
from markdown_it import MarkdownIt

from translate_pub.errors import ParseError
from translate_pub.ingest.html import blocks_from_html
from translate_pub.segment import Block

FRONT = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)
FRONT_TOML = re.compile(r"\A\+\+\+\s*\n(.*?)\n\+\+\+\s*\n", re.S)
# Jekyll's kramdown accepts "##Title" without a space; CommonMark does not.
LOOSE_HEADING = re.compile(r"^(#{1,6})(?=[^#\s])", re.M)
_md = MarkdownIt("commonmark", {"html": True}).enable("table")


def parse_markdown(text: str, where: str) -> tuple[dict, list[Block]]:  # type: ignore[type-arg]
    meta, body = split_front_matter(text, where)
    html = _md.render(LOOSE_HEADING.sub(r"\1 ", body))
    return meta, blocks_from_html(f"<div>{html}</div>", where)


def split_front_matter(text: str, where: str) -> tuple[dict, str]:  # type: ignore[type-arg]
    """(metadata, Markdown body); a file without front matter has empty metadata."""
    toml = FRONT_TOML.match(text)
    if toml:
        try:
            return tomllib.loads(toml.group(1)), text[toml.end() :]
        except tomllib.TOMLDecodeError as exc:
            raise ParseError(where, f"bad front matter ({exc})") from None
    m = FRONT.match(text)
    if not m:
        return {}, text
    try:
        meta = yaml.safe_load(m.group(1)) or {}
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, m.group(1), where) from None
    except (
        ValueError
    ) as exc:  # a timestamp YAML recognises but the calendar refuses: date: 2017-13-45
        raise ParseError(where, f"bad front matter: {exc}") from None
    if not isinstance(meta, dict):
        raise ParseError(where, "front matter is not a mapping")
    return meta, text[m.end() :]


def _yaml_error(exc: yaml.YAMLError, yaml_text: str, where: str) -> ParseError:
    """The YAML problem at its line of the file (the opening --- is line 1), with quotes suggested for a colon."""
    mark = getattr(exc, "problem_mark", None)
    index = mark.line if mark is not None else 0
    problem = getattr(exc, "problem", None) or "not valid YAML"
    lines = yaml_text.splitlines()
    message = f"bad front matter: {problem}"
    for n in (index, index - 1):  # PyYAML may point at the line after the one at fault
        key, colon, value = (
            lines[n].partition(":") if 0 <= n < len(lines) else ("", "", "")
        )
        if (
            colon
            and ": " in value.strip() + " "
            and not value.strip().startswith(('"', "'"))
        ):
            quoted = value.strip().replace('"', '\\"')
            return ParseError(
                f"{where}:{n + 2}",
                f'{message}; a value holding a colon needs quotes: {key}: "{quoted}"',
            )
    return ParseError(f"{where}:{index + 2}", message)


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
