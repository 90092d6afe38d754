"""Glossary compliance of a translation: the QA check MT and review run, as QA issues.

For every term found in the source segment the translation must contain the
term's house-style rendering, or one of its allowed renderings (`en_allowed`:
"Russian" for Russia), and none of its forbidden variants. Phrases match as whole
words, ignoring case; the last word may take any English inflection lemminflect
knows for it ("protests", "protested", "protesting") and a possessive
("Russian LGBT Network's"), but a derived word is another word ("detained" is not
"detention"). Straight and curly quotes and apostrophes are the same character.
"Groznyy" does not contain "Grozny". A forbidden variant inside the house or
allowed form of any term found in the same segment is no violation ("Rossiya 1",
the channel, is not a forbidden "Rossiya" for Russia).

A match the context could not settle (`Match.possible`) is reported apart, so
review can show its violations as warnings rather than blocking errors; so is the absence
of a preferred term (`status` preferred: general vocabulary such as "state" or "law", which
professional translators legitimately vary). A forbidden rendering blocks whatever the status.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from translate_pub import msgids as ids
from translate_pub.messages import Message
from translate_pub.model import Issue, Severity
from translate_pub.terms.glossary import Glossary
from translate_pub.terms.match import Match
from translate_pub.terms.phrases import normalise, phrase_pattern, phrase_words


@dataclass(frozen=True)
class Compliance:
    missing: tuple[str, ...]  # term ids whose house-style form is absent, sorted
    forbidden: tuple[str, ...]  # term ids with a banned rendering present, sorted
    possible: tuple[
        str, ...
    ] = ()  # term ids matched only where the context could not settle it
    preferred: tuple[
        str, ...
    ] = ()  # missing term ids whose status is preferred (general vocabulary)

    @property
    def blocking(self) -> tuple[str, ...]:
        """The violating term ids that were surely matched, a preferred term's absence aside: these block."""
        return tuple(
            sorted(
                {*set(self.missing) - set(self.preferred), *self.forbidden}
                - set(self.possible)
            )
        )

    @property
    def ok(self) -> bool:
        return not self.blocking


# A rendering as the check compares it: the lower-case texts every match of it holds
# (`phrase_words`) and its pattern.
_Phrase = tuple[tuple[str, ...], re.Pattern[str]]


class _Rules(NamedTuple):
    """What a term asks of a translation into one language, compiled once per glossary."""

    accepted: tuple[_Phrase, ...]  # house-style and allowed renderings; () if none
    forbidden: tuple[_Phrase, ...]
    preferred: bool


def _phrase(text: str) -> _Phrase:
    return phrase_words(text), phrase_pattern(text)


def _rules(glossary: Glossary, term_id: str, lang: str) -> _Rules:
    """The term's patterns in `lang`: an approval checks every sentence afresh, so they are
    kept with the glossary, not looked up and split for each sentence."""
    rules = glossary.checks.get((term_id, lang))
    if rules is None:
        term, house = glossary.by_id[term_id], glossary.target(term_id, lang)
        accepted = [house, *term.allowed(lang)] if house else []
        rules = glossary.checks[(term_id, lang)] = _Rules(
            tuple(map(_phrase, accepted)),
            tuple(map(_phrase, term.forbidden(lang))),
            term.preferred,
        )
    return rules


def prepare(glossary: Glossary, lang: str) -> None:
    """Compile every term's patterns in `lang` now (a server's warm-up), not at the first
    sentence that finds the term."""
    for term in glossary.terms:
        _rules(glossary, term.id, lang)


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group())


def _may_occur(phrases: Iterable[_Phrase], low: str | None) -> list[re.Pattern[str]]:
    """The patterns of the phrases whose words an ASCII text (lower-cased: `low`) holds; the
    others cannot match it, nor that text with matches blanked. `low` None: every pattern."""
    if low is None:
        return [p for _, p in phrases]
    holds = low.__contains__
    return [p for words, p in phrases if all(map(holds, words))]


def check(
    matches: Iterable[Match], target_text: str, glossary: Glossary, lang: str = "en"
) -> Compliance:
    """Compare a translation with the terms found in its source segment."""
    target = normalise(target_text)
    found = list(matches)
    ids = sorted({m.term_id for m in found})
    # Most translations are ASCII: a substring test spares most patterns their scan.
    low = target.lower() if target.isascii() else None
    rules = {i: _rules(glossary, i, lang) for i in ids}
    missing = tuple(
        i
        for i in ids
        if rules[i].accepted
        and not any(p.search(target) for p in _may_occur(rules[i].accepted, low))
    )
    # Blank out every accepted form first: a banned variant inside a correct phrase is no
    # violation. Most translations hold no banned variant's words: nothing to blank then.
    banned = {
        i: may
        for i, r in rules.items()
        if r.forbidden and (may := _may_occur(r.forbidden, low))
    }
    masked = target
    if banned:
        for r in rules.values():
            for pattern in _may_occur(r.accepted, low):
                masked = pattern.sub(_blank, masked)
    forbidden = tuple(
        i for i, may in banned.items() if any(p.search(masked) for p in may)
    )
    sure = {m.term_id for m in found if not m.possible}
    possible = tuple(i for i in ids if i not in sure)
    preferred = tuple(i for i in missing if rules[i].preferred)
    return Compliance(
        missing=missing, forbidden=forbidden, possible=possible, preferred=preferred
    )


def glossary_issues(
    matches: Iterable[Match], target_text: str, glossary: Glossary, lang: str
) -> list[Issue]:
    """The glossary violations of a translation as QA issues, one per term (MT drafts and review alike),
    in words a translator acts on: the house rendering and the source words it is for, never a term id.

    A violation of a possible term (one the context could not settle) is a warning, not an error;
    so is the absence of a preferred term (general vocabulary a translator may render otherwise).
    """
    found = list(matches)
    if not found:  # a sentence with no term: nothing to comply with
        return []
    words = {
        m.term_id: m.surface for m in reversed(found)
    }  # the term's first occurrence
    result = check(found, target_text, glossary, lang=lang)
    issues = [
        _issue(
            tid in result.possible,
            ids.TERM_USE(use=_house(glossary, tid, lang), words=words[tid]),
            ids.TERM_MAYBE_USE(use=_house(glossary, tid, lang), words=words[tid]),
            preferred=tid in result.preferred,
        )
        for tid in result.missing
    ]
    for tid in result.forbidden:
        bad, use = (
            ", ".join(glossary.by_id[tid].forbidden(lang)),
            _house(glossary, tid, lang),
        )
        issues.append(
            _issue(
                tid in result.possible,
                ids.TERM_FORBIDDEN(bad=bad, words=words[tid], use=use),
                ids.TERM_MAYBE_FORBIDDEN(bad=bad, words=words[tid], use=use),
            )
        )
    return issues


def _house(glossary: Glossary, term_id: str, lang: str) -> str:
    return glossary.target(term_id, lang) or ""


def _issue(
    possible: bool, sure: Message, maybe: Message, *, preferred: bool = False
) -> Issue:
    if possible:
        return Issue("glossary", Severity.WARNING, maybe)
    return Issue("glossary", Severity.WARNING if preferred else Severity.ERROR, sure)
