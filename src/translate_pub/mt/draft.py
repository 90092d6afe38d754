"""One engine call with the glossary around it: shield, translate, restore, check.

Used by the pipeline (with the store around it) and by `mt eval` (without).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from translate_pub.mt.base import NATIVE, PROTECT, Engine, NativeGlossary, glossary_mode
from translate_pub.mt.protect import Shielded, qa_issues, replace_forbidden, shield, unshield
from translate_pub.terms.glossary import Glossary
from translate_pub.terms.match import Match, matcher_for

GLOSSARY_SOURCE = "ru"  # the termbase is keyed by Russian; other sources get no term matching


@dataclass(frozen=True)
class Draft:
    text: str | None  # None: the engine had no translation; the segment stays pending
    qa: list[dict[str, str]] = field(default_factory=list)


def engine_label(engine: Engine) -> str:
    return f"{engine.name} {engine.version}".strip()


def prepare(engine: Engine, glossary: Glossary, source_lang: str, lang: str) -> None:
    """Tell an engine with native glossaries which glossary to apply (once per run)."""
    if glossary_mode(engine) == NATIVE and source_lang == GLOSSARY_SOURCE:
        native: NativeGlossary = engine  # type: ignore[assignment]
        native.use_glossary(glossary, source_lang, lang)


def find_terms(glossary: Glossary, texts: Sequence[str], source_lang: str) -> list[list[Match]]:
    if source_lang != GLOSSARY_SOURCE or not glossary.terms:
        return [[] for _ in texts]
    matcher = matcher_for(glossary)
    return [matcher.find(t) for t in texts]


def finish(engine: Engine, output: str, matches: Sequence[Match], glossary: Glossary, lang: str) -> Draft:
    """House style and QA for an engine's raw output (also for cached outputs)."""
    text = replace_forbidden(output, matches, glossary, lang)
    notes = getattr(engine, "notes", None)
    qa = qa_issues(matches, text, glossary, lang) + (notes(text) if notes else [])
    return Draft(text, qa)


def draft(engine: Engine, glossary: Glossary, texts: Sequence[str], source_lang: str, lang: str,
          matches: list[list[Match]] | None = None) -> list[Draft]:
    """Drafts for `texts`, in order; a text the engine missed is `Draft(None)`."""
    matches = matches if matches is not None else find_terms(glossary, texts, source_lang)
    protect = glossary_mode(engine) == PROTECT
    shields = [shield(t, m, glossary, lang) if protect else Shielded(t) for t, m in zip(texts, matches, strict=True)]
    outputs = engine.translate([s.text for s in shields], source_lang, lang) if texts else []
    drafts = []
    for out, sh, m in zip(outputs, shields, matches, strict=True):
        restored = unshield(out, sh) if out else None
        drafts.append(finish(engine, restored, m, glossary, lang) if restored and restored.strip() else Draft(None))
    return drafts
