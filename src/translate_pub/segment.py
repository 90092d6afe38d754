"""Paragraphs → sentences (razdel), inline markup kept as numbered placeholders.

A block's inline HTML such as `Отчёт <a href="https://x">ОВД-Инфо</a>` becomes the
segment text `Отчёт <1>ОВД-Инфо</1>` with markup `{"1": {"tag": "a", "href": "https://x"}}`,
so translators never edit raw HTML and publishing restores the link.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from lxml import html as lxml_html

from translate_pub.model import NAME_BLOCK, Segment
from translate_pub.placeholders import PLACEHOLDER
from translate_pub.sentences import split_sentences

INLINE_TAGS = {
    "a",
    "em",
    "i",
    "strong",
    "b",
    "code",
    "sup",
    "sub",
    "s",
    "u",
    "mark",
    "q",
    "cite",
}
VOID_TAGS = {"br"}
KEPT_ATTRS = {"a": ("href", "title"), "q": ("cite",)}
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Block:
    """One paragraph-level unit of an article: its kind and inline HTML."""

    kind: str  # title, p, h2, h3, h4, li, blockquote
    html: str


def to_placeholders(inline_html: str) -> tuple[str, dict[str, dict[str, str]]]:
    """Inline HTML → text with `<n>…</n>` placeholders, and what each number stands for."""
    root = lxml_html.fragment_fromstring(inline_html or "", create_parent="div")
    parts: list[str] = []
    markup: dict[str, dict[str, str]] = {}

    def walk(el) -> None:  # type: ignore[no-untyped-def]
        for child in el:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag == "a" and not child.get("href"):
                tag = "span"  # a bare anchor (<a id=…>) is a jump target, nothing to translate around
            if tag in INLINE_TAGS and not child.text_content().strip():
                tag = "span"  # empty emphasis or link: a placeholder pair around nothing only confuses
            if tag in INLINE_TAGS or tag in VOID_TAGS:
                n = str(len(markup) + 1)
                markup[n] = {
                    "tag": tag,
                    **{
                        a: child.get(a) for a in KEPT_ATTRS.get(tag, ()) if child.get(a)
                    },
                }
                if tag in VOID_TAGS:
                    parts.append(f"<{n}/>")
                else:
                    parts.append(f"<{n}>")
                    parts.append(child.text or "")
                    walk(child)
                    parts.append(f"</{n}>")
            elif tag:  # unknown inline element (span, font …): keep its text only
                parts.append(child.text or "")
                walk(child)
            parts.append(child.tail or "")

    parts.append(root.text or "")
    walk(root)
    return _SPACE.sub(" ", "".join(parts)).strip(), markup


def segment_blocks(blocks: list[Block]) -> tuple[Segment, ...]:
    """Number every sentence of every block; the title, when present, is position 0."""
    segments: list[Segment] = []
    for paragraph, block in enumerate(b for b in blocks if b.html.strip()):
        text, markup = to_placeholders(block.html)
        sentences = [text] if block.kind == "title" else split_sentences(text)
        for i, sent in enumerate(s for s in sentences if s.strip()):
            used = {
                n: markup[n] for _c, n, _v in PLACEHOLDER.findall(sent) if n in markup
            }
            segments.append(
                Segment(len(segments), paragraph, i, sent, block.kind, used)
            )
    return tuple(segments)


_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def with_names(
    segments: tuple[Segment, ...],
    names: tuple[str, ...],
    written: str,
    named: Callable[[str, str], bool] | None = None,
) -> tuple[Segment, ...]:
    """The segments with one more for each tag or series name in the document's own script (Cyrillic
    when `written` in ru, Latin otherwise) that `names` holds: translated with the document, so its
    pages in other languages can name it. They follow the body, so no sentence's number changes;
    editions keep them apart from the body (store/editions.py). A name `named` says the glossary
    names (terms/names.py) gets none: the site calls it by the glossary's word."""
    wanted = [
        n
        for n in dict.fromkeys(x.strip() for x in names)
        if n
        and bool(_CYRILLIC.search(n)) == (written == "ru")
        and not (named and named(n, written))
    ]
    paragraph = segments[-1].paragraph + 1 if segments else 0
    return (
        *segments,
        *(
            Segment(
                len(segments) + i,
                paragraph + i,
                0,
                escape(n, quote=False),
                NAME_BLOCK,
                {},
            )
            for i, n in enumerate(wanted)
        ),
    )
