"""Past bilingual documents aligned into translation-memory units (`memory align`).

Both sides are read as `ingest` reads any source (a file, or a page URL through the one
fetcher) and segmented the same way. Gale–Church (the `galechurch` package) aligns the
documents' paragraphs first, then the sentences inside each aligned group of paragraphs,
with the pair's own length ratio. Only confident beads are kept: one or two sentences on
each side, a length within Z standard deviations of what the ratio predicts, the same
numbers on both sides (dates, counts, article numbers: where they differ, the bead is off),
and every person named in the Russian (two or more capitalised words in a row) found in the
English by a close transliteration of their last name: a credits list shifted by one line
has lengths and numbers that agree, and names that do not.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

import galechurch
import iuliia
from rapidfuzz import fuzz

from translate_pub.model import Document, Segment
from translate_pub.placeholders import PLACEHOLDER

Z = 2.0  # standard deviations of length a kept bead may be off by
VARIANCE = 6.8  # Gale and Church's variance of target length per source character
NUMBER = re.compile(r"\d+")
NAME = re.compile(
    r"[А-ЯЁ][а-яё]+(?:[ -][А-ЯЁ][а-яё]+)+"
)  # «Григорий Дурново», «Анастасию Брязгину»
LATIN = re.compile(r"[A-Za-z]+")
CLOSE = 75  # rapidfuzz ratio of a transliterated last name to an English word
KEPT = {(1, 1), (1, 2), (2, 1), (2, 2)}


@dataclass(frozen=True)
class Bead:
    """Aligned sentences: the Russian and English text, where they are, and the bead's shape."""

    ru: str
    en: str
    where: str
    shape: str
    kept: bool

    @property
    def ru_sentences(self) -> int:
        return int(self.shape.split("-")[0])


@dataclass(frozen=True)
class Alignment:
    """Every bead of a pair of documents, and how many Russian sentences it has."""

    beads: list[Bead]
    sentences: int

    @property
    def kept(self) -> list[Bead]:
        return [b for b in self.beads if b.kept]


def align_documents(ru: Document, en: Document, where: str) -> Alignment:
    """The sentence beads of two versions of a document (`where` names the pair in each bead)."""
    ru_pars, en_pars = _paragraphs(ru.segments), _paragraphs(en.segments)
    ratio = sum(map(_length, en_pars)) / max(1, sum(map(_length, ru_pars)))
    beads: list[Bead] = []
    for ru_ids, en_ids in _align(
        [" ".join(p) for p in ru_pars], [" ".join(p) for p in en_pars], ratio
    ):
        ru_s = [s for i in ru_ids for s in ru_pars[i]]
        en_s = [s for i in en_ids for s in en_pars[i]]
        if not ru_s or not en_s:
            continue
        at = f"{where}: paragraph {ru_ids[0] + 1}"
        for rs, es in _align(ru_s, en_s, ratio):
            if rs and es:
                ru_text, en_text = (
                    " ".join(ru_s[i] for i in rs),
                    " ".join(en_s[i] for i in es),
                )
                kept = (len(rs), len(es)) in KEPT and confident(ru_text, en_text, ratio)
                beads.append(
                    Bead(
                        ru_text,
                        _fit(en_text, ru_text),
                        at,
                        f"{len(rs)}-{len(es)}",
                        kept,
                    )
                )
    return Alignment(beads, sum(len(p) for p in ru_pars))


def confident(ru: str, en: str, ratio: float) -> bool:
    """Whether a bead's lengths and numbers agree as a translation's do."""
    ru_len, en_len = _length(ru), _length(en)
    z = (en_len - ru_len * ratio) / math.sqrt(max(ru_len, 1) * VARIANCE)
    return (
        abs(z) <= Z
        and Counter(NUMBER.findall(ru)) == Counter(NUMBER.findall(en))
        and all(_named(name, en) for name in NAME.findall(PLACEHOLDER.sub(" ", ru)))
    )


def _named(name: str, en: str) -> bool:
    """Whether the English holds a word close to the transliterated last word of a Russian name."""
    last = iuliia.WIKIPEDIA.translate(re.split(r"[ -]", name)[-1]).lower()
    return any(fuzz.ratio(last, word.lower()) >= CLOSE for word in LATIN.findall(en))


def _paragraphs(segments: tuple[Segment, ...]) -> list[list[str]]:
    """Each paragraph's sentences; the title is a paragraph of its own."""
    out: dict[int, list[str]] = {}
    for s in segments:
        out.setdefault(s.paragraph, []).append(s.source)
    return [p for p in out.values() if any(t.strip() for t in p)]


def _align(
    ru: list[str], en: list[str], ratio: float
) -> list[tuple[list[int], list[int]]]:
    block = galechurch.align(ru, en, mean_xy=ratio)
    return [
        (
            list(range(b.source_start, b.source_end)),
            list(range(b.target_start, b.target_end)),
        )
        for b in block.beads
    ]


def _length(text: str | list[str]) -> int:
    return len(PLACEHOLDER.sub("", text if isinstance(text, str) else " ".join(text)))


def _fit(en: str, ru: str) -> str:
    """The English with its placeholders only where they are the Russian's too (each side numbers
    its own markup: a link in both keeps its number only when the two agree)."""
    if sorted(PLACEHOLDER.findall(en)) == sorted(PLACEHOLDER.findall(ru)):
        return en
    return re.sub(r"\s{2,}", " ", PLACEHOLDER.sub("", en)).strip()
