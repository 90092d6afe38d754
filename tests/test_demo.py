"""`translate-pub demo --no-serve` in a real process: the main job, end to end, offline."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

CLI = Path(sys.executable).with_name("translate-pub")

pytestmark = pytest.mark.flow


def test_demo_queues_machine_translated_samples_and_prints_users(tmp_path):
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect")}
    env.pop("PREFECT_API_URL", None)
    home = str(tmp_path / "home")
    try:
        demo = subprocess.run(
            [str(CLI), "--home", home, "demo", "--no-serve"],
            capture_output=True,
            text=True,
            env=env,
            timeout=600,
        )
    finally:  # the demo leaves the home's Prefect server running, as flow commands do
        subprocess.run(
            [str(CLI), "--home", home, "server", "stop"],
            env=env,
            timeout=120,
            check=True,
        )
    assert demo.returncode == 0, demo.stderr[-2000:]
    assert "Traceback" not in demo.stderr
    assert "started this home's Prefect server, UI at http://127.0.0.1:" in demo.stderr
    out = demo.stdout
    assert "ingest: 7 new" in out
    assert (
        "untranslated (no engine output)" in out
    )  # the OVD-Info pages have no recording
    for role in ("translator", "reviewer", "editor", "admin"):
        assert role in out

    status = subprocess.run(
        [str(CLI), "--home", home, "status"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert status.returncode == 0
    assert status.stdout.split("\n")[1].split() == ["en", "MACHINE_TRANSLATED", "7"]
