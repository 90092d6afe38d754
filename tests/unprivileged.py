"""Run a check as another user: file permissions mean nothing to root, so where the tests run as
root, a forked child drops to `nobody` (uid and gid 65534) before it calls the function; as
anyone else, the function runs as that user. The result (or the exception) comes back pickled."""

from __future__ import annotations

import os
import pickle
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import pytest

T = TypeVar("T")
NOBODY = 65534


def as_nobody(call: Callable[[], T]) -> T:
    """`call()` as an unprivileged user."""
    if os.geteuid() != 0:
        return call()
    read, write = os.pipe()
    pid = os.fork()
    if (
        pid == 0
    ):  # the child: drop root, call, report, and leave without running the parent's cleanup
        os.close(read)
        try:
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            outcome: tuple[bool, object] = (True, call())
        except BaseException as exc:  # noqa: BLE001 -- every outcome goes back to the parent
            outcome = (False, exc)
        with os.fdopen(write, "wb") as out:
            pickle.dump(outcome, out)
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as source:
        ok, value = pickle.load(source)
    os.waitpid(pid, 0)
    if not ok:
        raise value  # type: ignore[misc]
    return value  # type: ignore[return-value]


@contextmanager
def shared_folder() -> Iterator[Path]:
    """A temporary folder anyone may enter (pytest's own are private to the user running the tests)."""
    folder = Path(tempfile.mkdtemp(prefix="translate-pub-test-", dir="/tmp"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def runuser_available() -> None:
    if os.geteuid() == 0 and not shutil.which("runuser"):
        pytest.skip("runuser is needed to read as nobody (Debian: util-linux)")
