"""A changed source: new revision, unchanged sentences keep their translations, approval goes STALE."""

from __future__ import annotations

from sqlalchemy import func, select

from tests import steps
from translate_pub.config import Settings
from translate_pub.ingest.fetch import Fetcher
from translate_pub.ingest.run import ingest
from translate_pub.model import Origin, Status
from translate_pub.store import Store
from translate_pub.store import schema as t
from translate_pub.store.documents import archived_raw, current_segments
from translate_pub.store.review import editor_rows
from translate_pub.store.translations import get_status, save_machine

from .conftest import FIXTURES, Reply, Site

OLD = "Загрузка данных может занять некоторое время."
NEW = "Загрузка данных занимает до минуты."


def test_an_edited_article_becomes_a_new_revision_and_approval_goes_stale(
    store: Store, settings: Settings, site: Site, fetcher: Fetcher
) -> None:
    v1 = (
        (FIXTURES / "report-2013-1.html")
        .read_bytes()
        .replace(b"</article>", f"<p>{OLD}</p></article>".encode())
    )
    v2 = v1.replace(OLD.encode(), NEW.encode())
    url = site.add("/report.html", Reply(v1, etag='"v1"'))
    doc_id = (
        ingest(store, settings, [url], "OVD-Info", fetcher=fetcher).saved[0].document_id
    )
    with store.begin() as conn:
        for seg in current_segments(conn, doc_id):
            save_machine(
                conn,
                seg.id,
                "en",
                f"EN {seg.position}",
                origin=Origin.MACHINE,
                engine="recorded",
                glossary_version="g1",
            )
        edition = steps.approve(conn, doc_id, "en", "editor")

    site.add("/report.html", Reply(v2, etag='"v2"'))
    report = ingest(store, settings, [url], "OVD-Info", fetcher=fetcher)
    assert [(s.document_id, s.outcome, s.revision) for s in report.saved] == [
        (doc_id, "updated", 2)
    ]
    with store.begin() as conn:
        segs = current_segments(conn, doc_id)
        translated = {
            r.segment_id: r.text
            for r in editor_rows(conn, doc_id, "en")
            if r.translation_id
        }
        assert get_status(conn, doc_id, "en").status == Status.STALE
        assert (
            conn.execute(select(func.count()).select_from(t.editions)).scalar_one() == 1
        )
        assert conn.execute(select(t.editions.c.id)).scalar_one() == edition
        assert (
            archived_raw(conn, doc_id, 1) == v1 and archived_raw(conn, doc_id, 2) == v2
        )
    changed = [s for s in segs if s.source == NEW]
    assert len(changed) == 1 and changed[0].id not in translated
    kept = [s for s in segs if s.source != NEW]
    assert kept and all(translated.get(s.id) == f"EN {s.position}" for s in kept)
    assert site.hits("/report.html")[1]["if-none-match"] == '"v1"'
