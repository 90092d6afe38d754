"""Edition segments → article HTML: placeholders restored to links and emphasis, then sanitised.

Segment texts are untrusted (outlets' HTML, machine output, reviewers' edits). Text is
escaped and tags are balanced here by construction; nh3 then re-parses the result
against an allow-list, so a slip in this module still cannot put script on a page.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from itertools import groupby

import nh3

from translate_pub.model import EditionSegment
from translate_pub.placeholders import restore_markup

INLINE = {"a", "em", "i", "strong", "b", "code", "sup", "sub", "s", "u", "mark", "q", "cite"}
BLOCKS = {"p", "h2", "h3", "h4", "li", "blockquote"}
ALLOWED_TAGS = INLINE | BLOCKS | {"br", "ul"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "q": {"cite"}}
URL_SCHEMES = {"http", "https"}  # the only links rendered anywhere
_ATTRS = {"a": ("href", "title"), "q": ("cite",)}


def sanitize(html: str) -> str:
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                     link_rel="noopener noreferrer")


def plain_text(text: str, markup: dict[str, dict[str, str]]) -> str:
    """A title or summary without its placeholders (escaping is the template's job)."""
    return "".join(str(v) for k, v in restore_markup(text, markup) if k == "text")


def inline_html(text: str, markup: dict[str, dict[str, str]]) -> str:
    """One sentence with its placeholders turned back into balanced, escaped inline HTML."""
    out: list[str] = []
    stack: list[str] = []
    for kind, value in restore_markup(text, markup):
        if kind == "text":
            out.append(escape(str(value), quote=False))
            continue
        attrs = value if isinstance(value, dict) else {}
        tag = attrs.get("tag", "")
        if kind == "void" and tag == "br":
            out.append("<br>")
        elif kind == "open" and tag in INLINE:
            pairs = "".join(f' {a}="{escape(attrs[a])}"' for a in _ATTRS.get(tag, ()) if attrs.get(a))
            # A link to nowhere we render (mailto:, javascript:) keeps its text only: an <a>
            # without href, given rel by the sanitiser, is invalid HTML.
            shown = not (tag == "a" and not _web_url(attrs.get("href", "")))
            out.append(f"<{tag}{pairs}>" if shown else "")
            stack.append(tag if shown else f"-{tag}")
        elif kind == "close" and (tag in stack or f"-{tag}" in stack):  # a misplaced close tag closes what it must
            while stack:
                top = stack.pop()
                out.append(_close(top))
                if top.lstrip("-") == tag:
                    break
    out.extend(_close(tag) for tag in reversed(stack))
    return "".join(out)


def _web_url(href: str) -> bool:
    return href.split(":", 1)[0].strip().lower() in URL_SCHEMES and ":" in href


def _close(tag: str) -> str:
    return "" if tag.startswith("-") else f"</{tag}>"


def block_html(segments: Iterable[EditionSegment], side: str) -> str:
    """The sentences of one paragraph (all sharing a block kind) as that block's inner HTML."""
    return " ".join(inline_html(getattr(s, side), s.markup) for s in segments)


def paragraphs(segments: tuple[EditionSegment, ...]) -> list[tuple[str, list[EditionSegment]]]:
    """Segments grouped into paragraphs, each with its block kind (unknown kinds become p)."""
    groups = []
    for _n, group in groupby(segments, key=lambda s: s.paragraph):
        segs = list(group)
        kind = segs[0].block if segs[0].block in BLOCKS else "p"
        groups.append((kind, segs))
    return groups


def _wrap(kind: str, inner: str) -> str:
    return f"<blockquote><p>{inner}</p></blockquote>" if kind == "blockquote" else f"<{kind}>{inner}</{kind}>"


def article_html(segments: tuple[EditionSegment, ...], side: str) -> str:
    """A whole article body in one language; `side` is "source" or "target"."""
    parts: list[str] = []
    in_list = False
    for kind, segs in paragraphs(segments):
        if (kind == "li") != in_list:
            parts.append("<ul>" if not in_list else "</ul>")
            in_list = not in_list
        parts.append(_wrap(kind, block_html(segs, side)))
    if in_list:
        parts.append("</ul>")
    return sanitize("\n".join(parts))


def _alone(kind: str, inner: str) -> str:
    """A paragraph standing on its own: a list item keeps a list around it."""
    return f"<ul><li>{inner}</li></ul>" if kind == "li" else _wrap(kind, inner)


def parallel_rows(segments: tuple[EditionSegment, ...]) -> list[tuple[str, str]]:
    """(source HTML, target HTML) per paragraph, for the side-by-side view."""
    return [(sanitize(_alone(kind, block_html(segs, "source"))), sanitize(_alone(kind, block_html(segs, "target"))))
            for kind, segs in paragraphs(segments)]
