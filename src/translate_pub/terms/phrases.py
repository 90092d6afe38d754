"""How the glossary check compares English phrases: whole words, any case, quote style folded.

Phrases match as whole words, ignoring case; the last word may take any English
inflection lemminflect knows for it and a possessive; straight and curly quotes and
apostrophes are the same character. The termbase uses it to validate variants, the
check and MT's house-style repair to find renderings in a translation.
"""

from __future__ import annotations

import os.path
import re
import unicodedata
from functools import lru_cache

_QUOTES = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "«": '"',
        "»": '"',
        "″": '"',
        "‘": "'",
        "’": "'",
        "‚": "'",
        "ʼ": "'",
        "`": "'",
        "´": "'",
        "\u00ad": None,
    }
)


def normalise(text: str) -> str:
    """Quote style and compatibility characters folded, so comparisons see only the words."""
    if (
        text.isascii() and "`" not in text
    ):  # most English: nothing to fold (NFKC keeps ASCII)
        return text
    return unicodedata.normalize("NFKC", text).translate(_QUOTES)


_KNOWN: dict[
    str, list[str]
] = {}  # answers read from the glossary cache (terms/inflected.py)


def remember(known: dict[str, list[str]]) -> None:
    """Inflections computed earlier by `inflections` (kept per glossary version), so that the
    words of the glossary are inflected without loading lemminflect."""
    _KNOWN.update(known)


def inflections(word: str) -> list[str]:
    """The word and its English inflections, longest first; an unknown word (a name) as a noun."""
    known = _KNOWN.get(word)
    if known is not None:
        return list(known)
    import lemminflect  # numpy and its tables: loaded when a phrase is first compared, not with the glossary

    forms = lemminflect.getAllInflections(word) or lemminflect.getAllInflectionsOOV(
        word, "NOUN"
    )
    return sorted(  # longest first; one order in every process (a set's is not)
        {word, *(f for group in forms.values() for f in group)},
        key=lambda form: (-len(form), form),
    )


@lru_cache(maxsize=20_000)
def phrase_pattern(phrase: str) -> re.Pattern[str]:
    """Whole-word, case-insensitive pattern for a phrase, its last word inflected or possessive."""
    words = normalise(phrase).split()
    parts = [re.escape(w) for w in words[:-1]]
    last = words[-1]
    if last[-1:].isalpha():
        parts.append("(?:" + "|".join(map(re.escape, inflections(last))) + ")(?:'s|')?")
    else:
        parts.append(re.escape(last))
    before = r"(?<!\w)" if words[0][:1].isalnum() else ""
    after = r"(?!\w)" if last[-1:].isalnum() else ""
    return re.compile(before + r"\s+".join(parts) + after, re.IGNORECASE)


def phrase_words(phrase: str) -> tuple[str, ...]:
    """Lower-case texts that every match of `phrase_pattern(phrase)` holds, in any case: the
    phrase's words but the last, and what the last word's inflections begin with. An ASCII
    text lacking one holds no match. () when a letter of the phrase is not ASCII, which the
    pattern's case folding may match otherwise ("ı" matches "i")."""
    words = normalise(phrase).split()
    last = words[-1]
    forms = inflections(last) if last[-1:].isalpha() else [last]
    if not all(w.isascii() for w in (*words, *forms)):
        return ()
    stem = os.path.commonprefix([f.lower() for f in forms])
    return tuple(
        w for w in dict.fromkeys([*(w.lower() for w in words[:-1]), stem]) if w
    )


def same_phrase(a: str, b: str) -> bool:
    """Whether two renderings are one phrase for the check (case and quote style ignored)."""
    return " ".join(normalise(a).casefold().split()) == " ".join(
        normalise(b).casefold().split()
    )
