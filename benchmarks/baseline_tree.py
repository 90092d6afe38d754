"""A baseline checkout for a benchmark: a detached `git worktree` of a commit in a new temporary
folder, removed again (from disk and from the repository's list) when the benchmark ends,
however it ends."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@contextmanager
def worktree(commit: str) -> Iterator[Path]:
    """The project as of `commit`, checked out in a temporary folder for the block's length."""
    path = Path(tempfile.mkdtemp(prefix=f"translate-pub-{commit}-"))
    git = ["git", "-C", str(ROOT), "worktree"]
    try:
        subprocess.run(
            [*git, "add", "--detach", str(path), commit],
            check=True,
            capture_output=True,
        )
        yield path
    finally:
        subprocess.run([*git, "remove", "--force", str(path)], capture_output=True)
        shutil.rmtree(
            path, ignore_errors=True
        )  # what `remove` left, or `add` never filled
        subprocess.run([*git, "prune"], capture_output=True)
