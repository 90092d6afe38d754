"""URL slugs: Wikipedia-style transliteration (iuliia), ASCII only, unique per store."""

from __future__ import annotations

import re

import iuliia
from sqlalchemy import Connection, select

from translate_pub.store import schema as t

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
MAX_LEN = 80


def slugify(text: str) -> str:
    """Transliterate and reduce to [a-z0-9-]: no dots or slashes, so no path traversal."""
    latin = iuliia.translate(text, schema=iuliia.WIKIPEDIA).lower()
    slug = _NOT_SLUG.sub("-", latin).strip("-")[:MAX_LEN].strip("-")
    return slug or "article"


def unique_slug(conn: Connection, text: str) -> str:
    base = slugify(text)
    taken = set(conn.execute(
        select(t.documents.c.slug).where(t.documents.c.slug.like(f"{base}%"))).scalars())
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"
