"""Offline engines: Apertium's stream handling and robustness, Argos up to the model file, recordings."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from tests.mt.support import FIXTURES
from translate_pub.errors import ConfigError
from translate_pub.mt.apertium import ApertiumEngine, from_stream, to_stream
from translate_pub.mt.argos import ArgosEngine, read_package
from translate_pub.mt.recorded import RecordedEngine


def test_stream_escapes_text_and_carries_placeholders_as_superblanks() -> None:
    text = "a [b] ^c$ / @d <1>ссылка</1> 5*2 <2/>"
    assert (
        to_stream(text)
        == r"a \[b\] \^c\$ \/ \@d [<1>]ссылка[</1>] 5\*2 [<2/>]" + "[][\n]"
    )
    assert from_stream(to_stream(text)) == text


def test_apertium_translates_russian_to_ukrainian_keeping_links() -> None:
    engine = ApertiumEngine()
    try:
        out = engine.translate(
            [
                "Задержанных доставили в <1>отдел полиции</1> в Москве.",
                "Правозащитники.",
            ],
            "ru",
            "uk",
        )
        assert out == [
            "Затриманих доставили у <1>відділ поліції</1> у *Москве.",
            "Правозахисники.",
        ]
    finally:
        engine.close()


def test_apertium_recovers_when_its_pipeline_dies() -> None:
    engine = ApertiumEngine()
    try:
        engine.translate(["Правозащитники."], "ru", "uk")
        engine.close()  # as if the pipeline had crashed
        assert engine.translate(["Правозащитники."], "ru", "uk") == ["Правозахисники."]
    finally:
        engine.close()


def test_apertium_empty_output_is_a_miss() -> None:
    engine = ApertiumEngine()
    try:
        assert engine.translate(["", "  "], "ru", "uk") == [None, None]
    finally:
        engine.close()


def test_apertium_without_the_language_pair_says_how_to_install(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="apt-get install apertium apertium-rus-ukr"):
        ApertiumEngine(data_dir=tmp_path)


def _package(
    tmp_path: Path, files: tuple[str, ...] = ("model/model.bin", "sentencepiece.model")
) -> Path:
    (tmp_path / "metadata.json").write_text(
        json.dumps({"from_code": "ru", "to_code": "en", "package_version": "1.9"})
    )
    for name in files:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"")
    return tmp_path


def test_argos_needs_a_package_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ARGOS_PACKAGE_DIR", raising=False)
    with pytest.raises(ConfigError, match="set ARGOS_PACKAGE_DIR"):
        ArgosEngine.from_env()


def test_argos_names_the_missing_metadata(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="metadata.json not found"):
        read_package(tmp_path)
    (tmp_path / "metadata.json").write_text("{\n  bad")
    with pytest.raises(ConfigError, match=r"metadata.json:2: not valid JSON"):
        read_package(tmp_path)


def test_argos_names_the_missing_model_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"model/model.bin is missing"):
        read_package(_package(tmp_path, files=("sentencepiece.model",)))
    assert read_package(_package(tmp_path))["to_code"] == "en"


@pytest.mark.skipif(
    importlib.util.find_spec("ctranslate2") is not None,
    reason="the runtime is installed here",
)
def test_argos_without_the_runtime_says_what_to_install(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="pip install ctranslate2 sentencepiece"):
        ArgosEngine(_package(tmp_path))


def test_recorded_misses_are_honest_and_tmx_loads(tmp_path: Path) -> None:
    engine = RecordedEngine(FIXTURES / "recorded.tsv")
    assert engine.translate(
        ["Нет такой записи.", "В Чечне задержали двух активистов."], "ru", "en"
    ) == [None, "Two activists were detained in Chechnia."]
    tmx = tmp_path / "r.tmx"
    tmx.write_text(
        '<?xml version="1.0"?><tmx version="1.4"><header srclang="ru" datatype="plaintext" '
        'segtype="sentence" adminlang="en" creationtool="t" creationtoolversion="1" o-tmf="t"/>'
        '<body><tu><tuv xml:lang="ru"><seg>Привет.</seg></tuv><tuv xml:lang="en"><seg>Hello.</seg>'
        "</tuv></tu></body></tmx>",
        encoding="utf-8",
    )
    assert RecordedEngine(tmx).translate(["Привет."], "ru", "en") == ["Hello."]


def test_recorded_bad_line_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("a\tb\nno tab here\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad.tsv:2: expected source<TAB>target"):
        RecordedEngine(bad)
