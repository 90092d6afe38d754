"""The tokenizer: words with offsets into the original, their lookup forms and the gaps before them."""

from __future__ import annotations

import json
import time
from collections import Counter
from pathlib import Path

from translate_pub.terms.glossary import load_glossary
from translate_pub.terms.morph import (
    _HIDDEN,
    _WORDS,
    BREAK,
    HYPHEN,
    SPACE,
    Reading,
    _reading,
    _tagged,
    _untagged,
    analyzer,
    dictionary_readings,
    fold,
    paradigm,
    readings,
    tokenize,
)
from translate_pub.terms.verify import term_word

LABELLED = Path(__file__).parents[1] / "fixtures" / "terms" / "labelled.jsonl"


def test_words_gaps_sentence_starts_and_quotes() -> None:
    text = "«Ёлки» в <1>парке</1> — гей-клуб. Снова…"
    words = tokenize(text)
    assert [
        (text[w.start : w.end], w.form, w.gap, w.sentence_start, w.quoted)
        for w in words
    ] == [
        ("Ёлки", "елки", BREAK, True, True),
        ("в", "в", SPACE, False, False),
        (
            "парке",
            "парке",
            BREAK,
            False,
            False,
        ),  # a placeholder tag between: no term spans it
        ("гей", "гей", BREAK, False, False),
        ("клуб", "клуб", HYPHEN, False, False),
        ("Снова", "снова", BREAK, True, False),
    ]


def test_hidden_characters_and_case_folding_that_changes_length() -> None:
    text = "İstanbul: в Чеч\u00adне и Че\u0301чне, ЁЖ"
    words = tokenize(text)
    assert [w.form for w in words] == ["i̇stanbul", "в", "чечне", "и", "чечне", "еж"]
    assert [text[w.start : w.end] for w in words] == [
        "İstanbul",
        "в",
        "Чеч\u00adне",
        "и",
        "Че\u0301чне",
        "ЁЖ",
    ]


def test_a_long_run_without_words_is_read_in_linear_time() -> None:
    started = time.perf_counter()
    assert tokenize("!" * 200_000) == [] and [
        w.form for w in tokenize("?" * 200_000 + " слово")
    ] == ["слово"]
    assert (
        time.perf_counter() - started < 5
    )  # a gap that gave back characters would take minutes here


def test_the_dictionaries_are_read_by_the_c_extension() -> None:
    """pymorphy3's fast extra (DAWG2): without it a glossary compiles about twice as slowly."""
    from pymorphy3 import dawg

    assert dawg.EXTENSION_AVAILABLE


def _paradigm_by_parses(form: str, lemma: str) -> tuple[tuple[str, Reading], ...]:
    """`paradigm` as pymorphy3's own parse objects give it (the compile reads the tables)."""
    tags = {}
    for p in analyzer().parse(form):
        if fold(p.normal_form) == lemma:
            tags.update({(fold(x.word), str(x.tag)): x.tag for x in p.lexeme})
    return tuple((f, _reading(tag, lemma, True)) for (f, _), tag in tags.items())


def test_paradigms_and_readings_read_from_the_dictionary_are_pymorphy3s() -> None:
    """The compile's shortcuts into the dictionary give what pymorphy3's parses give: every
    paradigm of the seed glossary's words, and every reading of each of their forms."""
    glossary = load_glossary(Path(__file__).parents[2] / "glossary")
    checked = 0
    for term in glossary.terms:
        tokens = tokenize(term.ru)
        for i, token in enumerate(tokens):
            tw = term_word(
                token, term.ru, tokens[i + 1] if i + 1 < len(tokens) else None
            )
            forms = paradigm(tw.form, tw.lemma)
            assert forms == _paradigm_by_parses(tw.form, tw.lemma), term.ru
            for form, _ in forms:
                known = dictionary_readings(form)
                assert not known or Counter(known) == Counter(readings(form)), form
                # the compile keeps them all: a dictionary reading's lemma is a known word
                assert all(analyzer().word_is_known(r.lemma) for r in known), form
                checked += bool(known)
    assert checked > 1000
    assert dictionary_readings("москальковой") == ()  # a guess is not the dictionary's


def test_a_text_without_tags_is_read_as_any_text() -> None:
    """The short path for a text with no placeholder tag gives the general path's words."""
    lines = [
        json.loads(line)["text"]
        for line in LABELLED.read_text(encoding="utf-8").splitlines()
    ] + [
        "«Ёлки» в парке — гей-клуб. Снова…",
        "  «Начало» с кавычки... и «конец»",
        "— Тире в начале? Да! (Скобки) 'кавычки' и_подчёркивание_",
        "Слово",
        " .,;",
        "",
    ]
    checked = 0
    for text in lines:
        folded = text.lower().replace("ё", "е")
        if "<" in text or len(folded) != len(text) or _HIDDEN.search(text):
            continue  # what `tokenize` reads by the general path only
        assert _untagged(folded) == _tagged(text, folded), text
        checked += 1
    assert checked > 400


def test_folding_keeps_which_characters_are_word_characters() -> None:
    """`_untagged` splits the folded text: it may only if a character that folds to one
    character is a word character just when its folding is, for every code point."""
    chars = [
        c
        for c in map(chr, range(0x110000))
        if not 0xD800 <= ord(c) <= 0xDFFF and len(c.lower()) == 1
    ]
    text = "".join(chars)
    folded = text.lower().replace("ё", "е")
    assert len(folded) == len(text) > 1_000_000
    assert [m.span() for m in _WORDS.finditer(text)] == [
        m.span() for m in _WORDS.finditer(folded)
    ]
