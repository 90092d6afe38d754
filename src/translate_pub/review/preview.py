"""The composer's live preview: a digest as its two editions will read, before it is saved.

Paragraphs of both editions in order: the connecting text as written (its translation comes
after saving, through MT and review, so the target edition shows the original marked as such),
each quote in the original and in its approved translation, and inline quotes in each
language's quotation marks. Plain text only; the page puts it in with textContent.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby

from translate_pub.model import NAME_BLOCK, Digest, Segment
from translate_pub.placeholders import restore_markup
from translate_pub.store.digests import QuotedSegment

MARKS = {"ru": ("«", "»"), "uk": ("«", "»"), "en": ("“", "”")}

# The quoted sentences a resolver handed out, by (document id, position): their approved target text.
Quoted = dict[tuple[int, int], QuotedSegment]


def editions(
    digest: Digest, quoted: Quoted, source_lang: str, lang: str, *, flip: bool = False
) -> dict[str, list[dict[str, object]]]:
    """{language: [{"quote": bool, "translated": bool, "text": str}, …]} for the digest's own
    language (`source_lang`: ru, or en for an English-first digest) and the other. `flip`: an
    English-first digest, whose quotes hold their approved English, so the other side is the
    original."""
    out: dict[str, list[dict[str, object]]] = {source_lang: [], lang: []}
    for quote, sentences in _paragraphs(digest.document.segments):
        for code in (source_lang, lang):
            side = "source" if code == source_lang else "target"
            texts = [_text(s, quoted, side, code, flip) for s in sentences]
            out[code].append(
                {
                    "quote": quote,
                    "translated": quote or side == "source",
                    "text": " ".join(t for t in texts if t),
                }
            )
    return out


def _paragraphs(segments: tuple[Segment, ...]) -> Iterator[tuple[bool, list[Segment]]]:
    for _n, group in groupby(
        (s for s in segments if s.block not in ("title", NAME_BLOCK)),
        key=lambda s: s.paragraph,
    ):
        sentences = list(group)
        yield sentences[0].block == "quote", sentences


def _text(s: Segment, quoted: Quoted, side: str, lang: str, flip: bool) -> str:
    if s.block == "quote":
        ref = s.markup["q"]
        found = quoted.get((int(ref["doc"]), int(ref["at"])))
        other = found and (found.source if flip else found.target)
        return _plain(s.source if side == "source" or not other else other, s.markup)
    start, end = MARKS.get(lang, ("“", "”"))
    parts = []
    for kind, value in restore_markup(s.source, s.markup):
        if kind == "text":
            parts.append(str(value))
        elif isinstance(value, dict) and value.get("tag") == "quote":
            words = (
                value["source"]
                if side == "source"
                else value.get("target") or value["source"]
            )
            parts.append(f"{start}{words.rstrip().removesuffix('.')}{end}")
    return "".join(parts)


def _plain(text: str, markup: dict[str, dict[str, str]]) -> str:
    return "".join(str(v) for k, v in restore_markup(text, markup) if k == "text")
