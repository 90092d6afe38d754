"""URL slugs: Wikipedia-style transliteration (iuliia), ASCII only; a pure function every stage may use."""

from __future__ import annotations

import re

import iuliia

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
MAX_LEN = 80


def slugify(text: str) -> str:
    """Transliterate and reduce to [a-z0-9-]: no dots or slashes, so no path traversal."""
    latin = iuliia.translate(text, schema=iuliia.WIKIPEDIA).lower()
    slug = _NOT_SLUG.sub("-", latin).strip("-")[:MAX_LEN].strip("-")
    return slug or "article"
