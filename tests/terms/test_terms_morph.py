"""The tokenizer: words with offsets into the original, their lookup forms and the gaps before them."""

from __future__ import annotations

import time

from translate_pub.terms.morph import BREAK, HYPHEN, SPACE, tokenize


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
