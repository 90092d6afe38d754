"""Shared fixtures: a migrated SQLite store per test, settings on a temp home, and one
session-scoped Prefect test server for the few flow-level tests."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

# Prefect reads its settings at import time: point it at a private, quiet home first.
_PREFECT_HOME = tempfile.mkdtemp(prefix="tp-prefect-")
os.environ.update({
    "PREFECT_HOME": _PREFECT_HOME,
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "60",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_UI_ENABLED": "false",
})
for var in ("TRANSLATE_PUB_HOME", "TRANSLATE_PUB_DB", "TRANSLATE_PUB_TARGETS", "TRANSLATE_PUB_GLOSSARY",
            "TRANSLATE_PUB_ENGINE", "PREFECT_API_URL"):
    os.environ.pop(var, None)

from translate_pub import config  # noqa: E402
from translate_pub.config import Settings  # noqa: E402
from translate_pub.store import Store  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return config.load(tmp_path / "home")


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
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
