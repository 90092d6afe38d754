"""A flow command loads without the cyclic garbage collector and runs its flow with it on again
(cli/startup.py), and loads neither FastAPI nor lemminflect where nothing needs them."""

from __future__ import annotations

import gc
import os
from pathlib import Path

import pytest

from tests.fresh import fresh_json
from translate_pub.cli.startup import loading

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

# Runs the command's `main` in a new Python; prints its status, whether the collector is on and
# holds the loaded objects frozen, and which of the named packages were loaded.
PROBE = """
import gc, json, sys
from translate_pub.cli import main
heavy = sys.argv.pop().split(",")
status = main(sys.argv[1:])
print(json.dumps({
    "status": status,
    "collecting": gc.isenabled(),
    "frozen": gc.get_freeze_count() > 10_000,
    "loaded": [m for m in heavy if m in sys.modules],
}))
"""


def test_loading_turns_the_collector_off_then_on_with_the_loaded_frozen() -> None:
    assert gc.isenabled()
    before = gc.get_freeze_count()
    try:
        with loading():
            assert not gc.isenabled()
            kept = [[n] for n in range(1000)]
        assert gc.isenabled() and gc.get_freeze_count() >= before + len(kept)
    finally:
        gc.unfreeze()


def test_a_collector_turned_off_by_someone_else_stays_off() -> None:
    gc.disable()
    try:
        with loading():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.flow
def test_an_ingest_runs_its_flow_collecting_and_without_fastapi(
    tmp_path: Path, prefect_server: None
) -> None:
    from prefect.settings import PREFECT_API_URL

    home = str(tmp_path / "home")
    env = {**os.environ, "PREFECT_API_URL": str(PREFECT_API_URL.value())}
    article = str(FIXTURES / "ingest" / "2013-01-29-courts.md")
    result = []
    for argv in (["init"], ["ingest", article]):
        result.append(
            fresh_json(PROBE, "--home", home, *argv, "fastapi,lemminflect", env=env)
        )
    assert result[1] == {
        "status": 0,
        "collecting": True,
        "frozen": True,
        "loaded": [],
    }
