"""The console script skips the interpreter's teardown, not what exiting must do: threading's
exit hooks (where Prefect's queue services drain their events and logs to the server) and
atexit's run, in the interpreter's order; and output that cannot be flushed is a status, not a
traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

# Registered the way prefect/_internal/concurrency/services.py registers its drains.
PROBE = """
import atexit, sys, threading
from pathlib import Path
from translate_pub.cli import console
trace = Path(sys.argv.pop(1))
threading._register_atexit(lambda: trace.open("a").write("threading\\n"))
atexit.register(lambda: trace.open("a").write("atexit\\n"))
console()
"""


def run(tmp_path: Path, *argv: str, **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path / "trace"), *argv],
        text=True,
        timeout=120,
        **kw,  # type: ignore[call-overload]
    )


def test_exit_runs_threadings_hooks_then_atexits(tmp_path: Path):
    home = tmp_path / "home"
    done = run(tmp_path, "--home", str(home), "init", capture_output=True)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "trace").read_text().splitlines() == ["threading", "atexit"]


def test_output_that_cannot_be_flushed_is_an_exit_status_not_a_traceback(
    tmp_path: Path,
):
    home = tmp_path / "home"
    assert (
        run(tmp_path, "--home", str(home), "init", capture_output=True).returncode == 0
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    # stdout closed (`>&-`): Python has no sys.stdout, and prints nothing, as usual.
    closed = subprocess.run(
        [
            "sh",
            "-c",
            '"$@" >&-',
            "sh",
            sys.executable,
            "-c",
            PROBE,
            str(tmp_path / "trace"),
            "--home",
            str(home),
            "mt",
            "engines",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert (closed.returncode, closed.stderr) == (0, "")
    # stdout a pipe nobody reads any more (`| head` gone): 120, the interpreter's own status.
    read, write = os.pipe()
    os.close(read)
    try:
        broken = run(
            tmp_path,
            "--home",
            str(home),
            "mt",
            "engines",
            stdout=write,
            stderr=subprocess.PIPE,
            env=env,
        )
    finally:
        os.close(write)
    assert "Traceback" not in broken.stderr, broken.stderr
    assert broken.returncode == 120, broken.stderr
