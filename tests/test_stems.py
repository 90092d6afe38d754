"""Folding before stemming: the quick path for plain text gives what the full path gives."""

from __future__ import annotations

import sys

from translate_pub import stems


def test_every_plain_character_is_left_as_it_is_by_the_full_path() -> None:
    plain = [
        c
        for c in map(chr, range(sys.maxunicode + 1))
        if c != "ё" and stems.PLAIN.fullmatch(c)
    ]
    assert "й" in plain and "«" in plain and "ё" not in plain
    for c in plain:
        for text in (c, f"и{c}", f"{c}й", f"а{c}b"):
            assert stems.unaccented(text) == text, hex(ord(c))


def test_fold_drops_accents_but_keeps_the_breve_of_short_i() -> None:
    assert stems.fold("Ёлка Йошкар-Олы") == "елка йошкар-олы"
    assert stems.fold("Café naïve") == "cafe naive"
    assert (
        stems.fold("уда\u0301р и\u0306") == "удар й"
    )  # a typed stress mark, a decomposed й
    assert (
        stems.fold("ЗАДЕРЖАНИЕ «Мемориала» — 5 марта")
        == "задержание «мемориала» — 5 марта"
    )


def test_terms_are_the_same_whichever_path_folds_them() -> None:
    assert stems.terms("Задержание в Казани") == stems.terms(
        "задержа\u0301ние в казани"
    )


def test_terms_of_several_texts_are_the_terms_of_their_lines() -> None:
    texts = ["Суд в Казани", "Задержания в казани, 5 марта", "Court in Kazan", ""]
    assert stems.terms_of(texts) == stems.terms("\n".join(texts))
    assert stems.terms_of(texts)[:3] == ("суд", "в", "казан")
