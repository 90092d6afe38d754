"""Article HTML → paragraph-level blocks (headings, paragraphs, list items, quotes), and their fingerprint."""

from __future__ import annotations

import hashlib

from lxml import etree
from lxml import html as lxml_html

from translate_pub.errors import ParseError
from translate_pub.segment import Block

BLOCK_KINDS = {
    "p": "p",
    "h1": "h2",
    "h2": "h2",
    "h3": "h3",
    "h4": "h4",
    "h5": "h4",
    "h6": "h4",
    "li": "li",
    "blockquote": "blockquote",
}
DROP = ("script", "style", "noscript", "iframe", "form", "nav", "footer", "svg")


def inner_html(el: etree._Element) -> str:
    parts = [el.text or ""]
    parts += [
        lxml_html.tostring(child, encoding="unicode", with_tail=True) for child in el
    ]
    return "".join(parts)


def blocks_from_html(markup: str, where: str) -> list[Block]:
    """Blocks in document order; nested blocks (a <p> inside <li>) are taken once, innermost."""
    try:
        root = lxml_html.fromstring(markup or "<div></div>")
    except (etree.ParserError, ValueError) as exc:
        raise ParseError(where, f"unreadable HTML ({exc})") from None
    for bad in root.iter(*DROP):
        bad.drop_tree()
    blocks = []
    for el in root.iter(*BLOCK_KINDS):
        if any(child.tag in BLOCK_KINDS for child in el.iter() if child is not el):
            if el.tag != "li" or el.text and el.text.strip():
                blocks.extend(_loose_text(el))
            continue
        kind = BLOCK_KINDS[el.tag]
        if el.getparent() is not None and el.getparent().tag == "blockquote":
            kind = "blockquote"
        blocks.append(Block(kind, inner_html(el).strip()))
    return [b for b in blocks if b.html and plain_text(b.html)]


def _loose_text(el: etree._Element) -> list[Block]:
    """Text sitting directly in a container that also holds blocks (rare, but never dropped)."""
    text = (el.text or "").strip()
    return [Block(BLOCK_KINDS.get(el.tag, "p"), text)] if text else []


def escape_text(text: str) -> str:
    """Plain text made safe to treat as inline HTML."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def plain_text(inline_html: str) -> str:
    return lxml_html.fromstring(f"<div>{inline_html}</div>").text_content().strip()


def content_hash(title: str, blocks: list[Block]) -> str:
    """Fingerprint of what a reader sees: unchanged text means an unchanged document."""
    h = hashlib.sha256(title.encode())
    for b in blocks:
        h.update(f"\x1e{b.kind}\x1f{b.html}".encode())
    return h.hexdigest()
