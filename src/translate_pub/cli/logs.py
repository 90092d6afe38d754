"""The command's log file, `logs/translate-pub.log` under the home: tracebacks and the logs of
the libraries we run (Prefect's included), so that the terminal shows one line per problem.

The file is created on the first record, so a command that logs nothing leaves no trace; a
command's own failure is logged only in a home that exists, so one run outside any home
(`glossary match` in some folder) does not create a home to hold its log.
"""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path

FORMAT = "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"


class LogFileHandler(logging.FileHandler):
    """A file handler that makes the log's folder when it first writes, and never fails a command.

    Public name on purpose: Prefect's logging set-up keeps the root logger's handlers (and adds
    no console handler) when it finds one that is not its own or "private" (`_…`).
    """

    def _open(self):  # type: ignore[no-untyped-def]
        # Tracebacks quote documents and settings: the log is its user's alone (0700 folder, 0600 file).
        # Only the logs folder is made: a home removed while the process runs (the handler left
        # until exit, `_keep_until_exit`) is not made again by a later record, which is lost.
        Path(self.baseFilename).parent.mkdir(mode=0o700, exist_ok=True)
        os.close(
            os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        )
        return super()._open()

    def emit(self, record: logging.LogRecord) -> None:
        with contextlib.suppress(
            OSError
        ):  # no room, no permission: the log is lost, the command goes on
            super().emit(record)


class Log:
    """The root logger's file handler, re-attachable after a library reconfigures logging."""

    def __init__(self, home: Path, verbose: bool) -> None:
        self.home = home
        self.path = path = _resolved(home / "logs" / "translate-pub.log")
        self.verbose = verbose
        self.handler = LogFileHandler(path, encoding="utf-8", delay=True)
        self.handler.setFormatter(logging.Formatter(FORMAT))
        self.attach()

    def attach(self) -> None:
        """Put the file handler on the root logger (Prefect's set-up replaces the root's handlers)."""
        root = logging.getLogger()
        if self.handler not in root.handlers:
            root.addHandler(self.handler)
        root.setLevel(logging.INFO if self.verbose else logging.WARNING)

    def close(self) -> None:
        logging.getLogger().removeHandler(self.handler)
        self.handler.close()
        _keep_until_exit(self)

    def exception(self, message: str) -> str | None:
        """Log the exception being handled; where it went, for the terminal's one line (None: no home)."""
        if not os.path.isdir(
            self.home
        ):  # False, too, where a folder on the way may not be entered
            return None
        try:
            logging.getLogger("translate_pub").exception(message)
            self.handler.flush()
        except (
            OSError
        ) as exc:  # the home is not a writable folder: say so rather than fail again
            return f"no log: cannot write {self.path}: {exc.strerror or exc}"
        return f"log: {self.path}"


_AT_EXIT: list[LogFileHandler] = []  # the one handler left on the root after a command


def _keep_until_exit(log: Log) -> None:
    """Leave a handler for this log on the root until the interpreter exits.

    Prefect drains its log and event queues at exit, after the command has closed its log, and
    warns "Still processing items: N items remaining…" when they are slow; with no handler on
    the root, Python's last resort prints that on the terminal. It goes to the log instead
    (delay: a command that logs nothing still leaves no file)."""
    root = logging.getLogger()
    for (
        old
    ) in _AT_EXIT:  # one command after another in one process: only the last one's
        root.removeHandler(old)
        old.close()
    _AT_EXIT[:] = [handler := LogFileHandler(log.path, encoding="utf-8", delay=True)]
    handler.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(handler)


def _resolved(path: Path) -> Path:
    """`path` resolved, or only made absolute where a folder on the way may not be entered."""
    try:
        return path.resolve()
    except OSError:
        return path.absolute()
