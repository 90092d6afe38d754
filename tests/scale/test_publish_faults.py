"""Publishing under faults, in real subprocesses: a full disk keeps the old site live, and of
two publish runs started together one builds while the other says so and does nothing."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from tests.scale.conftest import approve_all, make_documents, save_all
from translate_pub.config import Settings
from translate_pub.store import Store

# A publisher process: opens the store, optionally caps file size (RLIMIT_FSIZE, so a write
# past it fails as on a full disk), waits for a start line on stdin, then publishes.
PUBLISHER = """
import resource, signal, sys
from translate_pub import config
from translate_pub.errors import TranslatePubError
from translate_pub.publish.site import publish_site
from translate_pub.store import open_store

settings = config.load(sys.argv[1])
store = open_store(settings.db_url)
with store.begin():
    pass  # the database is open before any limit applies
limit = int(sys.argv[3])
if limit:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
print("ready", flush=True)
sys.stdin.readline()
try:
    print(publish_site(store, settings, sys.argv[2]).summary(), flush=True)
except TranslatePubError as exc:
    print(f"error: {exc}", flush=True)
    sys.exit(1)
"""
TIMEOUT = 120


def publishers(
    settings: Settings, out: Path, count: int, file_limit: int = 0
) -> list[tuple[int, str]]:
    """Start `count` publishers, release them at the same moment; (exit status, output) of each."""
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                PUBLISHER,
                str(settings.home),
                str(out),
                str(file_limit),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for _ in range(count)
    ]
    for p in procs:
        assert p.stdout is not None and p.stdout.readline().strip() == "ready"
    for p in procs:
        assert p.stdin is not None
        p.stdin.write("go\n")
        p.stdin.flush()
    results = []
    for p in procs:
        output, _ = p.communicate(timeout=TIMEOUT)
        results.append((p.returncode, output))
    return results


def tree_digest(site: Path) -> dict[str, str]:
    return {
        str(f.relative_to(site)): hashlib.sha256(f.read_bytes()).hexdigest()
        for f in sorted(site.rglob("*"))
        if f.is_file()
    }


def test_a_full_disk_while_publishing_keeps_the_old_site_live(
    settings: Settings, store: Store, tmp_path: Path
):
    out = tmp_path / "site"
    approve_all(store, save_all(store, make_documents(count=3, sentences=10)))
    [(status, output)] = publishers(settings, out, 1)
    assert status == 0, output
    before, live = tree_digest(out), out.resolve()

    approve_all(store, save_all(store, make_documents(count=8, sentences=60)[3:]))
    [(status, output)] = publishers(settings, out, 1, file_limit=4096)
    assert status == 1 and "previous site stays live" in output, output
    assert out.resolve() == live and tree_digest(out) == before

    [(status, output)] = publishers(
        settings, out, 1
    )  # space again: the next run publishes all
    assert status == 0 and "published 8 articles" in output, output
    assert not list(
        out.parent.glob(".site.builds/.tmp-*")
    )  # and the half-written build is gone


def test_two_publish_runs_at_once_one_builds_the_other_does_nothing(
    settings: Settings, store: Store, tmp_path: Path
):
    out = tmp_path / "site"
    approve_all(store, save_all(store, make_documents(count=30, sentences=20)))
    results = publishers(settings, out, 2)
    assert sorted(status for status, _ in results) == [0, 1], results
    refused = next(output for status, output in results if status == 1)
    assert "another publish is building" in refused
    assert "published 30 articles" in next(
        output for status, output in results if status == 0
    )
    assert out.is_symlink() and (out / "index.html").exists()
    assert len([d for d in out.parent.glob(".site.builds/*") if d.is_dir()]) == 1
