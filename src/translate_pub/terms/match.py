"""Find glossary terms in Russian text, in every inflected form.

Each term becomes a sequence of lemmas (pymorphy3), and a dict of those sequences and
of their beginnings finds every candidate, searched only from words that are term forms
and only as far as some term goes on. A text word is mapped to a
lemma through an index of every form of every glossary lemma, compiled once per
glossary version (`compile`, kept on disk by `cache`), so words that cannot belong
to any term are never analysed.
Each candidate is then verified against its readings (part of speech, the gender
of names, capitalisation, sentence-start ambiguity), and the survivors are chosen
leftmost-longest without overlap. The tables stay packed; a row (a form, a term
word, an entry, a reading) is unpacked when a text first needs it, so a warm run
over a large glossary reads only what its text uses.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from itertools import compress, count, repeat
from operator import itemgetter, ne
from pathlib import Path
from typing import Any, NamedTuple

import ahocorasick

from translate_pub.terms import context
from translate_pub.terms.cache import discard, load_tables
from translate_pub.terms.compile import (
    Numbers,
    Rows,
    Tables,
    kind_of,
    reading_of,
    word_of,
)
from translate_pub.terms.glossary import Glossary
from translate_pub.terms.morph import Reading, Word, analyzer, tokenize
from translate_pub.terms.phrases import inflections
from translate_pub.terms.verify import TermWord, accepts

log = logging.getLogger(__name__)
_FORM, _GAP = itemgetter(2), itemgetter(3)  # a Word's fields
_new = (
    tuple.__new__
)  # a named tuple without its __new__'s Python call (thousands a text)
_NO_TAGS: dict[int, context.Tag] = {}  # a text with no question asked
_NO_KEY = -2  # in `keys`' stead: no key begins so (-1: a key's beginning only)


class Match(NamedTuple):
    """A term found in a text (a named tuple: a long text has thousands)."""

    term_id: str
    start: int  # character offsets into the text given to `find`
    end: int
    surface: str
    en: str
    possible: bool = False  # the context tagger could not settle the reading: a warning, not an error


# A term of a key, as the tables keep it: its id, its words' numbers, whether its case
# rule is `capital` and whether a word of it is written in capitals (`compile`).
_Entry = tuple[str, tuple[int, ...], bool, bool]


class Matcher:
    """A glossary's compiled tables; `find` is safe to call from many threads."""

    def __init__(
        self, glossary: Glossary, tables: Tables, folder: Path | None = None
    ) -> None:
        self.version = glossary.version
        self._folder = folder  # where the tagger keeps its vocabulary
        self._forms = ahocorasick.Automaton(*tables["forms"])  # form → its number n
        self._codes: str = tables[
            "codes"
        ]  # codes[n]: form n's lemma code; codes[-1]: no term's
        self._ambiguous: str = tables[
            "ambiguous"
        ]  # "?" at n: form n can raise a context question
        self._read_by = Numbers(tables["reads"])  # form n → the term words it reads as
        if not all(
            isinstance(t, str) and len(t) == len(self._forms) + 1
            for t in (self._codes, self._ambiguous)
        ) or len(self._read_by) != len(self._forms):
            raise ValueError("forms of the wrong shape")
        self._form_rows = Rows(tables["form_readings"])
        self._entry_rows, self._word_rows, self._kind_rows = (
            Rows(tables["entries"]),
            Rows(tables["words"]),
            Rows(tables["kinds"]),
        )
        self._keys: dict[str, int] = tables["keys"]
        if not isinstance(self._keys, dict):
            raise ValueError("keys of the wrong shape")
        self._by_id = glossary.by_id
        # what is unpacked, built on first use: most of a large glossary's forms never occur
        self._entries: dict[int, tuple[_Entry, ...]] = {}
        self._kinds: dict[int, tuple[Any, ...]] = {}
        self._fulls: dict[str, list[Reading]] = {}
        self._words: dict[int, TermWord] = {}
        self._asked: dict[
            tuple[int, str, bool, bool, bool], context.Question | None
        ] = {}

    def _entry(self, k: int) -> tuple[_Entry, ...]:
        """A key's entries as stored: the words stay numbers until a check needs more."""
        entries = self._entries.get(k)
        if entries is None:
            entries = self._entries[k] = self._entry_rows[k]
        return entries

    def _word(self, number: int) -> TermWord:
        """A term word, one object however many entries share it."""
        word = self._words.get(number)
        if word is None:
            word = self._words[number] = word_of(self._word_rows[number])
        return word

    def _kind(self, index: int) -> tuple[Any, ...]:
        """A tag's fields: a text's readings share a few hundred."""
        kind = self._kinds.get(index)
        if kind is None:
            kind = self._kinds[index] = kind_of(self._kind_rows[index])
        return kind

    def _reads(
        self, numbers: list[int], word_numbers: tuple[int, ...], first: int
    ) -> Callable[[TermWord, int], bool]:
        """For `verify.accepts`: whether word i of a text (its form's number in `numbers`) is
        a form of the candidate's term word i - first, as the glossary's compile decided."""
        flat, starts = self._read_by.flat, self._read_by.starts

        def reads(tw: TermWord, i: int) -> bool:
            n = numbers[i]
            return n >= 0 and word_numbers[i - first] in flat[starts[n] : starts[n + 1]]

        return reads

    def _full(self, form: str) -> list[Reading]:
        """All the form's dictionary readings, as pymorphy3 gives them (compiled, not analysed here)."""
        found = self._fulls.get(form)
        if found is None:
            n = self._forms.get(form, -1)
            rows = self._form_rows[n] if n >= 0 else ()
            kind = self._kind
            found = self._fulls[form] = [reading_of(r, kind(r[1])) for r in rows]
        return found

    def warm(self) -> None:
        """Load now what the first text would wait for: the dictionaries, the context tagger (slovnet,
        numpy) and English inflections (lemminflect). A server calls it before its first request."""
        analyzer()
        context.tagger(self._folder)
        context.tag_many([], self._folder)  # the answers kept in the home (tags.kept)
        inflections("term")

    def find(self, text: str) -> list[Match]:
        """Every term occurrence in `text`, leftmost-longest, non-overlapping, in text order."""
        return self.find_many([text])[0]

    def find_many(self, texts: Sequence[str]) -> list[list[Match]]:
        """`find` for each text; the tagger reads all texts with a question in one batch.

        It runs only on a text with a question, so the common path keeps its speed."""
        staged = [self._candidates(text) for text in texts]
        asking = [
            n
            for n, (_, candidates) in enumerate(staged)
            if any(c.questions and c.asked for c in candidates)
        ]
        questions = [[q for c in staged[n][1] for q in c.asked] for n in asking]
        tagged = (
            context.tag_many(
                [
                    (
                        texts[n],
                        staged[n][0],
                        {q.word for q in asked},
                        {q.word for q in asked if q.lower},
                    )
                    for n, asked in zip(asking, questions, strict=True)
                ],
                self._folder,
            )
            if asking
            else []
        )
        tags = dict(zip(asking, tagged, strict=True))
        return [
            self._choose(candidates, tags.get(n, _NO_TAGS), words, texts[n])
            for n, (words, candidates) in enumerate(staged)
        ]

    def _candidates(self, text: str) -> tuple[list[Word], list[_Candidate]]:
        """The text's words, and each term occurrence the dictionary accepts, with its open questions."""
        words = tokenize(text)
        # C loops (map), not Python code, per word: most words are looked up and no more.
        numbers = list(map(self._forms.get, map(_FORM, words), repeat(-1)))
        codes = list(map(self._codes.__getitem__, numbers))
        encoded = "".join(map(str.__add__, map(_GAP, words), codes))
        # "?" where a word can raise a question (only such words can)
        asking = "".join(map(self._ambiguous.__getitem__, numbers))
        candidates = []
        flat, starts = self._read_by.flat, self._read_by.starts
        for first, last, k in self._occurrences(encoded, codes):
            for entry in self._entry(k):
                _, word_numbers, capital, capitals = entry
                if capital or capitals:  # few: the case rules need the words' letters
                    if not self._accepts(entry, numbers, words, first, text):
                        continue
                else:  # most: each word a form of its term word (the key matched: n >= 0)
                    read = True
                    for i, wn in enumerate(word_numbers, first):
                        n = numbers[i]
                        if wn not in flat[starts[n] : starts[n + 1]]:
                            read = False
                            break
                    if not read:
                        continue
                questions = (
                    self._questions(word_numbers, capital, words, first, text, asking)
                    if "?" in asking[first : last + 1]
                    else ()
                )
                candidates.append(_new(_Candidate, (first, entry, questions)))
                break
        return words, candidates

    def _accepts(
        self,
        entry: _Entry,
        numbers: list[int],
        words: list[Word],
        first: int,
        text: str,
    ) -> bool:
        """`verify.accepts` for a candidate of a term with a case rule."""
        _, word_numbers, capital, _ = entry
        return accepts(
            capital,
            tuple(map(self._word, word_numbers)),
            words,
            first,
            text,
            self._reads(numbers, word_numbers, first),
            self._full,
        )

    def _occurrences(
        self, encoded: str, codes: list[str]
    ) -> list[tuple[int, int, int]]:
        """(first word, last word, key number) of each run of words that is a key, by first
        word and the longest first: word i is gap and code at encoded[2i:2i+2], a key its
        codes with the gaps between them."""
        keys, size = self._keys, len(codes)
        found: list[tuple[int, int, int]] = []
        # Each word alone, by a C loop: a run is searched on only from a word some key
        # begins with (a word that is no term form has a code no key holds).
        heads = list(map(keys.get, codes, repeat(_NO_KEY)))
        for first in compress(count(), map(ne, heads, repeat(_NO_KEY))):
            mark = len(found)
            head = heads[first]
            if head >= 0:
                found.append((first, first, head))
            for last in range(first + 1, size):
                k = keys.get(encoded[2 * first + 1 : 2 * last + 2])
                if k is None:  # no key begins so
                    break
                if k >= 0:
                    found.append((first, last, k))
            if len(found) - mark > 1:  # the longest first, the order `_choose` takes
                found[mark:] = found[mark:][::-1]
        return found

    def _questions(
        self,
        word_numbers: tuple[int, ...],
        capital: bool,
        words: list[Word],
        first: int,
        text: str,
        asking: str,
    ) -> tuple[context.Question, ...]:
        single_capital = len(word_numbers) == 1 and capital
        found = (
            self._question(wn, words, first + k, text, single_capital)
            for k, wn in enumerate(word_numbers)
            if asking[first + k] == "?"
        )
        return tuple(q for q in found if q is not None)

    def _question(
        self, wn: int, words: list[Word], i: int, text: str, single_capital: bool
    ) -> context.Question | None:
        """`context.question` about term word number `wn`, asked once per term word, form
        and the word's place and capital."""
        word = words[i]
        key = (
            wn,
            word.form,
            single_capital,
            word.sentence_start,
            text[word.start].isupper(),
        )
        if key not in self._asked:
            self._asked[key] = context.question(
                self._word(wn), words, i, text, single_capital, self._full(word.form)
            )
        q = self._asked[key]
        return None if q is None else _new(context.Question, (i, *q[1:]))

    def _choose(
        self,
        candidates: list[_Candidate],
        tags: dict[int, context.Tag],
        words: list[Word],
        text: str,
    ) -> list[Match]:
        """Leftmost-longest, without overlap, of the candidates the context does not rule
        out (in `_occurrences`' order: by first word, the longest first), each with whether
        it is only possible."""
        out, taken_until, by_id = [], -1, self._by_id
        for candidate in candidates:
            first, entry, questions = candidate
            if first <= taken_until:
                continue
            possible = False
            if questions:  # few: most the dictionary settled
                verdicts = {context.verdict(q, tags.get(q.word)) for q in questions}
                if context.NOT in verdicts:
                    continue
                possible = context.POSSIBLE in verdicts
            term_id, word_numbers, _, _ = entry
            last = first + len(word_numbers) - 1
            start, end = words[first].start, words[last].end
            fields = (term_id, start, end, text[start:end], by_id[term_id].en, possible)
            out.append(_new(Match, fields))
            taken_until = last
        return out


class _Candidate(NamedTuple):
    first: int  # index of its first word
    entry: _Entry
    questions: tuple[context.Question, ...]  # what only the context can settle

    @property
    def asked(self) -> list[context.Question]:
        """The questions a tag could settle (the others stay possible without asking)."""
        return [q for q in self.questions if q.askable]


_MATCHERS: dict[str, Matcher] = {}
_KEEP = 4  # a long-running process sees few glossary versions; keep the last ones
_LOCK = threading.Lock()  # web requests share matchers: build each version once


def _build(glossary: Glossary, cache: Path | None) -> Matcher:
    try:
        return Matcher(glossary, load_tables(glossary, cache), cache)
    except (
        KeyError,
        TypeError,
        ValueError,
        IndexError,
        AttributeError,
    ) as exc:  # a cache file of the wrong shape
        log.warning(
            "glossary cache in %s is damaged (%r); compiling afresh", cache, exc
        )
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
