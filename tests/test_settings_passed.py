"""The command builds one Settings and its flow runs receive it: loaded once per command, never
reloaded downstream, and stored in Prefect without the database URL (which may hold a password)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.publish.newsroom import build_newsroom
from translate_pub import config
from translate_pub.cli import main
from translate_pub.config import Settings
from translate_pub.store import Store

pytestmark = pytest.mark.flow


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every `config.load` from here on, by its `home` argument (the real function still runs)."""
    calls: list[Any] = []
    real = config.load

    def counted(home: Any = None) -> Settings:
        calls.append(home)
        return real(home)

    monkeypatch.setattr(config, "load", counted)
    return calls


def test_a_publish_loads_the_settings_once(
    settings: Settings,
    store: Store,
    prefect_server: None,
    loads: list[Any],
    tmp_path: Path,
) -> None:
    build_newsroom(store)
    out = tmp_path / "site"
    assert main(["--home", str(settings.home), "publish", "--out", str(out)]) == 0
    assert (out / "en").is_dir()  # the flow ran, with the command's settings
    assert loads == [str(settings.home)]  # the command's one load; was 2 (the flow's)


def test_a_flow_run_stores_the_settings_without_the_database(
    settings: Settings, store: Store, prefect_server: None, tmp_path: Path
) -> None:
    from prefect.client.orchestration import get_client
    from prefect.states import State

    from translate_pub_flows.publish import publish_flow

    build_newsroom(store)
    state: State[Any] = publish_flow(
        config.as_parameter(settings), str(tmp_path / "site"), return_state=True
    )
    assert state.is_completed()
    with get_client(sync_client=True) as client:
        run = client.read_flow_run(state.state_details.flow_run_id)  # type: ignore[arg-type]
    stored = run.parameters["settings"]
    assert stored["db_url"] == ""
    assert stored["home"] == str(settings.home.resolve())
    assert stored["targets"] == list(settings.targets)


def test_a_direct_run_names_this_process_database(
    settings: Settings, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    passed = config.as_parameter(settings)
    assert passed.db_url == ""
    assert config.with_database(passed) == settings  # TRANSLATE_PUB_DB (the fixture's)
    monkeypatch.delenv("TRANSLATE_PUB_DB")
    assert config.with_database(passed).db_url == config.sqlite_url(settings.home)
