"""A digest's connecting text is machine-translated like any document, with the glossary; its quotes
keep their sources' approved English and are never sent to the engine."""

from __future__ import annotations

from tests.digest_newsroom import DIGEST, build_sources
from tests.fakes.mt_service import FakeMT
from tests.mt.support import FAST
from translate_pub.config import Settings
from translate_pub.ingest.digest_files import ingest_digests
from translate_pub.model import Status
from translate_pub.mt.libre import LibreEngine
from translate_pub.mt.pipeline import translate_pending
from translate_pub.store import Store
from translate_pub.store.queue import document_ids
from translate_pub.store.review import editor_rows
from translate_pub.terms.glossary import Glossary


def test_connecting_text_goes_to_mt_and_quotes_do_not(
    store: Store, settings: Settings, fake: FakeMT, glossary: Glossary
) -> None:
    build_sources(store)
    _done, errors = ingest_digests(store, DIGEST, settings)
    assert not errors
    report = translate_pending(
        store, LibreEngine(fake.url, limits=FAST), glossary, "ru", "en"
    )
    sent = [q for body in fake.stats.bodies for q in body["q"]]
    # six connecting sentences plus the one around the inline quote, whose quoted words stay out
    assert len(sent) == 7 and not any("независимый правозащитный" in q for q in sent)
    assert any("<x9" in q for q in sent)  # glossary terms shielded, as in any document
    with (
        store.begin() as conn
    ):  # the quoted sources are approved; the digest is drafted
        [digest_id] = document_ids(conn, "en", (Status.MACHINE_TRANSLATED,))
        rows = editor_rows(conn, digest_id, "en")
    assert {(r.block, r.origin) for r in rows} == {
        ("title", "machine"),
        ("p", "machine"),
        ("quote", "memory"),
    }
    assert report.documents == [digest_id]
