"""Names rendered consistently (used by the store's memory index and the review app's QA): how approved translations wrote a person's or place's name, and
a warning where a translation writes it another way («Кочетков» was "Kochetkov" in 12 approved
translations; here "Kochetkoff"), for names in the glossary or not.

A name is a capitalised Cyrillic word inside a sentence (the first word proves nothing), keyed
by its dictionary form. Its rendering in an English translation is the capitalised Latin word
closest to its transliteration (iuliia's Wikipedia scheme), if close enough: "Moscow" is no
transliteration of «Москва», so such conventional names are simply not tracked. A rendering
that extends another («Kochetkova» for «Kochetkov») is the same name in another gender.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING

import iuliia

from translate_pub import msgids as ids
from translate_pub.model import Issue, Severity

# pymorphy3 and rapidfuzz load at the first name: most commands meet none.
if TYPE_CHECKING:
    import pymorphy3

NAME = re.compile(r"(?<![\w-])[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?")
LATIN = re.compile(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?")
CLOSE = 75  # rapidfuzz ratio of an English word to a name's transliteration
SEEN = 2  # approved translations a rendering needs before another one is questioned


def names(source: str) -> dict[str, str]:
    """The names of a Russian sentence: dictionary form → the words as written (first seen)."""
    found: dict[str, str] = {}
    for m in NAME.finditer(source):
        if source[: m.start()].strip(' «"„“(—-'):  # not the sentence's first word
            found.setdefault(key(m.group()), m.group())
    return found


@lru_cache(maxsize=1)
def _analyzer() -> pymorphy3.MorphAnalyzer:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=50_000)
def key(word: str) -> str:
    return str(_analyzer().parse(word)[0].normal_form)[:64]


@lru_cache(maxsize=50_000)
def _latin(name_key: str) -> str:
    return iuliia.WIKIPEDIA.translate(name_key).lower()


def renderings(name_key: str, target: str) -> list[str]:
    """The words of an English text that render this name (closest to its transliteration)."""
    from rapidfuzz import fuzz

    spelled = _latin(name_key)
    return [w for w in LATIN.findall(target) if fuzz.ratio(w.lower(), spelled) >= CLOSE]


def same(found: str, usual: str) -> bool:
    f, u = found.lower(), usual.lower()
    return f.startswith(u) or u.startswith(f)


def inconsistencies(
    source: str, target: str, known: dict[str, Counter[str]]
) -> list[Issue]:
    """A warning for each name this translation renders otherwise than approved ones usually do."""
    issues = []
    for name_key, surface in names(source).items():
        usual = known.get(name_key)
        if not usual:
            continue
        best, count = usual.most_common(1)[0]
        here = renderings(name_key, target)
        if count >= SEEN and here and not any(same(w, best) for w in here):
            issues.append(
                Issue(
                    "names",
                    Severity.WARNING,
                    ids.NAME_INCONSISTENT(
                        name=surface, usual=best, count=count, here=here[0]
                    ),
                )
            )
    return issues
