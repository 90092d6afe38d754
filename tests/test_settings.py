"""Each setting is declared once (config.Settings: its variable, default and meaning), read from its
variable, and documented in README's Configuration table."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import pytest

from translate_pub import config

README = Path(__file__).resolve().parent.parent / "README.md"
VARIABLES = {f.metadata["env"]: f for f in fields(config.Settings)}


def test_readme_documents_every_setting_and_no_other() -> None:
    section = (
        README.read_text(encoding="utf-8")
        .split("## Configuration\n", 1)[1]
        .split("\n## ", 1)[0]
    )
    documented = set(re.findall(r"`(TRANSLATE_PUB_[A-Z0-9_]+)`", section))
    assert sorted(set(VARIABLES) - documented) == []
    assert sorted(documented - set(VARIABLES)) == []


def test_every_setting_says_what_it_is_and_has_its_own_variable() -> None:
    assert len(VARIABLES) == len(fields(config.Settings))
    assert all(f.metadata["says"] for f in VARIABLES.values())


@pytest.mark.parametrize("variable", sorted(VARIABLES))
def test_each_variable_is_read(
    variable: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    setting = VARIABLES[variable]
    raw, expected = {"int": ("7", 7), "tuple[str, ...]": ("a, b", ("a", "b"))}.get(
        str(setting.type), (str(tmp_path / "x"), str(tmp_path / "x"))
    )
    monkeypatch.setenv(variable, raw)
    value = getattr(config.load(), setting.name)
    assert (str(value) if isinstance(value, Path) else value) == expected


def test_defaults_stand_when_unset_and_the_home_flag_wins(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TRANSLATE_PUB_HOME", str(tmp_path / "env-home"))
    settings = config.load(tmp_path / "flag-home")
    assert settings.home == tmp_path / "flag-home"
    assert settings.db_url == config.sqlite_url(tmp_path / "flag-home")
    assert settings.targets == ("en",) and settings.max_bytes == 10 * 1024 * 1024


def test_a_bad_number_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRANSLATE_PUB_MAX_BYTES", "abc")
    with pytest.raises(
        config.ConfigError,
        match=r"TRANSLATE_PUB_MAX_BYTES='abc': expected a positive whole number",
    ):
        config.load()


def test_a_command_loads_its_settings_once(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from translate_pub.cli import main

    loads = []
    real = config.load
    monkeypatch.setattr(
        config, "load", lambda home=None: loads.append(home) or real(home)
    )
    text = tmp_path / "text.txt"
    text.write_text("Суд оштрафовал «Мемориал».\n", encoding="utf-8")
    assert (
        main(
            ["--home", str(tmp_path / "home"), "glossary", "match", "--json", str(text)]
        )
        == 0
    )
    assert "memorial" in capsys.readouterr().out
    assert (
        len(loads) == 1
    )  # `main` builds the one Settings; the handler is handed it (was 3 loads)
