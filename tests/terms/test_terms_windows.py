"""The tagger's window read from the stretch around a word is the one the whole text gives."""

from __future__ import annotations

import json
from bisect import bisect_right
from pathlib import Path

import pytest
from razdel import tokenize as razdel_tokenize

from translate_pub.terms import windows
from translate_pub.terms.morph import Word, tokenize

LABELLED = Path(__file__).parents[1] / "fixtures" / "terms" / "labelled.jsonl"
# razdel joins atoms by looking two atoms away, across whitespace: «а -б», «1 ,5», «:-) )».
TRICKY = [
    "а -б в- г д - е",
    "Цена 1 ,5 и 2, 5 и 3 /4 и 5/ 6 руб.",
    "Смайлик :-) ) и :) — и ... ?! и -- и ** в конце",
    "yahoo ! и Yahoo! и ΔP mβж «Ёлки» (скобки) [1]",
    "  Начало с пробелов,\tтабуляции\nи перевода строки  ",
    "Одно",
]


def by_whole_text(text: str, words: list[Word], lower: set[int], r: int):
    """Each word's window as the whole text's razdel tokens give it (what the tagger was
    shown before), by word index."""
    tokens = list(razdel_tokenize(text))
    starts = [t.start for t in tokens]
    lowered = {words[j].start for j in lower}
    shown = [t.text.lower() if t.start in lowered else t.text for t in tokens]
    out = {}
    for i, word in enumerate(words):
        k = bisect_right(starts, word.start) - 1
        lo = max(0, k - r)
        out[i] = (tuple(shown[lo : k + r + 1]), k - lo)
    return out


def texts() -> list[str]:
    lines = LABELLED.read_text(encoding="utf-8").splitlines()
    return TRICKY + [json.loads(line)["text"] for line in lines]


@pytest.mark.parametrize("radius", [1, 3])
def test_every_words_window_is_the_whole_texts(radius: int) -> None:
    checked = 0
    for text in texts():
        words = tokenize(text)
        lower = set(range(0, len(words), 3))  # some words shown lower-cased
        found = windows.keys([(text, words, set(range(len(words))), lower)], radius)
        whole = by_whole_text(text, words, lower, radius)
        for key, places in found.items():
            for _, i in places:
                assert windows.window(key, radius) == whole[i], (text, words[i])
                checked += 1
    assert checked > 3000


def test_a_word_far_into_a_long_text_is_keyed_by_its_stretch_alone() -> None:
    """Two texts that share the words around an asked one share its key (and so its tag)."""
    tail = " и суды решили это дело окончательно"
    a, b = "Первый текст." + tail, "Совсем другое начало длинного текста." + tail
    keys = [
        next(iter(windows.keys([(t, ws, {len(ws) - 2}, set())], 3)))
        for t in (a, b)
        for ws in [tokenize(t)]
    ]
    assert keys[0] == keys[1] and keys[0][0].startswith("и суды")
