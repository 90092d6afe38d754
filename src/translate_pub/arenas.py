"""One malloc arena for all of a process's threads (glibc's M_ARENA_MAX = 1).

glibc gives a thread that allocates while the other arenas are busy an arena of its own (up
to eight per core), a heap faulted in page by page as it grows, and hands a finished thread's
arena, trimmed, to the next new one. A web server's threads come and go: anyio ends one idle
for 10 s, and the review app's first page after start, or after a pause, was served by a new
thread that grew fresh memory (about 80 of its 230 page faults, against 40–90 for a page
after it). In one arena every thread allocates from memory already in place; the GIL
serialises most of their allocations anyway, and the process's memory is smaller.

The setting counts only for arenas made after it, so `share` is called before the process
starts any thread: first in the `translate-pub` command, and in each review-app worker that
uvicorn starts. `MALLOC_ARENA_MAX` in the environment, which glibc reads itself, wins.
"""

from __future__ import annotations

import ctypes
import os

M_ARENA_MAX = -8  # glibc's malloc.h


def share() -> bool:
    """Have the threads started from now on allocate from the arenas already made; whether
    this C library took the setting (glibc only; elsewhere nothing changes)."""
    try:
        glibc = os.confstr("CS_GNU_LIBC_VERSION")  # not musl's, nor macOS's libc
    except (ValueError, OSError):
        glibc = None
    if not glibc or "MALLOC_ARENA_MAX" in os.environ:
        return False
    return bool(ctypes.CDLL(None).mallopt(M_ARENA_MAX, 1))
