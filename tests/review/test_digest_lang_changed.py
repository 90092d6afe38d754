"""The composer keeps a digest's language: switching "Written in" on a saved digest is refused
with one line naming it, the text kept in the form, and the stored digest unchanged."""

from __future__ import annotations

import html
import re

from tests.digest_newsroom import build_sources
from translate_pub.store.documents import get_document

from .conftest import csrf_of, login

BODY = 'The court refused: {{< quote doc="dannye-po-apellyatsiyam" segments="1" >}}.\n'


def _compose(client, **fields: str):  # type: ignore[no-untyped-def]
    data = {
        "csrf": csrf_of(client.get("/digests/new").text),
        "title": "Digest of the week",
        "author": "ed",
        "date": "2017-06-26",
        "body": BODY,
        "lang": "en",
        **fields,
    }
    return client.post("/digests", data=data)


def test_switching_written_in_on_a_saved_digest_is_refused(client, world) -> None:  # type: ignore[no-untyped-def]
    build_sources(world.store)
    login(client, "ed")
    saved = _compose(client)
    assert saved.status_code == 303, saved.text
    doc_id = int(re.fullmatch(r"/doc/(\d+)/ru", saved.headers["location"]).group(1))
    refused = _compose(client, doc_id=str(doc_id), lang="ru", body=BODY + "\nЕщё.\n")
    assert refused.status_code == 400
    assert (
        '"Digest of the week" is written in en, this revision in ru: a document keeps '
        "its language" in html.unescape(refused.text)
    )
    assert "Ещё." in html.unescape(refused.text)  # the text typed is kept
    with world.store.begin() as conn:
        doc = get_document(conn, doc_id)
    assert doc is not None and (doc.source_lang, doc.revision) == ("en", 1)
