"""Tag and series names per language: what an English page calls «протесты» or «Обзор недели».

A name as written (Russian, from the outlet or the digest's front matter) gets its name in a
target language from, in order: the glossary, when the name is a term in any inflection
(compared by Snowball stems, so the tag «задержания» is the term «задержание»);
the digest's own English fields (`series_en`, `tags_en`, or the composer's); the name itself
when it has no Cyrillic ("Rights Group of the Week"); else its translation with the document
(a segment of block "name" after the body, machine-translated and reviewed like the rest and
frozen in the edition's `names`). A name with none of these (an edition approved before names
were translated) is left off that language's pages, so an English page or URL never shows a
Russian name.
"""

from __future__ import annotations

import re

from translate_pub.model import Edition
from translate_pub.terms.names import glossary_names, name_key

__all__ = ["glossary_names", "localised"]

_CYRILLIC = re.compile(r"[А-Яа-яЁёІіЇїЄєҐґ]")


def localised(e: Edition, glossary: dict[str, str]) -> Edition:
    """The edition with `names`: each of its tags and its series as named in its language, where known."""
    given = dict(e.names)
    found = {}
    for name in (*e.tags, e.series):
        named = (
            glossary.get(name_key(name))
            or given.get(name)
            or (name if not _CYRILLIC.search(name) else "")
        )
        if name and named:
            found[name] = named
    names = tuple(sorted(found.items()))
    if names == e.names:
        return e
    # `dataclasses.replace` without running __init__ again (ten times slower): every
    # edition of the site is renamed at each publish, 5,000 of them at 5,000 articles.
    renamed = object.__new__(Edition)
    renamed.__dict__.update(vars(e), names=names)
    return renamed
