"""One record per MT engine: the registry, the concurrency limits and the readers' product names
all come from mt/engines.py, and what an engine can do from its class (mt/base.py's typed
defaults), so a new engine is one record (and its module)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

import pytest

from tests.mt.support import add_document
from translate_pub.errors import MTError
from translate_pub.mt import engines, registry
from translate_pub.mt.base import HTML, NATIVE, Engine
from translate_pub.mt.draft import draft
from translate_pub.mt.engines import ENGINES, EngineRecord, product
from translate_pub.mt.pipeline import translate_pending
from translate_pub.store import Store
from translate_pub.terms.glossary import Glossary
from translate_pub_flows.deploy import mt_limits


class ToyEngine(Engine):
    """Applies the glossary itself, answers HTML-escaped, one text a part, and misses 'Нет.'."""

    name, version = "toy", "1"
    glossary_mode = NATIVE
    output_format = HTML

    def __init__(self) -> None:
        self.told: tuple[str, str] | None = None
        self.parts = 0
        self.last_errors: list[MTError] = []

    def use_glossary(
        self, glossary: Glossary, source_lang: str, target_lang: str
    ) -> None:
        self.told = (source_lang, target_lang)

    def translate(
        self, texts: Sequence[str], source_lang: str, target_lang: str
    ) -> list[str | None]:
        raise AssertionError("a streaming engine is asked to stream")

    def translate_stream(
        self, texts: Iterable[str], source_lang: str, target_lang: str
    ) -> Iterator[dict[int, str | None]]:
        self.last_errors = []
        for i, text in enumerate(texts):
            self.parts += 1
            if text == "Нет.":
                self.last_errors.append(MTError("toy: no answer"))
            yield {i: None if text == "Нет." else f"Toy&#39;s {len(text)}"}


@pytest.fixture
def toy(monkeypatch: pytest.MonkeyPatch) -> EngineRecord:
    record = EngineRecord("toy", "Toy Translate", 3, ToyEngine)
    monkeypatch.setitem(engines.BY_NAME, "toy", record)  # taken out afterwards
    return record


def test_an_engine_added_by_its_record_is_built_limited_and_credited(
    toy: EngineRecord,
) -> None:
    assert "toy" in registry.names()
    assert isinstance(registry.get_engine("toy"), ToyEngine)
    assert product("toy 1") == ("Toy Translate", False)
    assert mt_limits()["toy"] == 3


def test_the_pipeline_honours_the_abilities_its_class_declares(
    toy: EngineRecord, store: Store, glossary: Glossary
) -> None:
    engine = registry.get_engine("toy")
    assert isinstance(engine, ToyEngine)
    add_document(store, ["Один.", "Два.", "Нет."])
    report = translate_pending(store, engine, glossary, "ru", "en")
    assert engine.told == ("ru", "en")  # NATIVE: told the glossary before translating
    assert engine.parts == 3  # streamed: one part a text
    assert report.machine == 2 and report.errors == ["toy: no answer"]
    drafts = draft(engine, glossary, ["Один."], "ru", "en")
    assert drafts[0].text == "Toy's 5"  # HTML output decoded once


def test_an_engine_declaring_nothing_gets_the_defaults() -> None:
    class Plain(Engine):
        name = "plain"

        def translate(
            self, texts: Sequence[str], source_lang: str, target_lang: str
        ) -> list[str | None]:
            return [f"EN {t}" for t in texts]

    plain = Plain()
    assert (plain.glossary_mode, plain.output_format, plain.last_errors) == (
        "protect",
        "text",
        (),
    )
    assert list(plain.translate_stream(iter(["a", "b"]), "ru", "en")) == [
        {0: "EN a", 1: "EN b"}
    ]


def test_every_record_is_an_engine_with_a_product_and_a_limit() -> None:
    assert {e.name for e in ENGINES} <= set(registry.names())
    assert len({e.name for e in ENGINES}) == len(ENGINES)
    assert all(e.product and e.concurrency >= 1 for e in ENGINES)


@pytest.mark.parametrize("record", ENGINES, ids=lambda e: e.name)
def test_each_builder_names_real_code(record: EngineRecord) -> None:
    import pkgutil

    assert isinstance(record.builds, str)
    assert callable(pkgutil.resolve_name(record.builds))


def test_the_offline_engines_build_from_their_records() -> None:
    for name in ("recorded", "recorded-microsoft", "recorded-bergamot"):
        engine = registry.get_engine(name)
        assert engine.translate(["Суд оштрафовал активиста."], "ru", "en") is not None


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("deepl 2024-11", ("DeepL", False)),
        ("google", ("Google Translate", False)),
        ("recorded flores-dev.ru-en.bergamot-tiny.tsv", ("Firefox Translations", True)),
        (
            "recorded-microsoft flores-dev.ru-en.microsoft.tsv",
            ("Microsoft Translator", True),
        ),
        ("someone-else 1", ("someone-else", False)),
    ],
)
def test_readers_see_the_product_of_a_label(
    label: str, expected: tuple[str, bool]
) -> None:
    assert product(label) == expected
