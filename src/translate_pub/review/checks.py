"""QA for the app: the segment checks plus each language's glossary (the gate builds on these)."""

from __future__ import annotations

from pathlib import Path

from translate_pub.model import Issue
from translate_pub.review.qa import check_segment
from translate_pub.review.terms import EditorGlossary, load_editor_glossary

Glossaries = dict[str, EditorGlossary | None]  # target language → its termbase view


def load_glossaries(
    path: Path, targets: tuple[str, ...], cache: Path | None = None
) -> Glossaries:
    return {lang: load_editor_glossary(path, lang, cache) for lang in targets}


def issues_for(
    glossaries: Glossaries, lang: str, source: str, target: str
) -> list[Issue]:
    glossary = glossaries.get(lang)
    return (
        list(glossary.qa(source, target))
        if glossary
        else check_segment(source, target, lang=lang)
    )
