"""Glossary compliance of a translation: the QA check review runs before approval.

For every term found in the source segment the translation must contain the
term's house-style rendering and none of its forbidden variants. Phrases match as
whole words, ignoring case; the last word may take an English plural or
possessive ("foreign agents", "Russian LGBT Network's"); straight and curly quotes
and apostrophes are the same character. "Groznyy" does not contain "Grozny".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from translate_pub.terms.glossary import Glossary
    from translate_pub.terms.match import Match

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "″": '"',
                         "‘": "'", "’": "'", "‚": "'", "ʼ": "'", "`": "'", "´": "'", "\u00ad": None})


@dataclass(frozen=True)
class Compliance:
    missing: tuple[str, ...]  # term ids whose house-style form is absent, sorted
    forbidden: tuple[str, ...]  # term ids with a banned rendering present, sorted

    @property
    def ok(self) -> bool:
        return not self.missing and not self.forbidden


def normalise(text: str) -> str:
    """Quote style and compatibility characters folded, so comparisons see only the words."""
    return unicodedata.normalize("NFKC", text).translate(_QUOTES)


@lru_cache(maxsize=20_000)
def phrase_pattern(phrase: str) -> re.Pattern[str]:
    """Whole-word, case-insensitive pattern for a phrase, its last word plural or possessive."""
    words = normalise(phrase).split()
    parts = [re.escape(w) for w in words[:-1]]
    last = words[-1]
    stem, tail = (last[:-1], "(?:y|ie)") if re.search(r"[^aeiou]y$", last, re.I) else (last, "")
    inflection = r"(?:s|es)?(?:'s|')?" if last[-1:].isalpha() else ""
    parts.append(re.escape(stem) + tail + inflection)
    before = r"(?<!\w)" if words[0][:1].isalnum() else ""
    after = r"(?!\w)" if last[-1:].isalnum() else ""
    return re.compile(before + r"\s+".join(parts) + after, re.IGNORECASE)


def same_phrase(a: str, b: str) -> bool:
    """Whether two renderings are one phrase for the check (case and quote style ignored)."""
    return " ".join(normalise(a).casefold().split()) == " ".join(normalise(b).casefold().split())


def check(matches: Iterable[Match], target_text: str, glossary: Glossary, lang: str = "en") -> Compliance:
    """Compare a translation with the terms found in its source segment."""
    target = normalise(target_text)
    ids = sorted({m.term_id for m in matches})
    renderings = {i: glossary.target(i, lang) for i in ids}
    missing = tuple(i for i in ids if renderings[i] and not phrase_pattern(renderings[i]).search(target))
    # Blank out the house-style forms first: a banned variant inside a correct phrase is no violation.
    masked = target
    for rendering in filter(None, renderings.values()):
        masked = phrase_pattern(rendering).sub(lambda m: " " * len(m.group()), masked)
    forbidden = tuple(i for i in ids if any(phrase_pattern(v).search(masked)
                                            for v in glossary.by_id[i].forbidden(lang)))
    return Compliance(missing=missing, forbidden=forbidden)
