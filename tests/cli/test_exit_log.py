"""What libraries log after the command is done (Prefect drains its queues at exit) goes to the
home's log, not to the terminal: a command's stderr holds only its own one-line messages."""

from __future__ import annotations

import logging
import stat
import subprocess
import sys
from pathlib import Path

from translate_pub.cli.logs import LogFileHandler

# Prefect's queue services log this from an atexit hook when their queues are slow to drain
# (prefect/_internal/concurrency/services.py); the hook registered here runs after the command.
PROBE = """
import atexit, logging, sys
from translate_pub.cli import main
atexit.register(
    lambda: logging.getLogger("EventsWorker").warning(
        "Still processing items: 4 items remaining..."
    )
)
sys.exit(main(sys.argv[1:]))
"""


def test_a_warning_logged_at_exit_goes_to_the_log_not_the_terminal(tmp_path: Path):
    home = tmp_path / "home"
    done = subprocess.run(
        [sys.executable, "-c", PROBE, "--home", str(home), "init"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    log = (home / "logs" / "translate-pub.log").read_text(encoding="utf-8")
    assert "WARNING EventsWorker: Still processing items: 4 items remaining..." in log


def test_a_record_after_the_home_is_gone_does_not_make_it_again(tmp_path: Path):
    """The handler left on the root until exit outlives a home removed meanwhile (a test's
    folder): a later record is lost rather than recreating the home's folders."""
    home = tmp_path / "home"
    handler = LogFileHandler(home / "logs" / "translate-pub.log", delay=True)
    record = logging.LogRecord("x", logging.WARNING, __file__, 1, "late", None, None)
    handler.emit(record)
    assert not home.exists()
    home.mkdir()
    handler.emit(record)
    handler.close()
    log = home / "logs" / "translate-pub.log"
    assert log.read_text(encoding="utf-8") == "late\n"
    assert stat.S_IMODE(log.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
