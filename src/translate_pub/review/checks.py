"""QA for the app: the segment checks plus each language's glossary, and a whole-document sweep."""

from __future__ import annotations

from pathlib import Path

from fastapi import Request

from translate_pub.model import Issue, Severity
from translate_pub.review.qa import check_segment
from translate_pub.review.terms import EditorGlossary, load_editor_glossary
from translate_pub.store.review import EditorRow

Glossaries = dict[str, EditorGlossary | None]  # target language → its termbase view


def load_glossaries(path: Path, targets: tuple[str, ...], cache: Path | None = None) -> Glossaries:
    return {lang: load_editor_glossary(path, lang, cache) for lang in targets}


def issues_for(glossaries: Glossaries, lang: str, source: str, target: str) -> list[Issue]:
    glossary = glossaries.get(lang)
    return check_segment(source, target, glossary.issues if glossary else None)


def segment_issues(request: Request, lang: str, source: str, target: str) -> list[Issue]:
    return issues_for(request.app.state.glossaries, lang, source, target)


def error_count(glossaries: Glossaries, lang: str, texts: list[tuple[str, str]]) -> int:
    """QA errors over (source, target) pairs, for the approval gate (checked afresh, never cached)."""
    return sum(1 for src, tgt in texts for i in issues_for(glossaries, lang, src, tgt) if i.severity == Severity.ERROR)


def document_errors(request: Request, lang: str, rows: list[EditorRow]) -> int:
    """A digest's quotes are approved text of their sources, frozen at approval: only its own text counts."""
    return error_count(request.app.state.glossaries, lang, [(r.source, r.text) for r in rows if r.block != "quote"])
