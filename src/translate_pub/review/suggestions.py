"""Memory suggestions for the editor: fuzzy matches scored with rapidfuzz, each with the
difference between its source and the segment's, and concordance hits split for marking."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from translate_pub.model import Provenance
from translate_pub.review.diff import word_diff
from translate_pub.store.memory import Entry, phrase_at

THRESHOLD = 75.0  # percent: a weaker match costs a translator more to fix than to type
SHOWN = 3  # memory suggestions under a segment, exact match included


@dataclass(frozen=True)
class Match:
    """A memory unit close to a segment's source: `score` in whole percent (rounded down),
    `diff` from the memory's source to this source (del: only theirs, ins: only ours)."""

    score: int
    target: str
    source: str
    diff: list[tuple[str, str]]
    imported_from: str = ""  # the TMX file of an imported unit
    provenance: Provenance = Provenance.APPROVED
    approved_by: str = (
        ""  # who approved an approved unit, and on which day (YYYY-MM-DD)
    )
    approved_on: str = ""


def exact(entry: Entry | None) -> Match | None:
    """The one 100% match of a segment (`exact_memory.exact_units`), with its provenance."""
    return _match(100, entry, []) if entry else None


def _match(score: int, e: Entry, diff: list[tuple[str, str]]) -> Match:
    return Match(
        score,
        e.target,
        e.source,
        diff,
        e.title if e.provenance is Provenance.IMPORTED else "",
        e.provenance,
        e.approved_by,
        e.approved_at.strftime("%Y-%m-%d") if e.approved_at else "",
    )


def fuzzy(source: str, entries: list[Entry], exact: str | None) -> list[Match]:
    """The best matches at or above THRESHOLD, one per distinct translation, after the exact one."""
    scored = sorted(
        ((fuzz.ratio(source, e.source), e) for e in entries if e.source != source),
        key=lambda pair: (-pair[0], -pair[1].segment_id),
    )
    seen, found = {exact}, list[Match]()
    for score, e in scored:
        if (
            score >= THRESHOLD
            and e.target not in seen
            and len(found) + (exact is not None) < SHOWN
        ):
            seen.add(e.target)
            found.append(_match(int(score), e, word_diff(e.source, source)))
    return found


def marked(text: str, phrase: str) -> list[tuple[str, bool]]:
    """`text` in pieces, True for each occurrence of `phrase` (any form of its words), for
    highlighting."""
    pieces, at = [], 0
    for start, end in phrase_at(text, phrase):
        if start >= at:  # occurrences never overlap in what is marked
            pieces += [(text[at:start], False), (text[start:end], True)]
            at = end
    return [p for p in [*pieces, (text[at:], False)] if p[0]]
