"""The site's full-text search: a Pagefind index per language, built after the site switches and
swapped in on its own, atomically.

    OUT/pagefind                   symlink → ../../search/live (made in every build that has search)
    .OUT.builds/search/live        symlink → <stamp>: the live index, replaced in one rename
    .OUT.builds/search/<stamp>/    Pagefind's bundle (pagefind.js, one index per page language)
                                   + indexed.json: the site version it holds

Only article and digest pages are read (`GLOB`); inside them Pagefind indexes the element marked
`data-pagefind-body` and takes outlet, tag, year and kind as filters, title, outlet and date as
result metadata (templates/article.html), stemming words by each page's `lang`. The search page
carries the site's version (`site_version`), so it can say when the index is behind the site.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from translate_pub import lifeline
from translate_pub.errors import PublishError
from translate_pub.publish.plan import Plan
from translate_pub.publish.writer import Modes

LINK = "pagefind"
GLOB = "*/{articles,digests}/*.html"
INDEXED = "indexed.json"
_VERSION = re.compile(rb'data-version="([0-9a-f]+)"')


def site_version(plan: Plan) -> str:
    """Names the set of articles as shown: changes when any article is added, removed or changed."""
    digest = hashlib.sha256()
    for a in sorted(plan.articles, key=lambda a: a.doc_id):
        digest.update(f"{a.doc_id} {a.signature}\n".encode())
    return digest.hexdigest()[:16]


def link_index(site: Path) -> None:
    """Point the build's `pagefind` at the live index (dangling until the first index is built)."""
    if not (site / LINK).is_symlink():  # a spare taken over has it already
        (site / LINK).symlink_to(Path("..", "..", "search", "live"))


def index_site(out: Path) -> float:
    """Index the site live at `out` and swap the new index in; the seconds it took.

    Indexers queue on a lock; one that finds the live site already indexed returns at once.
    """
    started = time.perf_counter()
    site = Path(out).resolve()
    folder = site.parent.parent / "search"
    folder.mkdir(exist_ok=True)
    with open(folder / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        site = Path(out).resolve()  # a newer build may have gone live while we waited
        version = _version_of(site)
        if _indexed_version(folder / "live") != version:
            _swap(folder, _build(site, folder, version))
    return time.perf_counter() - started


def _version_of(site: Path) -> str:
    for page in sorted(site.glob("*/search.html")):
        found = _VERSION.search(page.read_bytes())
        if found:
            return found.group(1).decode()
    raise PublishError(f"{site} has no search page: publish it again to index it")


def _indexed_version(live: Path) -> str | None:
    try:
        return str(json.loads((live / INDEXED).read_text())["version"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _build(site: Path, folder: Path, version: str) -> Path:
    tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=folder))
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pagefind",
            "--site",
            str(site),
            "--output-path",
            str(tmp),
            "--glob",
            GLOB,
            "--keep-index-url",
            "--silent",
        ],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        preexec_fn=lifeline.preexec(),
    )
    if done.returncode:
        shutil.rmtree(tmp, ignore_errors=True)
        last = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no message"]
        raise PublishError(
            f"the search index of {site} was not built (Pagefind: {last[0]}); "
            "the previous index stays live"
        )
    (tmp / INDEXED).write_text(json.dumps({"version": version}))
    modes = Modes.like(
        site
    )  # served beside the site, to the same readers (mkdtemp made it 0700)
    modes.apply(folder, modes.folder)
    modes.apply_tree(tmp)
    final = folder / datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    tmp.rename(final)
    return final


def _swap(folder: Path, final: Path) -> None:
    """`live` → the new index in one rename; the one before stays for readers mid-search, older go."""
    live = folder / "live"
    previous = live.resolve() if live.is_symlink() else None
    link = folder / f".live-{os.getpid()}"
    link.unlink(missing_ok=True)
    link.symlink_to(final.name)
    os.replace(link, live)
    for old in folder.iterdir():
        if old.is_dir() and not old.is_symlink() and old not in (final, previous):
            shutil.rmtree(old, ignore_errors=True)
