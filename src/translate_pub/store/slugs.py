"""Unique URL slugs per store, made by the pure `translate_pub.slugs.slugify`.

A document's slug (from its original title) names its source-language page; each
translated page gets its own from its own title (`fix_page_slugs`) the first time it
is published, and keeps it when the title is edited later, so links never break.
"""

from __future__ import annotations

from sqlalchemy import Connection, bindparam, insert, select

from translate_pub.slugs import slugify
from translate_pub.store import schema as t

# Built once: every new document asks. A slug is [a-z0-9-], so neither pattern holds a wildcard
# but its last. SQLite reads a GLOB prefix as a range of the slug index; its LIKE, which
# ignores case, scans the whole index (a store load's new document took longer with each).
_GLOB = select(t.documents.c.slug).where(
    t.documents.c.slug.op("GLOB")(bindparam("prefix"))
)
_LIKE = select(t.documents.c.slug).where(t.documents.c.slug.like(bindparam("prefix")))


def unique_slug(conn: Connection, text: str) -> str:
    """The slug of `text`, numbered (`-2`, `-3` …) when another document already has it."""
    base = slugify(text)
    if conn.dialect.name == "sqlite":
        taken, prefix = _GLOB, f"{base}*"
    else:
        taken, prefix = _LIKE, f"{base}%"
    return _free(base, set(conn.execute(taken, {"prefix": prefix}).scalars()))


def fix_page_slugs(
    conn: Connection, titles: dict[tuple[int, str], str]
) -> dict[tuple[int, str], str]:
    """The slug of each (document, language) page, giving those without one a slug from its title."""
    ps = t.page_slugs
    known = {
        (r.document_id, r.lang): r.slug for r in conn.execute(select(ps))
    }  # one row per published page
    taken: dict[str, set[str]] = {}
    new = []
    for (doc, lang), title in sorted(titles.items()):
        if (doc, lang) in known:
            continue
        used = taken.get(lang)
        if used is None:
            used = taken[lang] = set(
                conn.execute(select(ps.c.slug).where(ps.c.lang == lang)).scalars()
            )
        slug = _free(slugify(title), used)
        used.add(slug)
        new.append({"document_id": doc, "lang": lang, "slug": slug})
        known[doc, lang] = slug
    if new:
        conn.execute(insert(ps), new)
    return known


def _free(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3` … whichever is not taken."""
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"
