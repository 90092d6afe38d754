"""One malloc arena for a process's threads: a web server's new threads allocate from memory
already faulted in (`translate_pub.arenas`)."""

from __future__ import annotations

import os

import pytest

from tests.fresh import fresh_json
from translate_pub import arenas

HEAPS = """
import ctypes, json, re, sys, tempfile, threading
from translate_pub import arenas

took = None
if sys.argv[1] == "share":
    took = arenas.share()
elif sys.argv[1] == "command":  # the `translate-pub` command, up to its first thread and on
    from translate_pub.cli import console
    sys.argv = ["translate-pub", "--help"]
    try:
        console()
    except SystemExit:
        pass
together = threading.Barrier(4)

def allocate():  # at once, so that no thread finds another's arena free
    together.wait()
    kept = [bytearray(100_000) for _ in range(20)]  # glibc's malloc, below its mmap threshold
    together.wait()

threads = [threading.Thread(target=allocate) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
libc = ctypes.CDLL(None)
libc.fopen.restype = ctypes.c_void_p
with tempfile.NamedTemporaryFile() as out:
    report = ctypes.c_void_p(libc.fopen(out.name.encode(), b"w"))
    libc.malloc_info(0, report)
    libc.fclose(report)
    heaps = len(re.findall(r'<heap nr="', out.read().decode()))
print(json.dumps({"took": took, "heaps": heaps}))
"""


GLIBC = pytest.mark.skipif(not arenas.glibc(), reason="glibc's malloc_info")
ENV = {k: v for k, v in os.environ.items() if k != arenas.VARIABLE}


@GLIBC
def test_threads_started_after_share_allocate_from_one_arena() -> None:
    assert fresh_json(HEAPS, "share", env=ENV) == {"took": True, "heaps": 1}
    # without it, threads allocating at once get arenas of their own (so the count can fail)
    assert fresh_json(HEAPS, "no", env=ENV)["heaps"] == 5


@GLIBC
def test_the_commands_threads_allocate_from_one_arena() -> None:
    """`translate-pub` shares the arena before its first thread (its signal watchdog's)."""
    assert fresh_json(HEAPS, "command", env=ENV)["heaps"] == 1


def test_an_arena_limit_in_the_environment_wins() -> None:
    took = fresh_json(
        "import json; from translate_pub import arenas; print(json.dumps(arenas.share()))",
        env={**os.environ, "MALLOC_ARENA_MAX": "2"},
    )
    assert took is False
