"""Bytes → text for Russian sources: UTF-8, windows-1251 or KOI8-R, never mojibake.

Order of evidence: a byte-order mark; valid UTF-8, or UTF-8 with a few stray bytes (single-byte Cyrillic text is
practically never valid UTF-8); the declared charset (HTTP header, then `<meta>`)
if it decodes to plausible text; otherwise whichever of windows-1251 and KOI8-R
reads as Russian. The declaration comes after the UTF-8 check because Russian
sites often keep a stale `windows-1251` header after converting to UTF-8.
"""

from __future__ import annotations

import codecs
import re

from translate_pub.errors import InputError

META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""", re.I)
CYRILLIC_SINGLE_BYTE = ("cp1251", "koi8_r")
BINARY_MAGIC = {
    b"%PDF": "PDF",
    b"PK\x03\x04": "ZIP/Office",
    b"\x89PNG": "PNG",
    b"\xff\xd8\xff": "JPEG",
    b"GIF8": "GIF",
    b"\xd0\xcf\x11\xe0": "Office",
}


def binary_kind(raw: bytes) -> str | None:
    """A name for binary content (PDF, image, archive …), or None for text."""
    for magic, kind in BINARY_MAGIC.items():
        if raw.startswith(magic):
            return kind
    return "binary" if b"\x00" in raw[:4096] else None


def declared_charset(raw: bytes) -> str | None:
    """The charset a document names for itself in `<meta>` or its XML declaration."""
    head = raw[:4096]
    m = META_CHARSET.search(head) or XML_ENCODING.search(head)
    return m.group(1).decode("ascii", "ignore") if m else None


def decode(raw: bytes, where: str, header_charset: str | None = None) -> str:
    """Text of `raw`; raises InputError for binary content or undecodable bytes."""
    kind = binary_kind(raw)
    if kind:
        raise InputError(where, f"{kind} content, not a text article")
    if raw.startswith(codecs.BOM_UTF8):
        return raw[3:].decode("utf-8", "replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    lenient = raw.decode("utf-8", "replace")
    if _cyrillic_count(lenient) >= 10 * lenient.count("\ufffd"):
        return lenient  # UTF-8 with a stray bad byte: read as single-byte, all of it would be mojibake
    for name in (header_charset, declared_charset(raw)):
        text = _try(raw, name)
        if text is not None and _russian_score(text) >= 0.5:
            return text
    best = max(
        CYRILLIC_SINGLE_BYTE, key=lambda enc: _russian_score(raw.decode(enc, "replace"))
    )
    return raw.decode(best, "replace")


def _try(raw: bytes, name: str | None) -> str | None:
    if not name:
        return None
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    if codec == "utf-8":
        return None  # already tried strictly above
    try:
        return raw.decode(codec)
    except UnicodeDecodeError:
        return None


def _russian_score(text: str) -> float:
    """Share of Cyrillic letters that are lower case: high for real Russian prose, low for
    KOI8-R read as windows-1251 (or the reverse), which turns most letters into capitals.
    Text without Cyrillic scores 1 (nothing to judge)."""
    letters = [c for c in text if "\u0400" <= c <= "\u04ff"]
    if not letters:
        return 1.0
    return sum(c.islower() for c in letters) / len(letters)


def _cyrillic_count(text: str) -> int:
    return sum(1 for c in text if "\u0400" <= c <= "\u04ff")
