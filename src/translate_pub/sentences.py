"""Text → sentences (razdel), never cutting a placeholder pair in two: segmenting and MT batching share it."""

from __future__ import annotations

from razdel import sentenize

from translate_pub.placeholders import balanced


def split_sentences(text: str) -> list[str]:
    """razdel sentences, re-joined where a split would cut a placeholder pair in two."""
    out: list[str] = []
    for sent in sentenize(text):
        if out and not balanced(out[-1]):
            out[-1] = f"{out[-1]} {sent.text}"
        else:
            out.append(sent.text)
    return out
