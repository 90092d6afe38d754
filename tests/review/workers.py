"""`translate-pub serve --workers 2` over a test world's home, for the tests that need two app
processes (sessions across workers, login throttling across workers)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.pg import free_port

from .conftest import FIXTURES

CLI = Path(sys.executable).with_name("translate-pub")


@contextmanager
def two_workers(world, **env: str) -> Iterator[tuple[int, int]]:  # type: ignore[no-untyped-def]
    """(port, pid of `serve`) once both workers have started; `env` adds to the environment."""
    port = free_port()
    full = {
        **os.environ,
        "TRANSLATE_PUB_GLOSSARY": str(FIXTURES / "terms.csv"),
        "TRANSLATE_PUB_PUBLISH_RUNNER": "off",
        **env,
    }
    home = str(world.settings.home)
    serve = subprocess.Popen(
        [str(CLI), "--home", home, "serve", "--port", str(port), "--workers", "2"],
        env=full,
        stderr=subprocess.PIPE,
        text=True,
    )
    # Workers that never start fail the test, not hang it.
    watchdog = threading.Timer(180, serve.kill)
    watchdog.start()
    try:
        started = 0
        for line in serve.stderr:  # type: ignore[union-attr]
            started += "Application startup complete" in line
            if started == 2:
                break
        assert started == 2, "the workers did not start"
        watchdog.cancel()
        yield port, serve.pid
    finally:
        watchdog.cancel()
        serve.terminate()
        serve.wait(30)
        # `serve` may have started this home's Prefect server, which outlives commands.
        subprocess.run(
            [str(CLI), "--home", home, "server", "stop"],
            env=full,
            capture_output=True,
            timeout=60,
        )
