"""Compile a glossary into the matcher's tables: lemma codes, the paradigm index, the term entries.

This is the expensive step: pymorphy3 analyses every form of every term word. Its
result is a pure function of the glossary version and the library versions, made of
plain JSON values, so `cache` can keep it on disk and a later run only reads it.

- `forms`: every form of every term lemma → one string: the code of the lemma it is
  read as (one character; a form shared by two term lemmas takes pymorphy3's likelier
  one), the numbers of its readings within the term paradigms, `/`, the numbers of
  all its readings (pymorphy3's guesses for unknown lemmas left out), which the
  sentence-start rule and the context questions weigh, so matching itself never
  runs pymorphy3; a term is the string of its lemma codes joined by the gap kinds of
  `morph` (the Aho-Corasick key);
- `readings`: those readings, `|`-separated rows of `;`-separated `Reading` fields,
  one string, so a cache loads in one pass and a row is parsed only when a text uses it;
- `entries`: key → [term id, its words as `TermWord` rows].
"""

from __future__ import annotations

from typing import Any

from translate_pub.terms.glossary import Glossary
from translate_pub.terms.morph import Reading, analyzer, paradigm, readings, tokenize
from translate_pub.terms.verify import TermWord, term_word

FORMAT = 3  # bump when the tables change shape
_FIRST_LEMMA = 0x10000  # lemma codes live outside the separator characters

Tables = dict[str, Any]


def reading_row(r: Reading) -> str:
    fields = [r.lemma, r.pos, r.gender or "", r.number or "", r.case or "", "1" if r.proper else "",
              "1" if r.known else "", ",".join(sorted(r.grammemes))]
    return ";".join(fields)


def reading_of(row: str) -> Reading:
    lemma, pos, gender, number, case, proper, known, grammemes = row.split(";")
    return Reading(lemma, pos, gender or None, number or None, case or None, bool(proper), bool(known),
                   frozenset(grammemes.split(",")) if grammemes else frozenset())


def word_row(w: TermWord) -> list[Any]:
    return [w.form, w.lemma, w.pos, w.capitals, sorted(w.proper), w.gender]


def word_of(row: list[Any]) -> TermWord:
    form, lemma, pos, capitals, proper, gender = row
    return TermWord(form, lemma, pos, capitals, frozenset(proper), gender)


class _Builder:
    def __init__(self) -> None:
        self.codes: dict[str, str] = {}
        self.readings: dict[Reading, int] = {}
        self.forms: dict[str, set[int]] = {}
        self.entries: dict[str, list[list[Any]]] = {}

    def _index(self, r: Reading) -> int:
        return self.readings.setdefault(r, len(self.readings))

    def add_word(self, w: TermWord) -> str:
        code = self.codes.setdefault(w.lemma, chr(_FIRST_LEMMA + len(self.codes)))
        for form, reading in paradigm(w.form, w.lemma):
            self.forms.setdefault(form, set()).add(self._index(reading))
        return code

    def form_code(self, form: str, lemmas: set[str]) -> str:
        if len(lemmas) > 1:  # a form shared by two glossary lemmas: trust the likelier reading
            return next((self.codes[r.lemma] for r in readings(form) if r.lemma in lemmas), self.codes[min(lemmas)])
        return self.codes[min(lemmas)]

    def entry(self, form: str, rows: set[int], table: list[Reading]) -> str:
        lemmas = {table[i].lemma for i in rows}
        known = analyzer().word_is_known
        full = [self._index(r) for r in readings(form) if r.lemma in lemmas or known(r.lemma)]
        return f"{self.form_code(form, lemmas)}{' '.join(map(str, sorted(rows)))}/{' '.join(map(str, full))}"


def compile_glossary(glossary: Glossary) -> Tables:
    """The matcher's tables for one glossary (seconds for thousands of terms)."""
    b = _Builder()
    for term in glossary.terms:
        tokens = tokenize(term.ru)
        words = [term_word(t, term.ru, tokens[i + 1] if i + 1 < len(tokens) else None) for i, t in enumerate(tokens)]
        key = "".join(b.add_word(w) if i == 0 else tokens[i].gap + b.add_word(w) for i, w in enumerate(words))
        b.entries.setdefault(key, []).append([term.id, [word_row(w) for w in words]])
    paradigm_table = list(b.readings)
    forms = {form: b.entry(form, rows, paradigm_table) for form, rows in b.forms.items()}
    return {
        "format": FORMAT,
        "glossary": glossary.version,
        "codes": b.codes,
        "forms": forms,
        "readings": "|".join(reading_row(r) for r in b.readings),
        "entries": b.entries,
    }
