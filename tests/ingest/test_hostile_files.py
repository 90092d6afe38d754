"""Ingest takes only what it was given: a folder walk stays inside the folder, special files are
never opened, and a local file has the same size cap as a fetched page."""

from __future__ import annotations

import os
import shutil
import threading
import tracemalloc
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import func, select

from translate_pub.config import Settings
from translate_pub.ingest.run import IngestReport, ingest
from translate_pub.store import Store
from translate_pub.store import schema as t

from .conftest import FIXTURES

ARTICLE = "2013-01-29-courts.md"


def _documents(store: Store) -> int:
    with store.begin() as conn:
        return conn.execute(select(func.count()).select_from(t.documents)).scalar_one()


def _in_time(run: Callable[[], IngestReport], seconds: float = 30) -> IngestReport:
    """Run an ingest in a thread: a source that blocks (a FIFO) fails the test instead of hanging it."""
    out: list[IngestReport] = []
    worker = threading.Thread(target=lambda: out.append(run()), daemon=True)
    worker.start()
    worker.join(seconds)
    assert out, f"ingest still running after {seconds} s"
    return out[0]


def test_a_symlink_farm_stays_outside_the_store(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.copy(FIXTURES / "2013-01-28-about.md", outside / "secret.md")
    farm = tmp_path / "farm"
    (farm / "sub").mkdir(parents=True)
    shutil.copy(FIXTURES / ARTICLE, farm / "sub" / ARTICLE)
    links = {
        "passwd.txt": Path("/etc/passwd"),
        "secret.md": outside / "secret.md",
        "outside-dir": outside,
        "zero.md": Path("/dev/zero"),
        "dangling.md": tmp_path / "gone.md",
        "sub/loop": farm,
        "sub/inner.md": farm / "sub" / ARTICLE,
    }
    for name, target in links.items():
        (farm / name).symlink_to(target)
    (farm / "self.md").symlink_to(farm / "self.md")

    report = _in_time(lambda: ingest(store, settings, [str(farm)], "OVD-Info"))

    assert (
        report.errors == [] and report.count("created") == 1 and _documents(store) == 1
    )
    assert sorted(report.skipped) == sorted(
        f"{farm / name}: skipped, a symbolic link (not followed)"
        for name in [*links, "self.md"]
    )
    with store.begin() as conn:
        stored = " ".join(conn.execute(select(t.segments.c.source)).scalars())
    assert "root:" not in stored


def test_a_fifo_in_a_folder_is_skipped_and_a_fifo_given_directly_is_refused(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    shutil.copy(FIXTURES / ARTICLE, folder / ARTICLE)
    os.mkfifo(folder / "pipe.md")

    walked = _in_time(lambda: ingest(store, settings, [str(folder)]))
    direct = _in_time(lambda: ingest(store, settings, [str(folder / "pipe.md")]))

    assert walked.count("created") == 1 and walked.errors == []
    assert walked.skipped == [f"{folder / 'pipe.md'}: skipped, a FIFO"]
    assert direct.errors == [
        f"[local] {folder / 'pipe.md'}: not a regular file (a FIFO)"
    ]


def test_a_device_given_directly_is_refused_unread(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    (tmp_path / "zero.txt").symlink_to(
        "/dev/zero"
    )  # named by the user, so the link itself is allowed
    report = _in_time(lambda: ingest(store, settings, [str(tmp_path / "zero.txt")]))
    assert report.errors == [
        f"[local] {tmp_path / 'zero.txt'}: not a regular file (a character device)"
    ]


def test_a_30_mb_file_is_refused_without_being_read(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    big = tmp_path / "2013-01-29-huge.txt"
    paragraph = "Суд в Москве арестовал участника акции протеста на Болотной площади.\n\n".encode()
    with big.open("wb") as out:
        out.write(paragraph * (30 * 1024 * 1024 // len(paragraph) + 1))
    assert big.stat().st_size > 30 * 1024 * 1024

    tracemalloc.start()
    try:
        report = ingest(store, settings, [str(big)])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    assert report.errors == [
        f"[local] {big}: file too large (30.0 MB; the cap is 10.0 MB)"
    ]
    assert _documents(store) == 0 and peak < 2 * 1024 * 1024


def test_the_cap_is_one_setting(
    store: Store, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from translate_pub import config

    monkeypatch.setenv("TRANSLATE_PUB_MAX_BYTES", "4096")
    capped = replace(settings, max_bytes=config.load(settings.home).max_bytes)
    shutil.copy(
        FIXTURES / "2013-04-23-report-2013-1.md", tmp_path / "report.md"
    )  # larger than 4 kB
    shutil.copy(FIXTURES / ARTICLE, tmp_path / ARTICLE)  # smaller
    report = ingest(
        store, capped, [str(tmp_path / "report.md"), str(tmp_path / ARTICLE)]
    )
    assert capped.max_bytes == 4096 and report.count("created") == 1
    assert report.errors == [
        f"[local] {tmp_path / 'report.md'}: file too large (19,597 bytes; the cap is 4,096 bytes)"
    ]
