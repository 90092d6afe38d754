"""The glossary inside the editor: terms highlighted in the source, compliance as QA issues."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from translate_pub.model import Issue
from translate_pub.review.qa import check_segment
from translate_pub.terms.check import glossary_issues, prepare
from translate_pub.terms.glossary import Glossary, csv_path, load_glossary
from translate_pub.terms.match import Match, Matcher, matcher_for


class EditorGlossary:
    """One loaded termbase and its matcher, shared by every request."""

    def __init__(
        self, glossary: Glossary, lang: str, cache: Path | None = None
    ) -> None:
        self.glossary = glossary
        self.lang = lang
        self.matcher: Matcher = matcher_for(glossary, cache)
        # Lemma matching is the editor's costliest step and a pure function of the source:
        # the highlight, the page's QA and every save of a segment share one result.
        self.matches = lru_cache(maxsize=20_000)(self._matches)
        # A segment's QA is a pure function of its two texts under this termbase: the editor page,
        # each save (checked before and after writing), live checks and approval share one answer.
        self.qa = lru_cache(maxsize=20_000)(self._qa)

    def warm(self) -> None:
        """Load now what the first pages would: the matcher's models and the patterns of every
        rendering the QA compares a translation with (a page's new terms cost ~1 ms each)."""
        self.matcher.warm()
        prepare(self.glossary, self.lang)

    def _matches(self, source: str) -> tuple[Match, ...]:
        return tuple(self.matcher.find(source))  # in text order, as `find` gives them

    def _qa(self, source: str, target: str) -> tuple[Issue, ...]:
        return tuple(check_segment(source, target, self.issues, self.lang))

    def spans(self, source: str) -> list[tuple[str, Match | None]]:
        """The source cut into plain text and matched terms, in order (for highlighting)."""
        out: list[tuple[str, Match | None]] = []
        at = 0
        for m in self.matches(source):
            if m.start < at:
                continue  # overlapping match: the first one wins
            if m.start > at:
                out.append((source[at : m.start], None))
            out.append((source[m.start : m.end], m))
            at = m.end
        if at < len(source):
            out.append((source[at:], None))
        return out

    def panel(self, source: str) -> list[tuple[str, str, str]]:
        """(source words, house-style rendering, note) of each term in the source, once each."""
        seen: dict[str, tuple[str, str, str]] = {}
        for m in self.matches(source):
            seen.setdefault(
                m.term_id,
                (
                    source[m.start : m.end],
                    self.required(m),
                    self.glossary.by_id[m.term_id].note,
                ),
            )
        return list(seen.values())

    def required(self, match: Match) -> str:
        return self.glossary.target(match.term_id, self.lang) or match.en

    def issues(self, source: str, target: str) -> list[Issue]:
        return glossary_issues(self.matches(source), target, self.glossary, self.lang)


def load_editor_glossary(
    path: Path, lang: str, cache: Path | None = None
) -> EditorGlossary | None:
    """The termbase at `path` (its compiled matcher kept in `cache`), or None when there is none yet;
    a broken one raises GlossaryError."""
    if not csv_path(Path(path)).exists():
        return None
    return EditorGlossary(load_glossary(Path(path)), lang, cache)
