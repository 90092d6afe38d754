"""A worker killed mid-translation (SIGKILL, after its first batch is committed): rerunning
completes the job with every segment translated once, none lost, none duplicated (the batch
it had in flight is taken at once: its owner process is gone)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.fakes.mt_service import Behaviour, serve
from tests.scale.conftest import make_documents, save_all
from translate_pub.config import Settings
from translate_pub.model import Status
from translate_pub.mt.pipeline import BATCH
from translate_pub.store import Store
from translate_pub.store import schema as t
from translate_pub.store.documents import status_counts

CLI = Path(sys.executable).with_name("translate-pub")
pytestmark = pytest.mark.flow
DEADLINE = (
    180.0  # seconds for any one phase; a hang fails the test instead of stalling CI
)


def translations(store: Store) -> tuple[int, int, int]:
    """(rows, distinct segments, rows with text) of the English translations."""
    tr = t.translations
    with store.begin() as conn:
        return tuple(
            conn.execute(
                select(
                    func.count(),
                    func.count(tr.c.segment_id.distinct()),
                    func.count().filter(tr.c.text != ""),
                ).where(tr.c.lang == "en")
            ).one()
        )


def worker(settings: Settings, url: str) -> subprocess.Popen[str]:
    """`translate-pub translate` as a worker runs it: its own process group, the session's Prefect server."""
    from prefect.settings import PREFECT_API_URL

    env = {
        **os.environ,
        "LIBRETRANSLATE_URL": url,
        "PREFECT_API_URL": str(PREFECT_API_URL.value()),
    }
    return subprocess.Popen(
        [
            str(CLI),
            "--home",
            str(settings.home),
            "translate",
            "--engine",
            "libretranslate",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


def wait_for_first_commit(store: Store, proc: subprocess.Popen[str]) -> int:
    deadline = time.monotonic() + DEADLINE
    while (done := translations(store)[0]) == 0:
        assert proc.poll() is None, proc.communicate()[0]
        assert time.monotonic() < deadline, "no batch committed in time"
        time.sleep(0.02)  # polling interval of the store probe, not synchronisation
    return done


def test_rerun_after_a_killed_worker_loses_and_duplicates_nothing(
    settings: Settings, store: Store, prefect_server: None
):
    doc_ids = save_all(store, make_documents(count=8, sentences=80))
    total = len(doc_ids) * 81  # 648 segments: four batches
    with serve(Behaviour(latency=0.3)) as fake:
        proc = worker(settings, fake.url)
        first = wait_for_first_commit(store, proc)
        os.killpg(
            proc.pid, signal.SIGKILL
        )  # the worker and anything it started, mid-run
        proc.wait(timeout=DEADLINE)
        after_kill = translations(store)
        assert (
            first <= after_kill[0] < total
        )  # killed mid-way: some committed, some not

        # At once, the killed worker's claim on the batch it had in flight is seen to be dead (its
        # process is gone): a rerun right away translates everything, that batch included.
        rerun = worker(settings, fake.url)
        output, _ = rerun.communicate(timeout=DEADLINE)
        assert rerun.returncode == 0 and "left to" not in output, output
        sent = fake.stats.texts

    assert translations(store) == (total, total, total)
    assert (
        sent <= total + BATCH
    )  # at most the batch in flight at the kill was asked for twice
    with (
        store.begin() as conn
    ):  # documents finished before the kill are queued by the rerun too
        assert status_counts(conn) == {
            "en": {**dict.fromkeys(Status, 0), Status.MACHINE_TRANSLATED: len(doc_ids)}
        }
