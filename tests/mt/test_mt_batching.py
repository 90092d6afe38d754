"""Packing segments into requests, splitting long ones, and markup conversion."""

from __future__ import annotations

from translate_pub.mt.batching import Piece, joined, pack, split_long
from translate_pub.mt.markup import from_markup, to_markup


def test_pack_respects_char_and_item_caps() -> None:
    texts = [f"Предложение номер {i}." for i in range(100)]
    requests = pack(texts, max_chars=200, max_items=7)
    assert all(sum(len(p.text) for p in r) <= 200 and len(r) <= 7 for r in requests)
    assert [p.text for r in requests for p in r] == texts
    assert len(requests) == 15  # the item cap binds: ceil(100 / 7)
    assert (
        len(pack(texts, 200, 1000)) == 11
    )  # now the char cap does: 9 or 10 texts fit in 200


def test_pack_few_requests_for_many_short_texts() -> None:
    assert len(pack(["слово"] * 500, max_chars=5000, max_items=50)) == 10


def test_long_segment_split_at_sentence_boundaries() -> None:
    sentences = [
        "Первое предложение довольно длинное.",
        "Второе тоже.",
        "Третье предложение завершает абзац.",
    ]
    parts = split_long(" ".join(sentences), max_chars=50)
    assert parts == [
        f"{sentences[0]} {sentences[1]}",
        sentences[2],
    ]  # whole sentences, as many as fit


def test_giant_sentence_split_between_words() -> None:
    text = " ".join(["слово"] * 100)
    parts = split_long(text, max_chars=60)
    assert all(len(p) <= 60 for p in parts)
    assert " ".join(parts) == text


def test_split_keeps_placeholder_pairs_together() -> None:
    text = "Начало <1>ссылки. Продолжение ссылки</1> и конец. Ещё одно предложение тут."
    parts = split_long(text, max_chars=60)
    assert any("<1>" in p and "</1>" in p for p in parts)


def test_joined_joins_parts_and_fails_whole_segment_on_any_missing_part() -> None:
    assert joined([(1, "Two."), (0, "One.")]) == "One. Two."
    assert joined([(0, "Three.")]) == "Three."
    assert joined([(0, "Four."), (1, None)]) is None
    assert joined([(1, "only the second part")]) is None
    assert joined([]) is None
    assert pack(["a"], 10, 10) == [[Piece(0, 0, "a")]]


def test_markup_round_trip_keeps_placeholders_and_escapes_text() -> None:
    source = "Если a < b & <1>ссылка</1> и разрыв<2/> конец"
    sent = to_markup(source)
    assert sent == "Если a &lt; b &amp; <x1>ссылка</x1> и разрыв<x2></x2> конец"
    assert from_markup(sent, source) == source
    assert (
        from_markup("If a &lt; b &amp; <x1>link</x1> and break<x2/> end", source)
        == "If a < b & <1>link</1> and break<2/> end"
    )


def test_markup_empty_pair_that_was_not_void_stays_a_pair() -> None:
    assert from_markup("<x1></x1> text", "<1>x</1>") == "<1></1> text"
