"""Progress on long work, in real processes: bars with counts and an ETA on a terminal (a
pseudo-terminal here), plain summary lines when the output is a pipe."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

CLI = Path(sys.executable).with_name("translate-pub")
SAMPLES = (
    Path(__file__).resolve().parent.parent.parent
    / "src"
    / "translate_pub"
    / "data"
    / "samples"
)

pytestmark = pytest.mark.flow


@pytest.fixture
def home(tmp_path: Path, prefect_server: None) -> tuple[Path, dict[str, str]]:
    from prefect.settings import PREFECT_API_URL

    env = {
        **os.environ,
        "PREFECT_API_URL": str(PREFECT_API_URL.value()),
        "TERM": "xterm",
        "COLUMNS": "120",
    }
    subprocess.run(
        [str(CLI), "--home", str(tmp_path / "home"), "init"],
        env=env,
        check=True,
        timeout=120,
        capture_output=True,
    )
    folder = tmp_path / "in"
    folder.mkdir()
    for sample in sorted(SAMPLES.glob("*.md"))[:3]:
        (folder / sample.name).write_bytes(sample.read_bytes())
    return tmp_path / "home", env


def on_a_terminal(argv: list[str], env: dict[str, str]) -> str:
    """What a person sees running `argv` in a terminal."""
    main, child = os.openpty()
    proc = subprocess.Popen(argv, stdin=child, stdout=child, stderr=child, env=env)
    os.close(child)
    seen = b""
    while True:
        try:
            data = os.read(main, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        seen += data
    os.close(main)
    assert proc.wait(timeout=300) == 0, seen.decode(errors="replace")
    return seen.decode(errors="replace")


def test_ingest_and_translate_draw_bars_on_a_terminal(
    home: tuple[Path, dict[str, str]],
):
    path, env = home
    seen = on_a_terminal(
        [str(CLI), "--home", str(path), "ingest", str(path.parent / "in")], env
    )
    assert "ingest" in seen and "3/3" in seen and "ETA" in seen
    assert "3 new, 0 updated" in seen
    seen = on_a_terminal([str(CLI), "--home", str(path), "translate"], env)
    assert "translate ru→en" in seen and "ETA" in seen


def test_a_pipe_gets_summary_lines_only(home: tuple[Path, dict[str, str]]):
    path, env = home
    done = subprocess.run(
        [str(CLI), "--home", str(path), "ingest", str(path.parent / "in")],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0
    assert done.stdout == "3 new, 0 updated, 0 unchanged, 0 failed\n"
    assert done.stderr == ""
