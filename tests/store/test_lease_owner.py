"""A killed translate run's leases are recognised as dead at once, by their owner process (its pid and
start time in the holder's name), not after `LEASE`; a live run's are kept (#23 item 9)."""

from __future__ import annotations

import subprocess
import sys

from sqlalchemy import select

from tests.scale.conftest import make_documents, save_all
from translate_pub.store import Store
from translate_pub.store import schema as t
from translate_pub.store.leases import claim, new_holder

HOLDER = (
    "from translate_pub.store.leases import new_holder; print(new_holder(), flush=True)"
)


def test_a_dead_run_s_leases_are_taken_at_once_and_a_live_run_s_kept(store: Store):
    doc_ids = save_all(store, make_documents(count=1, sentences=5))
    with store.begin() as conn:
        ids = sorted(
            conn.scalars(
                select(t.segments.c.id).where(t.segments.c.document_id.in_(doc_ids))
            )
        )
    dead = subprocess.run(
        [sys.executable, "-c", HOLDER], capture_output=True, text=True, check=True
    ).stdout.strip()
    live = subprocess.Popen(
        [sys.executable, "-c", HOLDER + "; import sys; sys.stdin.read()"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        holder = live.stdout.readline().strip()  # type: ignore[union-attr]
        assert len(dead) <= 32 and len(holder) <= 32 and dead != holder
        with store.begin() as conn:
            assert claim(conn, "en", ids[:3], dead) == set(
                ids[:3]
            )  # the run that was then killed
            assert claim(conn, "en", ids[3:], holder) == set(
                ids[3:]
            )  # a run still going
        with store.begin() as conn:
            assert claim(conn, "en", ids, new_holder()) == set(ids[:3])
    finally:
        live.stdin.close()  # type: ignore[union-attr]
        live.wait(timeout=30)


def test_a_holder_from_another_machine_or_an_older_name_waits_for_its_expiry(
    store: Store,
):
    doc_ids = save_all(store, make_documents(count=1, sentences=2))
    with store.begin() as conn:
        ids = sorted(
            conn.scalars(
                select(t.segments.c.id).where(t.segments.c.document_id.in_(doc_ids))
            )
        )
        assert claim(conn, "en", ids[:1], "ffffff-1-1-abcdef") == set(
            ids[:1]
        )  # another boot or machine
        assert claim(conn, "en", ids[1:], "0123456789abcdef0123456789abcdef") == set(
            ids[1:]
        )  # uuid-style
        assert claim(conn, "en", ids, new_holder()) == set()
