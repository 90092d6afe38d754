"""Prefect's logging set-up reads the same configuration with its placeholders filled lazily
(translate_pub_flows.logs), and the flows install it before Prefect's user API loads."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from prefect.logging import configuration
from prefect.settings import (
    PREFECT_INTERNAL_LOGGING_LEVEL,
    PREFECT_LOGGING_LEVEL,
    PREFECT_SERVER_LOGGING_LEVEL,
    get_current_settings,
    temporary_settings,
)

from tests.fresh import fresh_json
from translate_pub_flows import logs


def _prefects_own():  # a fresh copy of Prefect's module: the flows replaced the function in theirs
    spec = importlib.util.spec_from_file_location(
        "prefect_logging", configuration.__file__
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.load_logging_config


PREFECTS_OWN = _prefects_own()
ASK_EVERY_SETTING = "level: ${PREFECT_LOGGING_LEVEL}\nhome: ${PREFECT_HOME}\n"


@pytest.mark.parametrize(
    "levels",
    [
        {},
        {
            PREFECT_LOGGING_LEVEL: "DEBUG",
            PREFECT_INTERNAL_LOGGING_LEVEL: "warning",
            PREFECT_SERVER_LOGGING_LEVEL: "CRITICAL",
        },
    ],
)
def test_prefects_logging_file_reads_as_prefect_reads_it(levels, monkeypatch) -> None:
    monkeypatch.setenv("PREFECT_LOGGING_LOGGERS_PREFECT_FLOW_RUNS_LEVEL", "ERROR")
    with temporary_settings(levels):
        path = configuration.DEFAULT_LOGGING_SETTINGS_PATH
        lean = logs.lean_logging_config(path)
        assert lean == PREFECTS_OWN(path)
    assert lean["loggers"]["prefect.flow_runs"]["level"] == "ERROR"


def test_a_logging_file_of_the_users_own_reads_any_setting(tmp_path: Path) -> None:
    own = tmp_path / "logging.yml"
    own.write_text(ASK_EVERY_SETTING, encoding="utf-8")
    home = str(get_current_settings().home)
    assert logs.lean_logging_config(own) == PREFECTS_OWN(own)
    assert logs.lean_logging_config(own)["home"] == home


def test_the_levels_are_read_without_the_table_of_every_setting() -> None:
    placeholders = logs.Placeholders(get_current_settings())
    assert [placeholders[name] for name in logs.LEVELS]
    assert placeholders.table is None
    assert placeholders["PREFECT_HOME"] and placeholders.table


def test_a_flow_module_sets_up_prefects_logging_through_it() -> None:
    code = (
        "import json, sys\n"
        "import translate_pub_flows.publish\n"
        "from prefect.logging import configuration\n"
        "print(json.dumps({'main': 'prefect.main' in sys.modules,"
        " 'set_up': bool(configuration.PROCESS_LOGGING_CONFIG),"
        " 'loader': configuration.load_logging_config.__qualname__}))\n"
    )
    assert fresh_json(code) == {
        "main": True,
        "set_up": True,
        "loader": "lean_logging_config",
    }
