"""Glossary candidates: people, organisations and places named in the stored sources that the
glossary does not have yet, grouped by dictionary form, most frequent first.

slovnet's NER model (`ner.py`) finds the names; pymorphy3 puts each word of a person's or a
place's name in the nominative, keeping its gender («Кочеткова», «Кочетковым» → Кочетков;
«Москальковой» → Москалькова). A name the glossary matcher already finds, or one an editor
rejected, is left out. Each candidate carries its count, three contexts, the English forms
approved or imported translations of its sentences already use (capitalised words close to
its transliteration), and a proposed English form by the newsroom's transliteration scheme
(iuliia: `TRANSLATE_PUB_TRANSLIT`, default wikipedia).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import iuliia
from rapidfuzz import fuzz

from translate_pub.errors import GlossaryError
from translate_pub.files import read_text
from translate_pub.slugs import slugify
from translate_pub.terms.glossary import (
    Glossary,
    Term,
    csv_path,
    load_glossary,
    merge_into,
)
from translate_pub.terms.match import matcher_for
from translate_pub.terms.morph import analyzer
from translate_pub.terms.ner import entities

CONTEXTS = 3
KINDS = {
    "PER": "person",
    "ORG": "org",
    "LOC": "place",
}  # NER kind → the glossary's domain
ENGLISH = re.compile(r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*")  # a possessive's 's left out
CLOSE = 70  # rapidfuzz ratio of an English name to the proposed transliteration (Daniel / Daniil Beilinson)
WORD = re.compile(r"[А-ЯЁа-яё]+")


@dataclass
class Candidate:
    """A name not in the glossary: its kind, dictionary form and what is known of it."""

    kind: str
    ru: str
    proposed: str
    count: int = 0
    contexts: list[str] = field(default_factory=list)
    english: Counter[str] = field(default_factory=Counter)


def candidates(
    sentences: Iterable[str],
    pairs: Iterable[tuple[str, str]],
    glossary: Glossary,
    rejected: set[str],
    minimum: int = 2,
    scheme: str = "wikipedia",
) -> list[Candidate]:
    """Every name found at least `minimum` times, most frequent first."""
    translit = iuliia.schemas.get(scheme)  # ValueError for an unknown scheme
    texts = list(dict.fromkeys(sentences))
    found = dict[tuple[str, str], Candidate]()
    # One pass of each model over all the texts: the context tagger batches its questions.
    matched = matcher_for(glossary).find_many(texts)
    for text, names, terms in zip(texts, entities(texts), matched, strict=True):
        known = [(m.start, m.end) for m in terms]
        for e in names:
            if any(s < e.end and e.start < end for s, end in known):
                continue
            ru = lemma(text[e.start : e.end], e.kind)
            if not ru or ru in rejected:
                continue
            c = found.setdefault(
                (e.kind, ru), Candidate(e.kind, ru, translit.translate(ru))
            )
            c.count += 1
            if len(c.contexts) < CONTEXTS:
                c.contexts.append(text)
    kept = sorted(
        (c for c in found.values() if c.count >= minimum),
        key=lambda c: (-c.count, c.ru),
    )
    _english(kept, pairs)
    return kept


@lru_cache(maxsize=100_000)
def lemma(surface: str, kind: str) -> str:
    """The dictionary form of a name: each word of a person or place in the nominative, with the
    gender its first name shows (Анну Григорьеву → Анна Григорьева); an organisation's words and
    abbreviations (РФ) as written."""
    surface = " ".join(surface.split())
    if kind == "ORG" or not WORD.search(surface):
        return surface
    words = WORD.findall(surface)
    gender = next(
        (
            p.tag.gender
            for w in words
            for p in analyzer().parse(w)[:1]
            if "Name" in p.tag
        ),
        None,
    )
    return WORD.sub(lambda m: _nominative(m.group(), gender), surface)


@lru_cache(
    maxsize=100_000
)  # pymorphy guesses an unknown surname's forms slowly (ms a word)
def _nominative(word: str, gender: str | None) -> str:
    if word.isupper():
        return word
    parses = analyzer().parse(word)
    parse = next((p for p in parses if gender and p.tag.gender == gender), parses[0])
    inflected = parse.inflect({"nomn"}) if "nomn" not in parse.tag else None
    form = inflected.word if inflected else word.lower()
    return form[:1].upper() + form[1:] if word[:1].isupper() else form


def _english(found: list[Candidate], pairs: Iterable[tuple[str, str]]) -> None:
    """Count, per candidate, the English names close to its transliteration in the translations
    of sentences that hold its first word's stem."""
    by_stem = defaultdict[str, list[Candidate]](list)
    for c in found:
        if c.kind != "ORG":
            by_stem[c.ru.split()[-1][:5].lower()].append(c)
    if not by_stem:
        return
    for source, target in pairs:
        low = source.lower()
        for stem, holders in by_stem.items():
            if stem in low:
                names = ENGLISH.findall(target)
                for c in holders:
                    c.english.update(
                        n
                        for n in names
                        if fuzz.ratio(n.lower(), c.proposed.lower()) >= CLOSE
                    )


def rejected_file(glossary: Path) -> Path:
    """Where rejections are remembered: `rejected.txt` beside the termbase's CSV, a name a line."""
    return csv_path(glossary).parent / "rejected.txt"


def rejected(glossary: Path) -> set[str]:
    path = rejected_file(glossary)
    return set(read_text(path).splitlines()) if path.exists() else set()


def reject(glossary: Path, ru: str) -> None:
    with rejected_file(glossary).open("a", encoding="utf-8") as out:
        out.write(" ".join(ru.split()) + "\n")  # one line, whatever was typed


def accept(
    glossary: Path, candidate: Candidate, english: str | None = None
) -> tuple[Term, str]:
    """Add a candidate to the termbase through the glossary's own validation; the term and the new version."""
    en = (english or candidate.proposed).strip()
    # Merging a term whose id or English another term has would replace or shadow that term
    # (a name, perhaps) without a word.
    taken = next(
        (
            t
            for t in load_glossary(glossary).terms
            if t.id == slugify(en) or t.en.casefold() == en.casefold()
        ),
        None,
    )
    if taken is not None:
        raise GlossaryError(
            str(csv_path(glossary)),
            f"«{en}» is already the English of «{taken.ru}» (term {taken.id}); "
            "edit that term in the file instead",
        )
    term = Term(
        id=slugify(en),
        ru=candidate.ru,
        en=en,
        en_forbidden=(),
        note=f"added from glossary candidates ({candidate.count} occurrences)",
        extra={"pos": "PROPN", "domain": KINDS[candidate.kind], "status": "mandatory"},
    )
    merge_into(glossary, (term,))
    return term, load_glossary(glossary).version
