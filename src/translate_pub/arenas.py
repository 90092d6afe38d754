"""One malloc arena for all of a process's threads (glibc's M_ARENA_MAX = 1).

glibc gives each new thread an arena of its own at its first allocation (up to eight per
core; a finished thread's arena goes, trimmed, to the next new one): a heap faulted in page
by page as it grows. A web server's threads come and go (anyio ends one idle for 10 s), so
the review app's first page after start, or after a pause, was served by a thread that grew
fresh memory: 230 page faults, against 40–90 for a page after it (70–85 with one arena).
With one arena every thread allocates from memory already in place; the GIL serialises most
of their allocations anyway, and the process's memory is smaller.

The setting counts only for arenas made after it: `share` is called first in the
`translate-pub` command, before its first thread, and `share_with_children` leaves it in the
environment for the review app's workers (uvicorn starts a thread of its own in each before
the app's code runs; glibc reads the variable before any). A limit the environment sets
(`MALLOC_ARENA_MAX`, or glibc's tunable) wins.
"""

from __future__ import annotations

import ctypes
import os

M_ARENA_MAX = -8  # glibc's malloc.h
VARIABLE = "MALLOC_ARENA_MAX"


def glibc() -> bool:
    """Whether this process's C library is glibc (not musl's, nor macOS's)."""
    try:
        return bool(os.confstr("CS_GNU_LIBC_VERSION"))
    except (ValueError, OSError):
        return False


def _set_by_environment() -> bool:
    return VARIABLE in os.environ or "arena_max" in os.environ.get("GLIBC_TUNABLES", "")


def share() -> bool:
    """Have the threads started from now on allocate from the arenas already made; whether
    this C library took the setting (glibc only; elsewhere nothing changes)."""
    if not glibc() or _set_by_environment():
        return False
    return bool(ctypes.CDLL(None).mallopt(M_ARENA_MAX, 1))


def share_with_children() -> None:
    """The processes started from now on allocate from one arena from their start."""
    if not _set_by_environment():
        os.environ[VARIABLE] = "1"
