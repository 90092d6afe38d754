"""What libraries log after the command is done (Prefect drains its queues at exit) goes to the
home's log, not to the terminal: a command's stderr holds only its own one-line messages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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
