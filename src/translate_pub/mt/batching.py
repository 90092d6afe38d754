"""Packing segments into provider requests: as few requests as the size caps allow.

A segment longer than a request may carry is split at sentence boundaries (and,
for a single giant sentence, between words); its parts are translated in order
and joined again, and if any part fails the whole segment is a miss.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from translate_pub.sentences import split_sentences


@dataclass(frozen=True)
class Piece:
    index: int  # which input text
    part: int  # which part of it
    text: str


def split_long(text: str, max_chars: int) -> list[str]:
    """Parts of `text`, each at most `max_chars` where sentence and word boundaries allow."""
    if len(text) <= max_chars:
        return [text]
    parts: list[str] = []
    for sentence in split_sentences(text):
        for chunk in _words_within(sentence, max_chars):
            if parts and len(parts[-1]) + 1 + len(chunk) <= max_chars:
                parts[-1] = f"{parts[-1]} {chunk}"
            else:
                parts.append(chunk)
    return parts


def _words_within(sentence: str, max_chars: int) -> list[str]:
    if len(sentence) <= max_chars:
        return [sentence]
    chunks: list[str] = []
    for word in sentence.split():
        if chunks and len(chunks[-1]) + 1 + len(word) <= max_chars:
            chunks[-1] = f"{chunks[-1]} {word}"
        else:
            chunks.append(
                word
            )  # a single word beyond the cap goes alone; the provider decides
    return chunks


def pack(texts: Sequence[str], max_chars: int, max_items: int) -> list[list[Piece]]:
    """Requests in input order, each within `max_chars` (summed) and `max_items`."""
    return list(packed(texts, max_chars, max_items))


def packed(
    texts: Iterable[str], max_chars: int, max_items: int
) -> Iterator[list[Piece]]:
    """`pack`, yielding each request as soon as it is full, so it can be sent before later texts exist."""
    request: list[Piece] = []
    size = 0
    for i, text in enumerate(texts):
        for j, part in enumerate(split_long(text, max_chars)):
            if request and (size + len(part) > max_chars or len(request) >= max_items):
                yield request
                request, size = [], 0
            request.append(Piece(i, j, part))
            size += len(part)
    if request:
        yield request


def joined(parts: list[tuple[int, str | None]]) -> str | None:
    """One text from its (part number, output) pairs; None if any part is missing or failed."""
    got = sorted(parts)
    if (
        not got
        or any(out is None for _j, out in got)
        or [j for j, _ in got] != list(range(len(got)))
    ):
        return None
    return " ".join(out for _j, out in got if out is not None)
