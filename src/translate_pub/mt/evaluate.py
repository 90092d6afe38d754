"""Measuring an engine: BLEU and chrF (sacrebleu) against references, and glossary compliance.

Drafts are made exactly as the pipeline makes them (output cleaned, terms shielded,
restored, forbidden variants replaced), so the score is the score of what translators
get. A line the engine missed is scored as an empty hypothesis, never skipped. A
system's output file (`mt eval --hyp`) is scored the same way, replayed as a recording.

Measured on FLORES-200 dev ru→en (997 lines), glossary tests/fixtures/terms/glossary.csv
(`--hyp` on each system's output file gives the same figures):

    engine               BLEU   chrF   terms in house style (raw → after enforcement)
    recorded (Google)    39.7   65.6   135 → 136 of 164   (38.4 / 65.1 before its entities were decoded)
    recorded-microsoft   36.5   64.1   140 → 141 of 164
    recorded-bergamot    30.4   60.1   142 → 143 of 164
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import sacrebleu

from translate_pub.files import MAX_BYTES, read_text
from translate_pub.mt.base import Engine
from translate_pub.mt.draft import draft, engine_label, find_terms, prepare
from translate_pub.terms.check import check
from translate_pub.terms.glossary import Glossary
from translate_pub.terms.match import Match

BATCH = 200


@dataclass(frozen=True)
class Evaluation:
    engine: str
    lines: int
    translated: int
    bleu: float
    chrf: float
    terms: int  # term occurrences (distinct terms per line) in the source
    terms_ok: int  # of those, rendered in house style with no forbidden variant, as translators get them
    terms_raw_ok: int  # the same in the engine's own output, before forbidden variants are replaced

    def report(self) -> str:
        share = f" ({100 * self.terms_ok / self.terms:.1f}%)" if self.terms else ""
        return "\n".join(
            [
                f"engine:   {self.engine}",
                f"lines:    {self.lines} ({self.translated} translated; misses scored as empty)",
                f"BLEU:     {self.bleu:.1f}",
                f"chrF:     {self.chrf:.1f}",
                f"glossary: {self.terms_ok}/{self.terms} term occurrences in house style{share}",
                f"          {self.terms_raw_ok}/{self.terms} before enforcement (forbidden variants replaced)",
            ]
        )


def read_lines(path: Path, max_bytes: int = MAX_BYTES) -> list[str]:
    return read_text(path, max_bytes).splitlines()


def evaluate(
    engine: Engine,
    glossary: Glossary,
    sources: Sequence[str],
    references: Sequence[str],
    source_lang: str,
    lang: str,
) -> Evaluation:
    prepare(engine, glossary, source_lang, lang)
    hypotheses: list[str] = []
    terms = terms_ok = terms_raw_ok = 0
    for start in range(0, len(sources), BATCH):
        chunk = list(sources[start : start + BATCH])
        matches = find_terms(glossary, chunk, source_lang)
        for d, m in zip(
            draft(engine, glossary, chunk, source_lang, lang, matches),
            matches,
            strict=True,
        ):
            hypotheses.append(d.text or "")
            terms += len({x.term_id for x in m})
            terms_ok += _in_house_style(m, d.text or "", glossary, lang)
            terms_raw_ok += _in_house_style(m, d.raw or "", glossary, lang)
    return Evaluation(
        engine=engine_label(engine),
        lines=len(sources),
        translated=sum(1 for h in hypotheses if h),
        bleu=sacrebleu.corpus_bleu(hypotheses, [list(references)]).score,
        chrf=sacrebleu.corpus_chrf(hypotheses, [list(references)]).score,
        terms=terms,
        terms_ok=terms_ok,
        terms_raw_ok=terms_raw_ok,
    )


def _in_house_style(
    matches: Sequence[Match], text: str, glossary: Glossary, lang: str
) -> int:
    """How many of the distinct terms found in a source line `text` renders in house style."""
    result = check(matches, text, glossary, lang=lang)
    return len(
        {m.term_id for m in matches} - set(result.missing) - set(result.forbidden)
    )
