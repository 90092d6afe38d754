"""Compile a glossary into the matcher's tables: lemma codes, the paradigm index, the term entries.

This is the expensive step: pymorphy3 analyses every form of every term word. Its
result is a pure function of the glossary version and the library versions, made of
plain values (str, int, bytes, tuples, lists, dicts), so `cache` can keep it on disk
with marshal and a later run only reads it. Loading must cost little for a glossary
of thousands of terms, so what a text may never use is kept packed (`Rows`: many
marshalled values in one bytes object, one unpacked when first used):

- `forms`: every form of every term lemma → its number n (a trie, as pyahocorasick's
  state: it loads faster than a dict); `codes[n]` is the code of
  the lemma it is read as (one character; a form shared by two term lemmas takes
  pymorphy3's likelier one), so a text word is looked up, never analysed; a term is
  the string of its lemma codes joined by the gap kinds of `morph`;
- `reads`: row n is the numbers of the term words form n is a form of, as
  `verify.reads_as` decides from its readings within the term paradigms (`Numbers`: two
  arrays, read without decoding anything, as every candidate asks);
- `form_readings`: row n is all its readings, pymorphy3's guesses for unknown lemmas
  left out, which the sentence-start rule and the context questions weigh, each as its
  lemma, the number of its tag's fields in `kinds` (a glossary's readings share a few
  thousand tags) and whether it is known;
- `ambiguous`: character n is `?` when those readings have two lemmas or a proper-noun
  reading (only then can a context question arise), else a space;
- `words`: the distinct term words, one `TermWord` row each;
- `entries`: row k is ((term id, its words' numbers, whether its case rule is
  `capital`, whether a word of it is written in capitals), …) for one key: a
  candidate of a term with neither case rule is checked by numbers alone;
- `keys`: each key → k, and each shorter run of its first words → -1, so a search from a
  word stops at the first run no term begins with (a dict: pyahocorasick's automaton walks
  a root of thousands of lemma codes for each character, several times slower).
"""

from __future__ import annotations

import marshal
from array import array
from collections.abc import Iterable
from itertools import accumulate
from typing import Any

import ahocorasick

from translate_pub.terms.glossary import Glossary
from translate_pub.terms.morph import (
    Reading,
    analyzer,
    dictionary_readings,
    paradigm,
    readings,
    tokenize,
)
from translate_pub.terms.verify import TermWord, reads_as, term_word

FORMAT = 12  # bump when the tables change shape
_FIRST_LEMMA = 0x10000  # lemma codes live outside the separator characters
NO_CODE = "\x00"

Tables = dict[str, Any]


def reading_row(r: Reading, kinds: dict[tuple[Any, ...], int]) -> tuple[Any, ...]:
    """A reading as (lemma, the number of its tag's fields in `kinds`, known): a glossary's
    readings share a few thousand tags, each stored once."""
    kind = (r.pos, r.gender, r.number, r.case, r.proper, r.grammemes)
    return (r.lemma, kinds.setdefault(kind, len(kinds)), r.known)


def kind_row(kind: tuple[Any, ...]) -> tuple[Any, ...]:
    *fields, grammemes = kind
    return (*fields, tuple(sorted(grammemes)))


def kind_of(row: tuple[Any, ...]) -> tuple[Any, ...]:
    """A tag's fields from its `kind_row`."""
    *fields, grammemes = row
    return (*fields, frozenset(grammemes))


def reading_of(row: tuple[Any, ...], kind: tuple[Any, ...]) -> Reading:
    """The reading of a `reading_row`, given its tag's fields (`kind_of`)."""
    lemma, _, known = row
    pos, gender, number, case, proper, grammemes = kind
    fields = (lemma, pos, gender, number, case, proper, known, grammemes)
    return tuple.__new__(Reading, fields)  # without Reading's own __new__: a call less


def pack(rows: Iterable[Any]) -> tuple[bytes, bytes]:
    """Many values in one bytes object, and where each one ends (`Rows` reads them back)."""
    parts = [marshal.dumps(r) for r in rows]
    return b"".join(parts), array("I", accumulate(map(len, parts))).tobytes()


class Rows:
    """Packed values, each unmarshalled when asked for: loading makes two objects, not thousands."""

    def __init__(self, packed: tuple[bytes, bytes]) -> None:
        blob, ends = packed
        self._ends = array("I")
        self._ends.frombytes(ends)
        if self._ends and self._ends[-1] != len(blob):
            raise ValueError("packed rows do not fill their blob")
        self._blob = memoryview(blob)

    def __getitem__(self, n: int) -> Any:
        return marshal.loads(self._blob[self._ends[n - 1] if n else 0 : self._ends[n]])


def numbers(rows: Iterable[tuple[int, ...]]) -> tuple[bytes, bytes]:
    """Rows of numbers as one array of them all and one of where each row starts."""
    flat, starts = array("I"), array("I", [0])
    for row in rows:
        flat.extend(row)
        starts.append(len(flat))
    return flat.tobytes(), starts.tobytes()


class Numbers:
    """`numbers` read back: row n is a slice of an array, nothing decoded or built (the
    matcher slices the arrays itself: a method call per row costs more than the slice)."""

    def __init__(self, packed: tuple[bytes, bytes]) -> None:
        self.flat, self.starts = (
            array("I"),
            array("I"),
        )  # row n: flat[starts[n]:starts[n+1]]
        self.flat.frombytes(packed[0])
        self.starts.frombytes(packed[1])
        if not self.starts or self.starts[-1] != len(self.flat):
            raise ValueError("packed numbers do not fill their array")

    def __len__(self) -> int:
        return len(self.starts) - 1


def word_row(w: TermWord) -> list[Any]:
    return [w.form, w.lemma, w.pos, w.capitals, sorted(w.proper), w.gender]


def word_of(row: list[Any]) -> TermWord:
    form, lemma, pos, capitals, proper, gender = row
    fields = (form, lemma, pos, capitals, frozenset(proper), gender)
    return tuple.__new__(
        TermWord, fields
    )  # without TermWord's own __new__: a call less


class _Builder:
    def __init__(self) -> None:
        self.codes: dict[str, str] = {}
        self.readings: dict[Reading, int] = {}
        self.forms: dict[str, set[int]] = {}
        self.words: dict[
            TermWord, int
        ] = {}  # each distinct term word once, whatever terms share it
        self.by_lemma: dict[str, list[TermWord]] = {}
        self.entries: dict[str, list[tuple[Any, ...]]] = {}
        self.indexed: set[tuple[str, str]] = set()  # (form, lemma) paradigms added

    def _index(self, r: Reading) -> int:
        return self.readings.setdefault(r, len(self.readings))

    def add_term(
        self, term_id: str, capital: bool, words: list[TermWord], gaps: list[str]
    ) -> None:
        key = "".join(
            gap + self._add_word(w) for gap, w in zip(gaps, words, strict=True)
        )
        numbers = tuple(self.words[w] for w in words)
        capitals = any(w.capitals for w in words)
        self.entries.setdefault(key, []).append((term_id, numbers, capital, capitals))

    def _add_word(self, w: TermWord) -> str:
        if w not in self.words:
            self.words[w] = len(self.words)
            self.by_lemma.setdefault(w.lemma, []).append(w)
        code = self.codes.setdefault(w.lemma, chr(_FIRST_LEMMA + len(self.codes)))
        if (w.form, w.lemma) not in self.indexed:  # terms share words: index each once
            self.indexed.add((w.form, w.lemma))
            for form, reading in paradigm(w.form, w.lemma):
                self.forms.setdefault(form, set()).add(self._index(reading))
        return code

    def form_code(self, form: str, lemmas: set[str]) -> str:
        if (
            len(lemmas) > 1
        ):  # a form shared by two glossary lemmas: trust the likelier reading
            return next(
                (self.codes[r.lemma] for r in readings(form) if r.lemma in lemmas),
                self.codes[min(lemmas)],
            )
        return self.codes[min(lemmas)]

    def form_row(
        self, form: str, rows: set[int], table: list[Reading]
    ) -> tuple[tuple[int, ...], list[Reading], str]:
        lemmas = {table[i].lemma for i in rows}
        words = [w for lemma in lemmas for w in self.by_lemma[lemma]]
        reads = tuple(
            sorted(
                self.words[w] for w in words if any(reads_as(w, table[i]) for i in rows)
            )
        )
        # The dictionary's own readings have known lemmas (a lemma is its paradigm's first
        # form, which the dictionary holds); of pymorphy3's guesses keep those of term lemmas.
        full = list(dictionary_readings(form))
        if not full:
            known = analyzer().word_is_known
            full = [r for r in readings(form) if r.lemma in lemmas or known(r.lemma)]
        # only a form with two lemmas or a proper-noun reading can raise a context question
        ambiguous = len({r.lemma for r in full}) > 1 or any(r.proper for r in full)
        return reads, full, "?" if ambiguous else " "


def compile_glossary(glossary: Glossary) -> Tables:
    """The matcher's tables for one glossary (seconds for thousands of terms)."""
    b = _Builder()
    for term in glossary.terms:
        tokens = tokenize(term.ru)
        words = [
            term_word(t, term.ru, tokens[i + 1] if i + 1 < len(tokens) else None)
            for i, t in enumerate(tokens)
        ]
        b.add_term(
            term.id,
            term.case_rule == "capital",
            words,
            ["", *(t.gap for t in tokens[1:])],
        )
    table = list(b.readings)
    form_rows = [b.form_row(form, rows, table) for form, rows in b.forms.items()]
    codes = "".join(
        b.form_code(form, {table[i].lemma for i in rows})
        for form, rows in b.forms.items()
    )
    kinds: dict[tuple[Any, ...], int] = {}
    return {
        "format": FORMAT,
        "glossary": glossary.version,
        "forms": _trie(b.forms),
        "codes": codes + NO_CODE,  # codes[-1]: the code of a word that is no term form
        "ambiguous": "".join(row[2] for row in form_rows) + " ",
        "reads": numbers(reads for reads, _, _ in form_rows),
        "form_readings": pack(
            [tuple(reading_row(r, kinds) for r in rs) for _, rs, _ in form_rows]
        ),
        "kinds": pack(map(kind_row, kinds)),
        "words": pack(map(word_row, b.words)),
        "entries": pack(map(tuple, b.entries.values())),
        "keys": _keys(b.entries),
    }


def _keys(keys: Iterable[str]) -> dict[str, int]:
    """Each key → its number, and each run of its first words (a key is its first word's code
    and a gap and a code for each further word) → -1 unless it is a key itself."""
    found = {key: k for k, key in enumerate(keys)}
    for key in list(found):
        for end in range(1, len(key), 2):
            found.setdefault(key[:end], -1)
    return found


def _trie(keys: Iterable[str]) -> tuple[Any, ...]:
    """A trie of the keys (key → its number), as pyahocorasick's pickling state: it loads
    several times faster than a dict of its keys."""
    trie = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    for k, key in enumerate(keys):
        trie.add_word(key, k)
    return trie.__reduce__()[1]
