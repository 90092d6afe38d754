"""The seed Prefect database (src/translate_pub/orchestra/seed.py): built once per installation, copied into a
home's Prefect folder only when that folder has no database and none is configured."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from translate_pub.orchestra import seed as prefect_seed
from translate_pub.orchestra.seed import SEED, plant


@pytest.fixture(scope="module")
def seed() -> Path:
    # In a process of its own: building it points PREFECT_HOME at a throwaway folder.
    subprocess.run(
        [sys.executable, "-m", "translate_pub.orchestra.seed"],
        check=True,
        timeout=600,
        cwd=Path(prefect_seed.__file__).parent.parent,
    )
    return SEED


def test_the_seed_holds_prefect_s_schema_and_block_types_and_no_runs(seed: Path):
    db = sqlite3.connect(seed)
    try:
        assert db.execute("SELECT version_num FROM alembic_version").fetchone()
        assert db.execute("SELECT count(*) FROM block_type").fetchone()[0] > 0
        assert db.execute("SELECT count(*) FROM flow_run").fetchone()[0] == 0
    finally:
        db.close()


def test_a_fresh_home_gets_a_copy_and_an_existing_database_is_kept(
    seed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    for name in prefect_seed.CONFIGURED:
        monkeypatch.delenv(name, raising=False)
    plant(tmp_path / "prefect")
    assert (tmp_path / "prefect" / "prefect.db").read_bytes() == seed.read_bytes()

    (tmp_path / "prefect" / "prefect.db").write_bytes(b"a home's own runs")
    plant(tmp_path / "prefect")
    assert (tmp_path / "prefect" / "prefect.db").read_bytes() == b"a home's own runs"


def test_a_configured_database_gets_no_copy(
    seed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv(
        "PREFECT_API_DATABASE_CONNECTION_URL",
        "postgresql+asyncpg://prefect@127.0.0.1/prefect",
    )
    plant(tmp_path / "prefect")
    assert not (tmp_path / "prefect" / "prefect.db").exists()
