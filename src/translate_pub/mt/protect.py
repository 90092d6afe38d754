"""House style through MT: shield glossary terms before, restore them after, then check.

For a provider without glossaries, each matched term is replaced by a placeholder
carrying its house-style rendering (`в <901>Chechnya</901>`): the engine builds the
sentence around an opaque name, so the sentence stays grammatical, and afterwards
the placeholder becomes exactly the house form. Any forbidden variant the engine
still produced is replaced by the house form. Compliance is then checked
by `terms.check.glossary_issues`, as for review.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from translate_pub.placeholders import PLACEHOLDER
from translate_pub.terms.glossary import Glossary
from translate_pub.terms.match import Match
from translate_pub.terms.phrases import phrase_pattern

FIRST_SHIELD = 900  # shield numbers sit far above any real placeholder of a sentence


@dataclass(frozen=True)
class Shielded:
    text: str  # what the engine is given
    terms: dict[str, str] = field(
        default_factory=dict
    )  # placeholder number → house-style rendering


def shield(
    source: str, matches: Sequence[Match], glossary: Glossary, lang: str
) -> Shielded:
    numbers = [int(n) for _c, n, _v in PLACEHOLDER.findall(source)]
    n = max([FIRST_SHIELD - 1, *numbers]) + 1
    out, pos, terms = [], 0, {}
    for m in sorted(matches, key=lambda m: m.start):
        target = glossary.target(m.term_id, lang)
        # A term cut by markup (`<1>Мемо</1>риал`) cannot be shielded whole: leave it to the check.
        if (
            not target
            or m.start < pos
            or "<" in source[m.start : m.end]
            or ">" in source[m.start : m.end]
        ):
            continue
        out.append(source[pos : m.start])
        out.append(f"<{n}>{target}</{n}>")
        terms[str(n)] = target
        pos, n = m.end, n + 1
    out.append(source[pos:])
    return Shielded("".join(out), terms)


def unshield(output: str, shielded: Shielded) -> str:
    """Put the exact house forms back where the engine left the shields; drop stray shield tags."""
    for n, target in shielded.terms.items():
        found = re.search(rf"<{n}>.*?</{n}>|<{n}/>", output, re.S)
        if found:
            house = _capitalised(target, output, found.start())
            output = f"{output[: found.start()]}{house}{output[found.end() :]}"
        output = re.sub(rf"</?{n}/?>", "", output)
    return output


def _capitalised(target: str, text: str, at: int) -> str:
    sentence_start = not text[:at].strip() or text[:at].rstrip()[-1:] in ".!?"
    return target[:1].upper() + target[1:] if sentence_start else target


def replace_forbidden(
    output: str, matches: Sequence[Match], glossary: Glossary, lang: str
) -> str:
    """Forbidden variants of the segment's terms → the house form (keeping a possessive)."""
    for term_id in dict.fromkeys(m.term_id for m in matches):
        target = glossary.target(term_id, lang)
        if not target:
            continue
        for variant in glossary.by_id[term_id].forbidden(lang):
            output = _swap(output, variant, target)
    return output


def _swap(output: str, variant: str, target: str) -> str:
    # A banned variant inside the house form ("Memorial" in "Memorial Human Rights Centre") stays.
    house = [(h.start(), h.end()) for h in phrase_pattern(target).finditer(output)]

    def swap(m: re.Match[str]) -> str:
        if any(s < m.end() and m.start() < e for s, e in house):
            return m.group()
        return target + ("'s" if m.group().endswith(("'s", "’s")) else "")

    return phrase_pattern(variant).sub(swap, output)


def compile_patterns(matches: Sequence[Match], glossary: Glossary, lang: str) -> None:
    """Compile (into `phrase_pattern`'s cache) what checking these terms needs, ahead of the output."""
    for term_id in {m.term_id for m in matches}:
        target = glossary.target(term_id, lang)
        term = glossary.by_id[term_id]
        for phrase in ([target, *term.allowed(lang)] if target else []) + list(
            term.forbidden(lang)
        ):
            phrase_pattern(phrase)
