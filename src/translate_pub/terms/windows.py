"""Where the context tagger looks: the stretch of text around an asked word, and its tokens.

The tagger reads razdel's tokens, `radius` of them either side of the asked one (`tagger`).
razdel never joins across whitespace, and a rule joining two atoms of one whitespace-free
chunk looks at most two atoms beyond them, so the neighbouring chunk's first or last.
Hence the `radius` tokens either side of a word lie within the `radius` chunks either side
of its own, and those chunks are tokenized exactly as in the whole text when one more
chunk is shown on each side. That stretch (`Key`: its text, where the word starts in it
and where the words shown lower-cased start) decides the window, so a window's tag is
kept and found under it (`tags`) without razdel tokenizing, or even loading, anything:
razdel reads only stretches the tagger has not seen.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from translate_pub.terms.morph import Word

Key = tuple[
    str, int, tuple[int, ...]
]  # the stretch, the word's offset, lowered offsets
Window = tuple[
    tuple[str, ...], int
]  # the tokens shown to the tagger, and which is asked
_CHUNK = re.compile(r"\S+")  # razdel's atoms cover every non-space character


def keys(
    items: list[tuple[str, list[Word], set[int], set[int]]], radius: int
) -> dict[Key, list[tuple[int, int]]]:
    """For each (text, its words, the words asked about, those to show lower-cased): the key of
    each asked word's stretch, with the (text, word) places it answers."""
    found: dict[Key, list[tuple[int, int]]] = {}
    for n, (text, words, asked, lower) in enumerate(items):
        spans = [m.span() for m in _CHUNK.finditer(text)]
        starts = [start for start, _ in spans]
        lowered = sorted(words[i].start for i in lower)
        for i in sorted(asked):
            at = words[i].start
            c = bisect_right(starts, at) - 1  # the chunk the word starts in
            begin = spans[max(0, c - radius - 1)][0]
            end = spans[min(len(spans) - 1, c + radius + 1)][1]
            low = lowered[bisect_left(lowered, begin) : bisect_left(lowered, end)]
            key = (text[begin:end], at - begin, tuple(s - begin for s in low))
            found.setdefault(key, []).append((n, i))
    return found


def window(key: Key, radius: int) -> Window:
    """The tokens the tagger reads for a key: `radius` either side of the asked one (fewer
    where the text ends), those starting where a lowered word starts in lower case."""
    from razdel import tokenize  # only for a stretch not tagged before

    text, at, lowered = key
    tokens = list(tokenize(text))
    k = bisect_right([t.start for t in tokens], at) - 1
    lo = max(0, k - radius)
    shown = tuple(
        t.text.lower() if t.start in lowered else t.text
        for t in tokens[lo : k + radius + 1]
    )
    return shown, k - lo
