"""Children that die with their parent, even a SIGKILLed one: Linux's PR_SET_PDEATHSIG.

A command that SIGKILL ends runs no clean-up, so the processes it started (a publish flow
run, a review-app worker, rsync, rm, a publish worker) would live on under PID 1. Each of
them instead asks the kernel, as it starts, to SIGKILL it when its parent ends. The request
is made by the child; a parent that ended before it is seen by its parent id having changed.

- `preexec()`: for subprocess.Popen(preexec_fn=…), run in the child before it executes.
- `die_with(pid)`: for a worker we fork (a pool initializer), given our own pid.
- `mark_parent()` + `tie_to_parent()`: for a Python child whose start another library owns
  (Prefect's flow-run subprocess, uvicorn's workers): the parent leaves its pid in the
  environment, the child's own code reads it.

The kernel sends the signal when the *thread* that started the child ends, so these are for
children started by a thread that outlives them (the main thread, a runner's event loop, a
thread that waits for its child).
"""

from __future__ import annotations

import ctypes
import functools
import os
import signal
from collections.abc import Callable
from pathlib import Path

PARENT_ENV = "TRANSLATE_PUB_PARENT_PID"
_PR_SET_PDEATHSIG = 1
_prctl = ctypes.CDLL(
    None, use_errno=True
).prctl  # looked up here: a forked child must not load anything


def die_with(parent: int) -> None:
    """Have this process SIGKILLed when `parent`, the process that started it, ends; end now if it has."""
    if _prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
    if (
        os.getppid() != parent
    ):  # the parent ended before the request: its death signal is lost
        os.kill(os.getpid(), signal.SIGKILL)


def preexec() -> Callable[[], None]:
    """A `preexec_fn` that ties the child to this process."""
    return functools.partial(die_with, os.getpid())


def mark_parent() -> None:
    """Children started from now on that call `tie_to_parent` die with this process."""
    os.environ[PARENT_ENV] = str(os.getpid())


def tie_to_parent() -> None:
    """In a child of a process that called `mark_parent`: die with it. Its grandchildren are not
    tied (the variable is removed); a process that is not its child, while it lives, is left alone."""
    if os.environ.get(PARENT_ENV) == str(os.getpid()):
        return  # run in the marking process itself (the Publish button's in-process run): nothing to tie
    parent = os.environ.pop(PARENT_ENV, "")
    if not parent.isdigit():
        return
    if os.getppid() == int(parent) or not _alive(int(parent)):
        die_with(int(parent))


def _alive(pid: int) -> bool:
    """Whether `pid` runs: a zombie (ended, not yet reaped by its parent) does not."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def start_time(pid: int) -> int | None:
    """When `pid` started, in clock ticks since boot (/proc/PID/stat, field 22); None if it is gone.
    With `boot_id`, it tells a process from a later one that was given the same pid."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return int(fields.rsplit(")", 1)[1].split()[19])


def boot_id() -> str:
    """This boot of this machine ("" where the kernel does not say): start times count from it."""
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text().strip()
    except OSError:
        return ""
