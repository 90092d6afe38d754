"""Edition segments → article HTML: placeholders restored to links and emphasis, then sanitised.

Every sentence is a `<span id="sN">`, N its number in the editor (1 is the title), so a quote
can link to the sentence it took, in either language; the parallel view suffixes the original's
anchors with its language (`s5-ru`), as ids must be unique on a page.

Segment texts are untrusted (outlets' HTML, machine output, reviewers' edits). Text is
escaped and tags are balanced here by construction; nh3 then re-parses the result
against an allow-list, so a slip in this module still cannot put script on a page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from html import escape
from itertools import groupby

import nh3

from translate_pub.links import web_url
from translate_pub.model import EditionSegment
from translate_pub.placeholders import restore_markup

INLINE = {
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
BLOCKS = {"p", "h2", "h3", "h4", "li", "blockquote"}
ALLOWED_TAGS = INLINE | BLOCKS | {"br", "ul", "span"}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "q": {"cite"},
    "span": {"id", "class", "role"},
}
URL_SCHEMES = {"http", "https"}  # the only links rendered anywhere
_ATTRS = {"a": ("href", "title"), "q": ("cite",)}
Inline = Callable[
    [dict[str, str]], str
]  # a digest's inline quote (a void placeholder's markup) → HTML
Marker = Callable[
    [str], str
]  # why a sentence was left out → the marker's words, escaped


def left_out_en(reason: str) -> str:
    return f"[sentence left out: {escape(reason, quote=False)}]"


def sanitize(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


def plain_text(text: str, markup: dict[str, dict[str, str]]) -> str:
    """A title or summary without its placeholders (escaping is the template's job)."""
    return "".join(str(v) for k, v in restore_markup(text, markup) if k == "text")


def inline_html(
    text: str, markup: dict[str, dict[str, str]], quote: Inline | None = None
) -> str:
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
        elif kind == "void" and tag == "quote" and quote is not None:
            out.append(quote(attrs))
        elif kind == "open" and tag in INLINE:
            pairs = "".join(
                f' {a}="{escape(attrs[a])}"'
                for a in _ATTRS.get(tag, ())
                if attrs.get(a)
            )
            # A link to nowhere we render (mailto:, javascript:) keeps its text only: an <a>
            # without href, given rel by the sanitiser, is invalid HTML.
            shown = not (tag == "a" and not web_url(attrs.get("href")))
            out.append(f"<{tag}{pairs}>" if shown else "")
            stack.append(tag if shown else f"-{tag}")
        elif kind == "close" and (
            tag in stack or f"-{tag}" in stack
        ):  # a misplaced close tag closes what it must
            while stack:
                top = stack.pop()
                out.append(_close(top))
                if top.lstrip("-") == tag:
                    break
    out.extend(_close(tag) for tag in reversed(stack))
    return "".join(out)


def _close(tag: str) -> str:
    return "" if tag.startswith("-") else f"</{tag}>"


def anchor(number: int, suffix: str = "") -> str:
    """The id of sentence `number` on a page (see the module docstring)."""
    return f"s{number}{suffix}"


def block_html(
    segments: Iterable[EditionSegment],
    side: str,
    suffix: str = "",
    quote: Inline | None = None,
    marker: Marker | None = None,
) -> str:
    """The sentences of one paragraph (all sharing a block kind) as that block's inner HTML, each
    anchored. A sentence a reviewer left out is, on the translation's side, a marker saying so
    and why (`marker`, English by default), which screen readers announce as a note; on the
    original's side, the sentence followed by such a note when a `marker` is given."""
    return " ".join(_sentence(s, side, suffix, quote, marker) for s in segments)


def _sentence(
    s: EditionSegment,
    side: str,
    suffix: str,
    quote: Inline | None,
    marker: Marker | None,
) -> str:
    note = '<span{} class="omitted" role="note">{}</span>'
    if s.omitted and side == "target":
        where = f' id="{anchor(s.number, suffix)}"' if s.number else ""
        return note.format(where, (marker or left_out_en)(s.omitted))
    html = inline_html(getattr(s, side), s.markup, quote)
    if s.number:
        html = f'<span id="{anchor(s.number, suffix)}">{html}</span>'
    if s.omitted and marker:
        html += " " + note.format("", marker(s.omitted))
    return html


def paragraphs(
    segments: tuple[EditionSegment, ...],
) -> list[tuple[str, list[EditionSegment]]]:
    """Segments grouped into paragraphs, each with its block kind (unknown kinds become p)."""
    groups = []
    for _n, group in groupby(segments, key=lambda s: s.paragraph):
        segs = list(group)
        kind = segs[0].block if segs[0].block in BLOCKS else "p"
        groups.append((kind, segs))
    return groups


def _wrap(kind: str, inner: str) -> str:
    return (
        f"<blockquote><p>{inner}</p></blockquote>"
        if kind == "blockquote"
        else f"<{kind}>{inner}</{kind}>"
    )


def article_html(
    segments: tuple[EditionSegment, ...], side: str, marker: Marker | None = None
) -> str:
    """A whole article body in one language; `side` is "source" or "target"."""
    return sanitize(unsanitized_html(segments, side, marker=marker))


def unsanitized_html(
    segments: tuple[EditionSegment, ...],
    side: str,
    quote: Inline | None = None,
    marker: Marker | None = None,
) -> str:
    """`article_html` before sanitising, for a caller that sanitises the page once with its own allow-list."""
    parts: list[str] = []
    in_list = False
    for kind, segs in paragraphs(segments):
        if (kind == "li") != in_list:
            parts.append("<ul>" if not in_list else "</ul>")
            in_list = not in_list
        parts.append(_wrap(kind, block_html(segs, side, quote=quote, marker=marker)))
    if in_list:
        parts.append("</ul>")
    return "\n".join(parts)


def _alone(kind: str, inner: str) -> str:
    """A paragraph standing on its own: a list item keeps a list around it."""
    return f"<ul><li>{inner}</li></ul>" if kind == "li" else _wrap(kind, inner)


def parallel_rows(
    segments: tuple[EditionSegment, ...],
    source_lang: str,
    marker: Marker | None = None,
) -> list[tuple[str, str]]:
    """(source HTML, target HTML) per paragraph, for the side-by-side view."""
    return [
        (
            sanitize(_alone(kind, block_html(segs, "source", f"-{source_lang}"))),
            sanitize(_alone(kind, block_html(segs, "target", marker=marker))),
        )
        for kind, segs in paragraphs(segments)
    ]
