"""Shared fixtures: a migrated store per test (on SQLite and on PostgreSQL), settings on a
temp home, and one session-scoped Prefect test server for the few flow-level tests."""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

# The project root on sys.path makes `tests.*` (the PostgreSQL plugin, fakes) importable however
# pytest is started.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
pytest_plugins = ["tests.pg"]
if (
    importlib.util.find_spec("translate_pub_flows") is None
):  # a .venv installed before flows/ was renamed
    pytest.exit(
        "flows/ installs as translate_pub_flows: run `python3 dev.py setup` to reinstall",
        returncode=4,
    )

# Prefect reads its settings at import time: point it at a private, quiet home first.
# Both folders are removed when pytest ends (`pytest_unconfigure`); the cache holds the
# glossary tables all homes share.
_PREFECT_HOME = tempfile.mkdtemp(prefix="tp-prefect-")
_CACHE_HOME = tempfile.mkdtemp(prefix="tp-cache-")
os.environ.update(
    {
        "PREFECT_HOME": _PREFECT_HOME,
        "XDG_CACHE_HOME": _CACHE_HOME,
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "60",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "DO_NOT_TRACK": "1",
        "PREFECT_LOGGING_LEVEL": "WARNING",
        "PREFECT_UI_ENABLED": "false",
    }
)
for var in (
    "TRANSLATE_PUB_HOME",
    "TRANSLATE_PUB_DB",
    "TRANSLATE_PUB_TARGETS",
    "TRANSLATE_PUB_GLOSSARY",
    "TRANSLATE_PUB_ENGINE",
    "PREFECT_API_URL",
):
    os.environ.pop(var, None)

from translate_pub import config  # noqa: E402
from translate_pub.config import Settings  # noqa: E402
from translate_pub.store import Store  # noqa: E402

# Test modules define their own FIXTURES: importing `tests.conftest` from one would run this
# module a second time, with a second Prefect home and cache that nothing removes.
FIXTURES = Path(__file__).parent / "fixtures"


def pytest_unconfigure(config: pytest.Config) -> None:
    """Remove this session's Prefect home and cache: every fixture, and the Prefect
    server they started, has been torn down by now."""
    for folder in (_PREFECT_HOME, _CACHE_HOME):
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The database of a test that uses the store: SQLite in the home, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        yield config.sqlite_url(tmp_path / "home")
        return
    with request.getfixturevalue("pg_cluster").database() as url:
        yield url


@pytest.fixture
def settings(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Settings:
    settings = config.load(tmp_path / "home")
    if "db_url" in request.fixturenames:
        # The test uses the store: settings, and everything that loads them from the
        # environment (CLI, flows, subprocesses), point at the same database.
        url = request.getfixturevalue("db_url")
        monkeypatch.setenv("TRANSLATE_PUB_DB", url)
        settings = replace(settings, db_url=url)
    return settings


@pytest.fixture
def store(settings: Settings, db_url: str) -> Iterator[Store]:
    st = Store(settings.db_url)
    st.migrate()
    yield st
    st.dispose()


@pytest.fixture(scope="session")
def prefect_server() -> Iterator[None]:
    """A real (ephemeral) Prefect server for the whole session; request it explicitly."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=60):
        yield
