"""Every command that reads a file a person names reads it through one bounded reader: a FIFO or
a device is refused unread (no hang, no read until the OOM killer), and a file over
TRANSLATE_PUB_MAX_BYTES is refused, each as one line and exit 1."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

CLI = Path(sys.executable).with_name("translate-pub")
RULES = Path(__file__).resolve().parent.parent / "fixtures" / "terms" / "rules.csv"
READERS = {
    "review import": ("review", "import", "{file}", "--as", "nobody"),
    "glossary import": ("glossary", "import", "--glossary", "{csv}", "{file}"),
    "glossary match": (
        "glossary",
        "match",
        "--glossary",
        str(RULES),
        "--json",
        "{file}",
    ),
    "mt eval --src": (
        "mt",
        "eval",
        "--engine",
        "recorded",
        "--src",
        "{file}",
        "--ref",
        "{ref}",
    ),
}


def run(
    tmp_path: Path, command: str, file: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    (tmp_path / "ref.txt").write_text("one line\n")
    csv = tmp_path / "glossary.csv"
    csv.write_bytes(RULES.read_bytes())
    argv = [
        a.format(file=file, csv=csv, ref=tmp_path / "ref.txt") for a in READERS[command]
    ]
    # A timeout: on a FIFO an unbounded reader waits for a writer forever.
    return subprocess.run(
        [str(CLI), "--home", str(tmp_path / "home"), *argv],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


@pytest.mark.parametrize("command", READERS)
def test_a_fifo_is_refused_unread(tmp_path: Path, command: str) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    done = run(tmp_path, command, fifo)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"translate-pub: error: {fifo}: not a regular file (a FIFO)"
    ]


@pytest.mark.parametrize("command", READERS)
def test_the_zero_device_is_refused_unread(tmp_path: Path, command: str) -> None:
    done = run(tmp_path, command, Path("/dev/zero"))
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "translate-pub: error: /dev/zero: not a regular file (a character device)"
    ]


@pytest.mark.parametrize("command", READERS)
def test_a_file_over_the_cap_is_refused(tmp_path: Path, command: str) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 5000)
    done = run(tmp_path, command, big, env={"TRANSLATE_PUB_MAX_BYTES": "4096"})
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"translate-pub: error: {big}: file too large (5,000 bytes; the cap is 4,096 bytes)"
    ]
