"""A snippet of Python run in a fresh interpreter, as a console script starts: for the tests of
what a process loads, and of settings read at import. The snippet prints JSON on its last line."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Mapping
from typing import Any


def fresh_json(
    code: str,
    *argv: str,
    env: Mapping[str, str] | None = None,
    stdin: str = "",
    timeout: float = 300,
) -> Any:
    """Run `code` with `argv` in a new `python -c` and return the JSON of its last line of output;
    a failed run fails the test with its stderr."""
    done = subprocess.run(
        [sys.executable, "-c", code, *argv],
        input=stdin,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])
