"""Engines by name, keys from the environment, the MT cache, and `translate-pub mt eval`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.mt.support import FIXTURES
from translate_pub.cli import main
from translate_pub.errors import ConfigError
from translate_pub.mt import engines
from translate_pub.mt.engines import EngineRecord
from translate_pub.mt.libre import LibreEngine
from translate_pub.mt.recorded import RecordedEngine
from translate_pub.mt.registry import get_engine, names
from translate_pub.store import Store
from translate_pub.store.mt_cache import cached, remember

KEYS = (
    "LIBRETRANSLATE_URL",
    "LIBRETRANSLATE_API_KEY",
    "DEEPL_API_KEY",
    "MICROSOFT_API_KEY",
    "YANDEX_API_KEY",
    "ARGOS_PACKAGE_DIR",
)


@pytest.fixture(autouse=True)
def no_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    for key in KEYS:
        monkeypatch.delenv(key, raising=False)


def test_every_documented_engine_is_registered() -> None:
    assert set(names()) >= {
        "recorded",
        "recorded-microsoft",
        "recorded-bergamot",
        "apertium",
        "argos",
        "libretranslate",
        "deepl",
        "microsoft",
        "google",
        "yandex",
        "mymemory",
    }


def test_unknown_engine_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match=r"unknown engine 'nope' \(known: .*recorded"):
        get_engine("nope")


@pytest.mark.parametrize(
    ("name", "variable"),
    [
        ("libretranslate", "LIBRETRANSLATE_URL"),
        ("deepl", "DEEPL_API_KEY"),
        ("microsoft", "MICROSOFT_API_KEY"),
        ("yandex", "YANDEX_API_KEY"),
    ],
)
def test_providers_say_which_variable_is_missing(name: str, variable: str) -> None:
    with pytest.raises(ConfigError, match=variable):
        get_engine(name)


def test_keys_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LIBRETRANSLATE_URL", "http://127.0.0.1:5000/")
    monkeypatch.setenv("LIBRETRANSLATE_API_KEY", "k")
    engine = get_engine("libretranslate")
    assert (
        isinstance(engine, LibreEngine)
        and engine.url == "http://127.0.0.1:5000"
        and engine.api_key == "k"
    )
    assert (
        get_engine("recorded-bergamot").version == "flores-dev.ru-en.bergamot-tiny.tsv"
    )


def test_cache_round_trip_and_first_output_wins(store: Store) -> None:
    with store.begin() as conn:
        remember(conn, "e 1", "ru", "en", "g1", {"Привет.": "Hello."})
        remember(conn, "e 1", "ru", "en", "g1", {"Привет.": "Hi.", "Пока.": "Bye."})
        assert cached(conn, "e 1", "ru", "en", "g1", ["Привет.", "Пока.", "Нет."]) == {
            "Привет.": "Hello.",
            "Пока.": "Bye.",
        }
        assert cached(conn, "e 1", "ru", "en", "g2", ["Привет."]) == {}
        assert cached(conn, "e 2", "ru", "en", "g1", ["Привет."]) == {}
        assert cached(conn, "e 1", "ru", "uk", "g1", ["Привет."]) == {}


def test_eval_prints_scores_and_compliance(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code = main(
        [
            "--home",
            str(tmp_path),
            "mt",
            "eval",
            "--engine",
            "recorded",
            "--src",
            str(FIXTURES / "flores-dev.40.ru"),
            "--ref",
            str(FIXTURES / "flores-dev.40.en"),
            "--glossary",
            str(FIXTURES / "glossary.csv"),
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "lines:    40 (40 translated" in out
    bleu = float(out.split("BLEU:")[1].split()[0])
    chrf = float(out.split("chrF:")[1].split()[0])
    assert 25 < bleu < 60 and 50 < chrf < 80
    assert "glossary: 0/0 term occurrences" in out


def test_eval_counts_misses_and_terms(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src, ref = tmp_path / "src.ru", tmp_path / "ref.en"
    src.write_text(
        "В Чечне задержали двух активистов.\nОб этом сообщает ОВД-Инфо.\nНет записи.\n",
        encoding="utf-8",
    )
    ref.write_text(
        "Two activists were detained in Chechnya.\nOVD-Info reported this.\nNo record.\n",
        encoding="utf-8",
    )
    test = EngineRecord(
        "recorded-test", "Test", 1, lambda: RecordedEngine(FIXTURES / "recorded.tsv")
    )
    monkeypatch.setitem(engines.BY_NAME, "recorded-test", test)  # taken out afterwards
    assert (
        main(
            [
                "--home",
                str(tmp_path),
                "mt",
                "eval",
                "--engine",
                "recorded-test",
                "--src",
                str(src),
                "--ref",
                str(ref),
                "--glossary",
                str(FIXTURES / "glossary.csv"),
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "lines:    3 (2 translated" in out
    assert "glossary: 1/2 term occurrences in house style (50.0%)" in out


def test_eval_bad_input_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    src = tmp_path / "src.ru"
    src.write_text("один\nдва\n", encoding="utf-8")
    assert (
        main(
            [
                "--home",
                str(tmp_path),
                "mt",
                "eval",
                "--src",
                str(src),
                "--ref",
                str(tmp_path / "missing"),
            ]
        )
        == 1
    )
    assert "missing: no such file (log: " in capsys.readouterr().err
    (tmp_path / "ref").write_text("one\n", encoding="utf-8")
    assert (
        main(
            [
                "--home",
                str(tmp_path),
                "mt",
                "eval",
                "--src",
                str(src),
                "--ref",
                str(tmp_path / "ref"),
            ]
        )
        == 1
    )
    assert "ref: 1 lines, but" in capsys.readouterr().err
    assert (
        main(
            [
                "--home",
                str(tmp_path),
                "mt",
                "eval",
                "--engine",
                "nope",
                "--src",
                str(src),
                "--ref",
                str(src),
            ]
        )
        == 1
    )
    assert "unknown engine 'nope'" in capsys.readouterr().err


TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="ru" datatype="plaintext" segtype="sentence" adminlang="en"
 creationtool="test" creationtoolversion="1" o-tmf="none"/><body>
<tu><tuv xml:lang="ru"><seg>В Чечне задержали двух активистов.</seg></tuv>
<tuv xml:lang="en"><seg>Two activists were detained in Chechnya.</seg></tuv></tu>
</body></tmx>
"""


def test_any_recording_replays_by_file_name(tmp_path: Path) -> None:
    (tmp_path / "out.tmx").write_text(TMX, encoding="utf-8")
    tmx = get_engine(f"recorded:{tmp_path / 'out.tmx'}")
    assert tmx.translate(
        ["В Чечне  задержали двух активистов.", "Нет."], "ru", "en"
    ) == ["Two activists were detained in Chechnya.", None]
    tsv = get_engine(f"recorded:{FIXTURES / 'recorded.tsv'}")
    assert (tsv.name, tsv.version) == ("recorded", "recorded.tsv")
    (tmp_path / "bad.tmx").write_text("<tmx><body>", encoding="utf-8")
    for bad, message in [
        ("bad.tmx", "bad.tmx: not a TMX file"),
        ("none.tsv", "no recording at"),
        ("", "no recording at"),
    ]:
        with pytest.raises(ConfigError, match=message):
            get_engine(f"recorded:{tmp_path / bad}")


def test_eval_scores_an_output_file_before_and_after_enforcement(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    src, ref, hyp = tmp_path / "src.ru", tmp_path / "ref.en", tmp_path / "system.en"
    src.write_text(
        "В Чечне задержали двух активистов.\nОб этом сообщает ОВД-Инфо.\nНет записи.\n",
        encoding="utf-8",
    )
    ref.write_text(
        "Two activists were detained in Chechnya.\nOVD-Info reported this.\nNo record.\n",
        encoding="utf-8",
    )
    # Chechnia is a forbidden variant: enforcement makes it Chechnya; the entity is decoded.
    hyp.write_text(
        "Two activists were detained in Chechnia.\nOVD-Info&#39;s report.\n\n",
        encoding="utf-8",
    )
    assert (
        main(
            [
                "--home",
                str(tmp_path),
                "mt",
                "eval",
                "--hyp",
                str(hyp),
                "--src",
                str(src),
                "--ref",
                str(ref),
                "--glossary",
                str(FIXTURES / "glossary.csv"),
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "engine:   recorded system.en" in out and "lines:    3 (2 translated" in out
    assert "glossary: 2/2 term occurrences in house style (100.0%)" in out
    assert "1/2 before enforcement" in out
    hyp.write_text("one line\n", encoding="utf-8")
    assert (
        main(
            [
                "--home",
                str(tmp_path),
                "mt",
                "eval",
                "--hyp",
                str(hyp),
                "--src",
                str(src),
                "--ref",
                str(ref),
            ]
        )
        == 1
    )
    assert "system.en: 1 lines, but the source has 3" in capsys.readouterr().err
