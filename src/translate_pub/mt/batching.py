"""Packing segments into provider requests: as few requests as the size caps allow.

A segment longer than a request may carry is split at sentence boundaries (and,
for a single giant sentence, between words); its parts are translated in order
and joined again, and if any part fails the whole segment is a miss.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from translate_pub.segment import split_sentences


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
            chunks.append(word)  # a single word beyond the cap goes alone; the provider decides
    return chunks


def pack(texts: Sequence[str], max_chars: int, max_items: int) -> list[list[Piece]]:
    """Requests in input order, each within `max_chars` (summed) and `max_items`."""
    requests: list[list[Piece]] = []
    size = 0
    for i, text in enumerate(texts):
        for j, part in enumerate(split_long(text, max_chars)):
            if not requests or size + len(part) > max_chars or len(requests[-1]) >= max_items:
                requests.append([])
                size = 0
            requests[-1].append(Piece(i, j, part))
            size += len(part)
    return requests


def assemble(count: int, done: dict[tuple[int, int], str | None]) -> list[str | None]:
    """Join each text's translated parts; a text with any missing part is None."""
    parts: dict[int, list[tuple[int, str | None]]] = {}
    for (i, j), out in done.items():
        parts.setdefault(i, []).append((j, out))
    result: list[str | None] = []
    for i in range(count):
        got = sorted(parts.get(i, []))
        if not got or any(out is None for _j, out in got) or [j for j, _ in got] != list(range(len(got))):
            result.append(None)
        else:
            result.append(" ".join(out for _j, out in got if out is not None))
    return result
