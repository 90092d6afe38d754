"""One record per MT engine: the registry, the concurrency limits and the readers' product names
all come from mt/engines.py, so a new engine is one record (and its module)."""

from __future__ import annotations

import importlib

import pytest

from translate_pub.mt import registry
from translate_pub.mt.engines import ENGINES, product


def test_every_record_is_an_engine_with_a_product_and_a_limit() -> None:
    assert {e.name for e in ENGINES} <= set(registry.names())
    assert len({e.name for e in ENGINES}) == len(ENGINES)
    assert all(e.product and e.concurrency >= 1 for e in ENGINES)


@pytest.mark.parametrize("record", ENGINES, ids=lambda e: e.name)
def test_each_builder_names_real_code(record) -> None:  # type: ignore[no-untyped-def]
    module, _colon, attributes = record.builds.partition(":")
    found = importlib.import_module(module)
    for attribute in attributes.split("."):
        found = getattr(found, attribute)
    assert callable(found)


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
