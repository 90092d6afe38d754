"""Find glossary terms by their house English in English text, for MT into Russian.

An English-first digest is translated en→ru: the termbase is read the other way round, its
house English found in the text and its Russian form used as the rendering. A term's English
matches as the glossary check compares phrases (`phrases.phrase_pattern`: whole words, any case,
the last word in any English inflection, a possessive), a capitalised term (a name) only where
it is capitalised. Only terms whose words' stems all occur in a text are tried on it, so a text
costs a set lookup per term rather than a regex search. Matches are chosen leftmost-longest
without overlap, as the Russian matcher chooses them.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from translate_pub.stems import terms as stems
from translate_pub.terms.glossary import Glossary, Term
from translate_pub.terms.match import Match
from translate_pub.terms.phrases import phrase_pattern

_index: dict[str, tuple[tuple[Term, frozenset[str]], ...]] = {}
_lock = threading.Lock()


def _terms(glossary: Glossary) -> tuple[tuple[Term, frozenset[str]], ...]:
    """Each term with an English form, and the stems of its words (one glossary version kept)."""
    with _lock:
        if glossary.version not in _index:
            _index.clear()
            _index[glossary.version] = tuple(
                (t, frozenset(stems(t.en))) for t in glossary.terms if t.en.strip()
            )
        return _index[glossary.version]


def find_english(glossary: Glossary, texts: Sequence[str]) -> list[list[Match]]:
    """The terms in each English text; `Match.en` holds the term's Russian form."""
    index = _terms(glossary)
    return [_find(index, text) for text in texts]


def _find(index: tuple[tuple[Term, frozenset[str]], ...], text: str) -> list[Match]:
    have = set(stems(text))
    found = [
        Match(term.id, m.start(), m.end(), m.group(), term.ru)
        for term, need in index
        if need and need <= have
        for m in phrase_pattern(term.en).finditer(text)
        if term.case_rule != "capital" or m.group()[:1].isupper()
    ]
    chosen: list[Match] = []
    for m in sorted(found, key=lambda m: (m.start, m.start - m.end)):
        if not chosen or m.start >= chosen[-1].end:
            chosen.append(m)
    return chosen
