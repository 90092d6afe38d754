"""Placeholders ↔ markup, for providers that keep tags in place when told the text is HTML/XML.

`<1>…</1>` is not a valid tag name, so it travels as `<x1>…</x1>`; a void `<2/>`
travels as the empty element `<x2></x2>`, which HTML and XML parsers both keep.
Text between tags is escaped, so a literal `<` in a sentence cannot become a tag.
"""

from __future__ import annotations

import html
import re

from translate_pub.placeholders import PLACEHOLDER

_TAG = re.compile(r"<(/?)x(\d+)\s*(/?)>")
_EMPTY = re.compile(r"<x(\d+)\s*>\s*</x\1\s*>|<x(\d+)\s*/>")


def to_markup(text: str) -> str:
    out, pos = [], 0
    for m in PLACEHOLDER.finditer(text):
        out.append(html.escape(text[pos : m.start()], quote=False))
        closing, n, void = m.groups()
        out.append(f"<x{n}></x{n}>" if void else f"<{closing}x{n}>")
        pos = m.end()
    out.append(html.escape(text[pos:], quote=False))
    return "".join(out)


def from_markup(text: str, source: str) -> str:
    """The provider's markup back to placeholders; `source` says which numbers were void."""
    voids = {n for _c, n, v in PLACEHOLDER.findall(source) if v}

    def empty(m: re.Match[str]) -> str:
        n = m.group(1) or m.group(2)
        return f"<{n}/>" if n in voids else f"<{n}></{n}>"

    text = _EMPTY.sub(empty, text)
    parts, pos = [], 0
    for m in _TAG.finditer(text):
        parts.append(html.unescape(text[pos : m.start()]))
        closing, n, void = m.groups()
        parts.append(f"<{n}/>" if void else f"<{closing}{n}>")
        pos = m.end()
    parts.append(html.unescape(text[pos:]))
    return "".join(parts)
