"""Whether a candidate found by lemma sequence really is the term: the morphology rules.

- part of speech must agree (преследовали is a verb, преследование a noun);
- names keep their gender (Москалькова is not Москальков) and proper-noun kind;
- a term written with a capital matches only capitalised occurrences, an
  abbreviation in capitals only in capitals (КТО, not кто);
- at the start of a sentence the capital proves nothing, so a one-word term there
  needs a proper-noun reading (whether it is an adjective there, `context` decides),
  unless it is quoted or written in capitals.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from translate_pub.terms.morph import PROPER, Reading, Word, readings

_GENDERED = frozenset({"Name", "Surn", "Patr"})
_PROPER_RANK = ("Geox", "Orgn", "Name", "Surn", "Patr", "Abbr", "Trad")
_CHECKED_POS = frozenset({"NOUN", "ADJ", "VERB", "NPRO", "NUMR"})


class TermWord(NamedTuple):
    """One word of a term's Russian form, with the reading it has in the glossary (a named
    tuple: a large glossary has tens of thousands)."""

    form: str
    lemma: str
    pos: str
    capitals: (
        bool  # an abbreviation written in capitals (ОВД, КТО) matches only in capitals
    )
    proper: frozenset[
        str
    ]  # its proper-noun grammemes (Geox, Surn …), empty for common words
    gender: str | None  # kept for names only: Москалькова (femn) ≠ Москальков (masc)


def _preference(r: Reading, capitalised: bool) -> tuple[int, int]:
    nominative = r.case in (None, "nomn")
    rank = next(
        (i for i, g in enumerate(_PROPER_RANK) if g in r.grammemes), len(_PROPER_RANK)
    )
    return (0 if nominative else 1, rank if capitalised else 0)


def term_word(word: Word, ru: str, nxt: Word | None = None) -> TermWord:
    """The glossary reading of a term word.

    An adjective before a noun is read as one («Болотное дело», not the place
    Болотное); otherwise nominative first, then proper-noun readings if capitalised.
    """
    options = readings(word.form)
    before_noun = nxt is not None and any(r.pos == "NOUN" for r in readings(nxt.form))
    adjectives = (
        [r for r in options if r.pos == "ADJ" and r.case == "nomn"]
        if before_noun
        else []
    )
    best = (
        adjectives[0]
        if adjectives
        else min(options, key=lambda r: _preference(r, word.capitalised(ru)))
    )
    proper = frozenset(PROPER & best.grammemes)
    gender = (
        best.gender if proper & _GENDERED and best.gender in ("masc", "femn") else None
    )
    surface = ru[word.start : word.end]
    return TermWord(
        word.form,
        best.lemma,
        best.pos,
        len(surface) > 1 and surface.isupper(),
        proper,
        gender,
    )


def reads_as(tw: TermWord, r: Reading) -> bool:
    if r.lemma != tw.lemma:
        return False
    if tw.pos not in _CHECKED_POS:
        return True
    if r.pos != tw.pos or (tw.proper and not tw.proper & r.grammemes):
        return False
    return tw.gender is None or r.gender in (tw.gender, "ms-f")


def _at_sentence_start(
    tw: TermWord, word: Word, text: str, options: list[Reading]
) -> bool:
    surface = text[word.start : word.end]
    if (
        word.quoted
        or (len(surface) > 1 and surface.isupper())
        or not any(r.known for r in options)
    ):
        return True
    # whether a proper noun that can also be an adjective is one here, the context tagger decides
    return any(r.proper and r.lemma == tw.lemma for r in options)


def accepts(
    capital: bool,
    tws: tuple[TermWord, ...],
    words: list[Word],
    first: int,
    text: str,
    reads: Callable[[TermWord, int], bool],
    full: Callable[[str], list[Reading]],
) -> bool:
    """Whether words[first:first+len(tws)] of `text` are an occurrence of a term with these
    words (`capital`: its case rule is `capital`).

    `reads` says whether words[i] has a reading of a term word within the glossary's
    paradigms, `full` gives all the form's dictionary readings (both compiled ahead); only
    the sentence-start case needs the second.
    """
    if capital and not text[words[first].start].isupper():
        return False
    for i, tw in enumerate(tws, start=first):  # thousands of times a text: no slices
        if tw.capitals and not text[words[i].start : words[i].end].isupper():
            return False
        if not reads(tw, i):
            return False
    if len(tws) == 1 and capital and words[first].sentence_start:
        return _at_sentence_start(tws[0], words[first], text, full(words[first].form))
    return True
