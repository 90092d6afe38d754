"""Find glossary terms in Russian text, in every inflected form.

Each term becomes a sequence of lemmas (pymorphy3), and an Aho-Corasick automaton
over those sequences finds every candidate in one pass. A text word is mapped to a
lemma through an index of every form of every glossary lemma, compiled once per
glossary version (`compile`, kept on disk by `cache`), so words that cannot belong
to any term are never analysed.
Each candidate is then verified against its readings (part of speech, the gender
of names, capitalisation, sentence-start ambiguity), and the survivors are chosen
leftmost-longest without overlap.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ahocorasick

from translate_pub.terms import context
from translate_pub.terms.cache import discard, load_tables
from translate_pub.terms.compile import Tables, reading_of, word_of
from translate_pub.terms.glossary import Glossary, Term
from translate_pub.terms.morph import Reading, Word, tokenize
from translate_pub.terms.verify import TermWord, accepts, reads_as

log = logging.getLogger(__name__)


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
    capital: bool  # the term's case rule is `capital`


class Matcher:
    """A glossary's compiled tables in an automaton; `find` is safe to call from many threads."""

    def __init__(self, glossary: Glossary, tables: Tables, folder: Path | None = None) -> None:
        self.version = glossary.version
        self._folder = folder  # where the tagger keeps its vocabulary
        self._forms: dict[str, str] = tables["forms"]  # form → lemma code + its reading numbers
        if not isinstance(self._forms, dict) or not all(isinstance(v, str) and v for v in self._forms.values()):
            raise ValueError("forms of the wrong shape")
        self._rows: list[str] = tables["readings"].split("|")
        self._readings: dict[int, Reading] = {}
        self._looked_up: dict[str, tuple[list[Reading], list[Reading]]] = {}
        self._read: dict[tuple[int, str], bool] = {}
        self._asked: dict[tuple[int, str, bool, bool, bool], context.Question | None] = {}
        self._automaton = ahocorasick.Automaton()
        for key, found in tables["entries"].items():
            entries = tuple(_entry(glossary.by_id[term_id], words) for term_id, words in found)
            self._automaton.add_word(key, entries)
        self._automaton.make_automaton()

    def _reading(self, index: int) -> Reading:
        reading = self._readings.get(index)
        if reading is None:  # built on first use: most of a large glossary's forms never occur
            reading = self._readings[index] = reading_of(self._rows[index])
        return reading

    def _reads(self, tw: TermWord, form: str) -> bool:
        """Whether the form has a reading of the term word within the term paradigms (asked once
        per term word and form: a text repeats its words)."""
        key = (id(tw), form)  # id: the entries, and so each TermWord, live as long as the matcher
        found = self._read.get(key)
        if found is None:
            found = self._read[key] = any(reads_as(tw, r) for r in self._readings_of(form)[0])
        return found

    def _full(self, form: str) -> list[Reading]:
        """All the form's dictionary readings, as pymorphy3 gives them (compiled, not analysed here)."""
        return self._readings_of(form)[1]

    def _readings_of(self, form: str) -> tuple[list[Reading], list[Reading]]:
        found = self._looked_up.get(form)
        if found is None:
            paradigm, _, full = self._forms.get(form, "\x00/")[1:].partition("/")
            found = self._looked_up[form] = ([self._reading(int(i)) for i in paradigm.split()],
                                             [self._reading(int(i)) for i in full.split()])
        return found

    def find(self, text: str) -> list[Match]:
        """Every term occurrence in `text`, leftmost-longest, non-overlapping, in text order."""
        return self.find_many([text])[0]

    def find_many(self, texts: Sequence[str]) -> list[list[Match]]:
        """`find` for each text; the tagger reads all texts with a question in one batch.

        It runs only on a text with a question, so the common path keeps its speed."""
        staged = [self._candidates(text) for text in texts]
        asking = [n for n, (_, candidates) in enumerate(staged) if any(c.asked for c in candidates)]
        questions = [[q for c in staged[n][1] for q in c.asked] for n in asking]
        tagged = context.tag_many([(texts[n], staged[n][0], {q.word for q in asked}, {q.word for q in asked if q.lower})
                                   for n, asked in zip(asking, questions, strict=True)], self._folder) if asking else []
        tags = dict(zip(asking, tagged, strict=True))
        out = []
        for n, (words, candidates) in enumerate(staged):
            settled = _settle(candidates, tags.get(n, {}))
            out.append(self._choose(sorted(settled, key=lambda c: (c[0].first, -len(c[0].entry.words))), words, texts[n]))
        return out

    def _candidates(self, text: str) -> tuple[list[Word], list[_Candidate]]:
        """The text's words, and each term occurrence the dictionary accepts, with its open questions."""
        words = tokenize(text)
        encoded = "".join(w.gap + self._forms.get(w.form, "\x00")[0] for w in words)
        candidates = []
        for end, found in self._automaton.iter(encoded) if words else ():
            last = end // 2
            for entry in found:
                first = last - len(entry.words) + 1
                if first >= 0 and accepts(entry.capital, entry.words, words, first, text, self._reads, self._full):
                    candidates.append(_Candidate(first, entry, self._questions(entry, words, first, text)))
                    break
        return words, candidates

    def _questions(self, entry: _Entry, words: list[Word], first: int, text: str) -> tuple[context.Question, ...]:
        single_capital = len(entry.words) == 1 and entry.capital
        found = (self._question(tw, words, first + k, text, single_capital) for k, tw in enumerate(entry.words))
        return tuple(q for q in found if q is not None)

    def _question(self, tw: TermWord, words: list[Word], i: int, text: str,
                  single_capital: bool) -> context.Question | None:
        """`context.question`, asked once per term word, form and the word's place and capital."""
        word = words[i]
        key = (id(tw), word.form, single_capital, word.sentence_start, text[word.start].isupper())
        if key not in self._asked:  # id: the entries, and so each TermWord, live as long as the matcher
            self._asked[key] = context.question(tw, words, i, text, single_capital, self._full(word.form))
        q = self._asked[key]
        return None if q is None else context.Question(i, q.term, q.rivals, q.lower)

    @staticmethod
    def _choose(candidates: list[tuple[_Candidate, bool]], words: list[Word], text: str) -> list[Match]:
        out, taken_until = [], -1
        for candidate, possible in candidates:
            if candidate.first <= taken_until:
                continue
            term, last = candidate.entry.term, candidate.first + len(candidate.entry.words) - 1
            start, end = words[candidate.first].start, words[last].end
            out.append(Match(term.id, start, end, text[start:end], term.en, possible))
            taken_until = last
        return out


@dataclass(frozen=True)
class _Candidate:
    first: int  # index of its first word
    entry: _Entry
    questions: tuple[context.Question, ...]  # what only the context can settle

    @property
    def asked(self) -> list[context.Question]:
        """The questions a tag could settle (the others stay possible without asking)."""
        return [q for q in self.questions if context.askable(q)]


def _settle(candidates: list[_Candidate], tags: dict[int, context.Tag]) -> list[tuple[_Candidate, bool]]:
    """Each candidate the context does not rule out, with whether it is only possible."""
    out = []
    for c in candidates:
        verdicts = {context.verdict(q, tags.get(q.word)) for q in c.questions}
        if context.NOT not in verdicts:
            out.append((c, context.POSSIBLE in verdicts))
    return out


def _entry(term: Term, words: list[list[Any]]) -> _Entry:
    return _Entry(term, tuple(word_of(w) for w in words), term.case_rule == "capital")


_MATCHERS: dict[str, Matcher] = {}
_KEEP = 4  # a long-running process sees few glossary versions; keep the last ones
_LOCK = threading.Lock()  # web requests share matchers: build each version once


def _build(glossary: Glossary, cache: Path | None) -> Matcher:
    try:
        return Matcher(glossary, load_tables(glossary, cache), cache)
    except (KeyError, TypeError, ValueError, IndexError, AttributeError) as exc:  # a cache file of the wrong shape
        log.warning("glossary cache in %s is damaged (%r); compiling afresh", cache, exc)
        discard(glossary, cache)
        return Matcher(glossary, load_tables(glossary, cache), cache)


def matcher_for(glossary: Glossary, cache: Path | None = None) -> Matcher:
    """The matcher of a glossary version: built on first use (from the disk cache in `cache`
    when it holds this version's tables, compiled and saved there otherwise), then reused."""
    with _LOCK:
        matcher = _MATCHERS.pop(glossary.version, None) or _build(glossary, cache)
        _MATCHERS[glossary.version] = matcher
        while len(_MATCHERS) > _KEEP:
            _MATCHERS.pop(next(iter(_MATCHERS)))
        return matcher
