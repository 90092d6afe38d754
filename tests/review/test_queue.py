"""The queue query: filters, counts, age order and pagination over a real store."""

from __future__ import annotations

from tests import steps
from translate_pub.model import Status
from translate_pub.store import translations as tr_store
from translate_pub.store import workflow
from translate_pub.store.documents import status_counts
from translate_pub.store.queue import QueueFilter, queue_page

from .conftest import make_document


def _fill(store) -> list[int]:  # type: ignore[no-untyped-def]
    with store.begin() as conn:
        ids = [
            make_document(conn, n, outlet="kavkaz-uzel" if n % 2 else "ovd-info")
            for n in range(7)
        ]
        for doc_id in ids[:3]:
            if doc_id == ids[0]:
                steps.approve(conn, doc_id)
                workflow.system(conn, [doc_id], "en", "stale", by="ingest")
            else:
                steps.submit(conn, doc_id)
            tr_store.assign(
                conn,
                doc_id,
                "en",
                "tanya",
                expected_version=workflow.current_version(conn, doc_id, "en"),
            )
    return ids


def test_filters_counts_and_pages(store):
    ids = _fill(store)
    with store.begin() as conn:
        everything = queue_page(conn, QueueFilter(lang="en", per_page=3))
        assert (everything.total, everything.pages, len(everything.rows)) == (7, 3, 3)
        assert [r.document_id for r in everything.rows] == ids[::-1][:3]  # newest first
        last = queue_page(conn, QueueFilter(lang="en", per_page=3, page=99))
        assert last.page == 3 and [r.document_id for r in last.rows] == [ids[0]]
        oldest = queue_page(conn, QueueFilter(lang="en", per_page=3, sort="oldest"))
        assert [r.document_id for r in oldest.rows] == ids[:3]
        assert queue_page(conn, QueueFilter(lang="en", stale=True)).total == 1
        assert (
            queue_page(conn, QueueFilter(lang="en", status=Status.IN_REVIEW)).total == 2
        )
        assert queue_page(conn, QueueFilter(lang="en", outlet="kavkaz-uzel")).total == 3
        assert (
            queue_page(
                conn, QueueFilter(lang="en", assignee="tanya", outlet="ovd-info")
            ).total
            == 2
        )
        assert queue_page(conn, QueueFilter(lang="de")).total == 0
        counts = status_counts(conn, "en")["en"]
    assert (
        counts[Status.MACHINE_TRANSLATED] == 4
        and counts[Status.STALE] == 1
        and counts[Status.NEW] == 0
    )
