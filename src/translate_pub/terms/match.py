"""Find glossary terms in Russian text, in every inflected form.

Each term becomes a sequence of lemmas (pymorphy3), and an Aho-Corasick automaton
over those sequences finds every candidate in one pass. A text word is mapped to a
lemma through an index of every form of every glossary lemma, built once per
glossary version, so words that cannot belong to any term are never analysed.
Each candidate is then verified against its readings (part of speech, the gender
of names, capitalisation, sentence-start ambiguity), and the survivors are chosen
leftmost-longest without overlap.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass

import ahocorasick

from translate_pub.terms.glossary import Glossary, Term
from translate_pub.terms.morph import Reading, Word, paradigm, readings, tokenize
from translate_pub.terms.verify import TermWord, accepts, term_word

_FIRST_LEMMA = 0x10000  # lemma codes live outside the separator characters


@dataclass(frozen=True)
class Match:
    term_id: str
    start: int  # character offsets into the text given to `find`
    end: int
    surface: str
    en: str
    possible: bool = False  # the context tagger could not settle the reading: a warning, not an error


@dataclass(frozen=True)
class _Entry:
    term: Term
    words: tuple[TermWord, ...]


class Matcher:
    """The compiled form of one glossary version; `find` is safe to call from many threads."""

    def __init__(self, glossary: Glossary) -> None:
        self.version = glossary.version
        self._codes: dict[str, str] = {}  # lemma → one character
        self._forms: dict[str, set[Reading]] = defaultdict(set)  # folded form → readings in term paradigms
        entries: dict[str, list[_Entry]] = defaultdict(list)
        for term in glossary.terms:
            tokens = tokenize(term.ru)
            words = tuple(term_word(t, term.ru, tokens[i + 1] if i + 1 < len(tokens) else None)
                          for i, t in enumerate(tokens))
            entries[self._key(words, tokens)].append(_Entry(term, words))
        self._automaton = ahocorasick.Automaton()
        for key, found in entries.items():
            self._automaton.add_word(key, tuple(found))
        self._automaton.make_automaton()

    def _key(self, words: tuple[TermWord, ...], tokens: list[Word]) -> str:
        key = []
        for i, (w, tok) in enumerate(zip(words, tokens, strict=True)):
            code = self._codes.setdefault(w.lemma, chr(_FIRST_LEMMA + len(self._codes)))
            for form, reading in paradigm(w.form, w.lemma):
                self._forms[form].add(reading)
            key.append(code if i == 0 else tok.gap + code)
        return "".join(key)

    def _readings(self, form: str) -> set[Reading]:
        return self._forms.get(form, set())

    def _code(self, form: str) -> str:
        lemmas = {r.lemma for r in self._forms.get(form, ())}
        if not lemmas:
            return "\x00"
        if len(lemmas) > 1:  # a form shared by two glossary lemmas: trust the likelier reading
            for r in readings(form):
                if r.lemma in lemmas:
                    return self._codes[r.lemma]
        return self._codes[min(lemmas)]

    def find(self, text: str) -> list[Match]:
        """Every term occurrence in `text`, leftmost-longest, non-overlapping, in text order."""
        words = tokenize(text)
        if not words:
            return []
        encoded = "".join(w.gap + self._code(w.form) for w in words)
        candidates = []
        for end, found in self._automaton.iter(encoded):
            last = end // 2
            for entry in found:
                first = last - len(entry.words) + 1
                if first >= 0 and accepts(entry.term, entry.words, words, first, text, self._readings):
                    candidates.append((first, -len(entry.words), entry.term))
                    break
        return self._choose(sorted(candidates, key=lambda c: (c[0], c[1])), words, text)

    @staticmethod
    def _choose(candidates: list[tuple[int, int, Term]], words: list[Word], text: str) -> list[Match]:
        out, taken_until = [], -1
        for first, neg_len, term in candidates:
            if first <= taken_until:
                continue
            last = first - neg_len - 1
            start, end = words[first].start, words[last].end
            out.append(Match(term.id, start, end, text[start:end], term.en))
            taken_until = last
        return out


_MATCHERS: dict[str, Matcher] = {}
_KEEP = 4  # a long-running process sees few glossary versions; keep the last ones
_LOCK = threading.Lock()  # web requests share matchers: build each version once


def matcher_for(glossary: Glossary) -> Matcher:
    """The matcher of a glossary version, built on first use and then reused."""
    with _LOCK:
        matcher = _MATCHERS.pop(glossary.version, None) or Matcher(glossary)
        _MATCHERS[glossary.version] = matcher
        while len(_MATCHERS) > _KEEP:
            _MATCHERS.pop(next(iter(_MATCHERS)))
        return matcher
