"""One engine call with the glossary around it: shield, translate, restore, check.

Used by the pipeline (with the store around it) and by `mt eval` (without).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from translate_pub.mt.base import NATIVE, PROTECT, Engine
from translate_pub.mt.clean import clean
from translate_pub.mt.protect import (
    Shielded,
    compile_patterns,
    replace_forbidden,
    shield,
    unshield,
)
from translate_pub.terms.english import find_english
from translate_pub.terms.glossary import Glossary
from translate_pub.terms.match import Match, matcher_for

GLOSSARY_SOURCE = "ru"  # the termbase is keyed by Russian
GLOSSARY_ENGLISH = (
    "en"  # its house English, read the other way for English-first digests
)


@dataclass(frozen=True)
class Draft:
    text: str | None  # None: the engine had no translation; the segment stays pending
    raw: str | None = (
        None  # the engine's own (cleaned) text, before house style was enforced
    )


def engine_label(engine: Engine) -> str:
    return f"{engine.name} {engine.version}".strip()


def prepare(engine: Engine, glossary: Glossary, source_lang: str, lang: str) -> None:
    """Tell an engine with native glossaries which glossary to apply (once per run)."""
    if engine.glossary_mode == NATIVE and source_lang == GLOSSARY_SOURCE:
        engine.use_glossary(glossary, source_lang, lang)


def find_terms(
    glossary: Glossary, texts: Sequence[str], source_lang: str
) -> list[list[Match]]:
    if source_lang == GLOSSARY_ENGLISH and glossary.terms:
        return find_english(glossary, texts)
    if source_lang != GLOSSARY_SOURCE or not glossary.terms:
        return [[] for _ in texts]
    return matcher_for(glossary).find_many(list(texts))


def finish(
    engine: Engine, output: str, matches: Sequence[Match], glossary: Glossary, lang: str
) -> Draft:
    """House style for an engine's raw output (also for cached outputs); the review app checks it."""
    return Draft(replace_forbidden(output, matches, glossary, lang), output)


def draft(
    engine: Engine,
    glossary: Glossary,
    texts: Sequence[str],
    source_lang: str,
    lang: str,
    matches: list[list[Match]] | None = None,
) -> list[Draft]:
    """Drafts for `texts`, in order; a text the engine missed is `Draft(None)`."""
    drafts = [Draft(None)] * len(texts)
    for finished in draft_stream(engine, glossary, texts, source_lang, lang, matches):
        for i, d in finished.items():
            drafts[i] = d
    return drafts


def draft_stream(
    engine: Engine,
    glossary: Glossary,
    texts: Sequence[str],
    source_lang: str,
    lang: str,
    matches: list[list[Match]] | None = None,
) -> Iterator[dict[int, Draft]]:
    """Drafts by text index, as the engine finishes them (request by request, where it can say).

    An engine that streams gets the texts lazily, so its first request leaves before the later
    texts' terms are matched; the caller's work on each part (house style, QA, saving) overlaps
    the requests still in flight.
    """
    if not texts:
        return
    found: list[list[Match]] = []
    shields: list[Shielded] = []
    protect = engine.glossary_mode == PROTECT

    def shielded() -> Iterator[str]:
        for i, text in enumerate(texts):
            found.append(
                matches[i]
                if matches is not None
                else find_terms(glossary, [text], source_lang)[0]
            )
            shields.append(
                shield(text, found[i], glossary, lang) if protect else Shielded(text)
            )
            yield shields[i].text
        # The requests are (about to be) in flight: compile the house-style checks meanwhile.
        compile_patterns([m for terms in found for m in terms], glossary, lang)

    # An engine that streams sends each request as soon as it is full; others answer at once.
    parts = engine.translate_stream(shielded(), source_lang, lang)
    for finished in parts:
        yield {
            i: _drafted(engine, out, shields[i], found[i], glossary, lang)
            for i, out in finished.items()
        }


def _drafted(
    engine: Engine,
    output: str | None,
    shielded: Shielded,
    matches: Sequence[Match],
    glossary: Glossary,
    lang: str,
) -> Draft:
    # Every engine's output enters here, and is cleaned before anything else reads it.
    restored = (
        unshield(clean(output, shielded.text, engine.output_format), shielded)
        if output
        else None
    )
    return (
        finish(engine, restored, matches, glossary, lang)
        if restored and restored.strip()
        else Draft(None)
    )
