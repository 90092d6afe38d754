"""A document keeps the language it was written in: a revision in another language (a digest
file given `lang: en` later) is refused with one line naming the document, and nothing is
written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.digest_newsroom import build_sources
from translate_pub.config import Settings
from translate_pub.ingest.digest_files import ingest_digests
from translate_pub.store import Store
from translate_pub.store.documents import current_segments, get_document

CLI = Path(sys.executable).with_name("translate-pub")
HEAD = "---\ntitle: Обзор недели\nauthor: Rights in Russia\ndate: 2017-06-26\n"


def test_a_digest_rewritten_in_english_is_refused_and_stays_russian(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    build_sources(store)
    path = tmp_path / "digests" / "weekly.md"
    path.parent.mkdir()
    path.write_text(HEAD + '---\nТекст.\n\n{{< quote doc="o-nas" segments="2" >}}\n')
    done, errors = ingest_digests(store, path, settings)
    assert errors == [] and "created" in done[0]
    doc_id = int(done[0].split("digest ")[1].split()[0])
    path.write_text(
        HEAD + 'lang: en\n---\nText.\n\n{{< quote doc="o-nas" segments="2" >}}\n'
    )
    run = subprocess.run(
        [str(CLI), "--home", str(settings.home), "digest", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 1
    assert run.stderr.strip() == (
        'translate-pub: error: digest:weekly: "Обзор недели" is written in ru, this '
        "revision in en: a document keeps its language (save this text as a new "
        "document)"
    )
    with store.begin() as conn:
        doc = get_document(conn, doc_id)
        assert doc is not None and (doc.source_lang, doc.revision) == ("ru", 1)
        assert current_segments(conn, doc_id)[1].source == "Текст."
