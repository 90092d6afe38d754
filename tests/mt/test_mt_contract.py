"""The contract every engine passes: one result per text, honest misses, placeholders kept, clean text."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from tests.fakes.mt_service import FakeMT
from tests.mt.support import FAST, FIXTURES, add_document, mymemory_at
from translate_pub.entities import ENTITY
from translate_pub.model import Status
from translate_pub.mt.apertium import ApertiumEngine
from translate_pub.mt.base import (
    HTML,
    NATIVE,
    PROTECT,
    REPLAY,
    TEXT,
    Engine,
)
from translate_pub.mt.clean import clean
from translate_pub.mt.deepl import DeepLEngine
from translate_pub.mt.draft import draft
from translate_pub.mt.libre import LibreEngine
from translate_pub.mt.microsoft import MicrosoftEngine
from translate_pub.mt.pipeline import translate_pending
from translate_pub.mt.recorded import RecordedEngine
from translate_pub.placeholders import PLACEHOLDER
from translate_pub.store.translations import get_status, pending_segments
from translate_pub.terms.glossary import Glossary

SENTENCES = [
    "Задержанных доставили в <1>отдел полиции</1> «Тверской».",
    "Корреспондент «Кавказского узла» сообщил о задержании.<2/>",
    "В Чечне задержали двух активистов.",
]
# Quotes, an apostrophe and an ampersand: what escaping providers return as &quot; &#39; &amp;
PUNCTUATED = 'Премьер-министр сказал: "AT&T" и O\'Brien.'


@dataclass
class Case:
    engine: Engine
    source_lang: str
    target_lang: str


@pytest.fixture(
    params=["recorded", "libretranslate", "deepl", "microsoft", "mymemory", "apertium"]
)
def case(request: pytest.FixtureRequest, fake: FakeMT) -> Iterator[Case]:
    name = request.param
    if name == "recorded":
        yield Case(RecordedEngine(FIXTURES / "recorded.tsv"), "ru", "en")
    elif name == "apertium":
        engine = ApertiumEngine()
        yield Case(engine, "ru", "uk")
        engine.close()
    else:
        engine = {
            "libretranslate": lambda: LibreEngine(fake.url, limits=FAST),
            "deepl": lambda: DeepLEngine("secret:fx", fake.url, limits=FAST),
            "microsoft": lambda: MicrosoftEngine("ms-key", url=fake.url, limits=FAST),
            "mymemory": lambda: mymemory_at(fake.url),
        }[name]()
        yield Case(engine, "ru", "en")
        engine.close()  # type: ignore[attr-defined]


class TestEngineContract:
    def test_identifies_itself(self, case: Case) -> None:
        assert case.engine.name and isinstance(case.engine.name, str)
        assert case.engine.version and isinstance(case.engine.version, str)
        assert case.engine.glossary_mode in (PROTECT, NATIVE, REPLAY)
        assert case.engine.output_format in (TEXT, HTML)

    def test_one_translation_per_text_in_order(self, case: Case) -> None:
        out = case.engine.translate(SENTENCES, case.source_lang, case.target_lang)
        assert len(out) == len(SENTENCES)
        assert all(isinstance(o, str) and o.strip() for o in out)
        assert out != SENTENCES
        reversed_out = case.engine.translate(
            SENTENCES[::-1], case.source_lang, case.target_lang
        )
        assert reversed_out == out[::-1]

    def test_placeholders_survive(self, case: Case) -> None:
        for source, out in zip(
            SENTENCES,
            case.engine.translate(SENTENCES, case.source_lang, case.target_lang),
            strict=True,
        ):
            assert out is not None
            out = clean(
                out, source, case.engine.output_format
            )  # in the format the engine declares
            assert Counter(PLACEHOLDER.findall(out)) == Counter(
                PLACEHOLDER.findall(source)
            ), out

    def test_empty_batch(self, case: Case) -> None:
        assert case.engine.translate([], case.source_lang, case.target_lang) == []

    def test_unsupported_pair_is_an_honest_miss(self, case: Case) -> None:
        assert case.engine.translate(SENTENCES[:2], case.source_lang, "xx") == [
            None,
            None,
        ]

    def test_deterministic(self, case: Case) -> None:
        first = case.engine.translate(SENTENCES, case.source_lang, case.target_lang)
        assert (
            case.engine.translate(SENTENCES, case.source_lang, case.target_lang)
            == first
        )

    def test_drafts_are_clean_text(self, case: Case) -> None:
        """Whatever the provider's wire format, a draft shows characters, never entities or tags."""
        [d] = draft(
            case.engine,
            Glossary(terms=(), version="none"),
            [PUNCTUATED],
            case.source_lang,
            case.target_lang,
        )
        assert d.text and not ENTITY.search(d.text) and "<" not in d.text, d.text
        shown = d.text.replace(
            "*", ""
        )  # Apertium marks unknown words with *, on purpose
        assert '"AT&T"' in shown and "O'Brien" in shown, d.text

    def test_through_the_pipeline(self, case: Case, store, glossary) -> None:  # type: ignore[no-untyped-def]
        doc = add_document(store, SENTENCES, targets=(case.target_lang,))
        report = translate_pending(
            store, case.engine, glossary, case.source_lang, case.target_lang
        )
        assert (report.machine, report.missed, report.documents) == (3, 0, [doc])
        with store.begin() as conn:
            assert pending_segments(conn, case.target_lang) == []
            assert (
                get_status(conn, doc, case.target_lang).status
                == Status.MACHINE_TRANSLATED
            )
