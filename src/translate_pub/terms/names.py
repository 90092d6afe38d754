"""Tag and series names the glossary names: a name that is a term (in any inflection, compared
by Snowball stems) is called on every page by the glossary's rendering (publish/names.py), so
no name segment is made for it (segment.with_names): a reviewed translation of it would never
show."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from translate_pub.errors import GlossaryError
from translate_pub.stems import terms as stems
from translate_pub.terms.glossary import Term, csv_path, load_glossary

# (name, the language it is written in) → whether the glossary names it in every other one
NamedByGlossary = Callable[[str, str], bool]


def glossary_names(
    terms: tuple[Term, ...], lang: str, written: str = "ru"
) -> dict[str, str]:
    """Russian term (as its stems) → its rendering in `lang`; for names `written` in English
    (an English-first digest's), house English (as its stems) → the Russian term."""
    if written == "en" and lang == "ru":
        return {name_key(t.en): t.ru for t in terms if t.en and t.ru}
    names = {
        name_key(t.ru): t.en if lang == "en" else t.extra.get(lang, "") for t in terms
    }
    return {ru: name for ru, name in names.items() if name}


@lru_cache(maxsize=8192)
def name_key(name: str) -> str:
    """Cached: a site of thousands of articles repeats a few hundred tag and series names."""
    return " ".join(stems(name))


def named_by_glossary(
    terms: tuple[Term, ...], targets_of: Callable[[str], tuple[str, ...]]
) -> NamedByGlossary:
    """The test `with_names` is given: a name written in a language is the glossary's when the
    glossary renders it in each language that document is translated into."""
    maps: dict[str, list[dict[str, str]]] = {}

    def named(name: str, written: str) -> bool:
        if written not in maps:
            maps[written] = [
                glossary_names(terms, x, written) for x in targets_of(written)
            ]
        key = name_key(name)
        return bool(maps[written]) and all(key in m for m in maps[written])

    return named


def named_in(
    path: Path, targets_of: Callable[[str], tuple[str, ...]]
) -> NamedByGlossary:
    """`named_by_glossary` of the glossary at `path`; with no glossary there, or a broken one
    (reported where it is used), no name is the glossary's and every name gets its segment."""
    if not csv_path(Path(path)).exists():
        return named_by_glossary((), targets_of)
    try:
        return named_by_glossary(load_glossary(Path(path)).terms, targets_of)
    except GlossaryError:
        return named_by_glossary((), targets_of)
