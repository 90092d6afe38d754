"""Three real OVD-Info pages ingested and approved with OVD-Info's own English, and a digest quoting them.

Fixtures in tests/fixtures/digest/ (OVD-Info, CC BY 3.0; see ATTRIBUTION.md there).
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import yaml

from tests import steps
from translate_pub.config import Settings
from translate_pub.ingest.digest_files import ingest_digests
from translate_pub.ingest.files import read_file
from translate_pub.store import Store
from translate_pub.store.documents import current_segments
from translate_pub.store.workflow import save_document

FIXTURES = Path(__file__).parent / "fixtures" / "digest"
SOURCES = ("2013-01-28-about.md", "2013-01-29-courts.md", "2013-01-22-appeals.md")
DIGEST = FIXTURES / "rights-group-of-the-week.md"


def approve(
    store: Store, doc_id: int, texts: list[str], lang: str = "en", by: str = "rev"
) -> None:
    """Given translations of every current segment, approved and frozen (at a fixed time) as an edition."""
    with store.begin() as conn:
        steps.draft(conn, doc_id, texts, lang)
        steps.approve(conn, doc_id, lang, by, approved_at=steps.FIXED)


def build_sources(store: Store) -> dict[str, int]:
    """The three OVD-Info pages, ingested from their files and approved in English."""
    english = json.loads((FIXTURES / "approved-en.json").read_text())
    ids = {}
    for name in SOURCES:
        doc = read_file(FIXTURES / name, outlet="OVD-Info")
        url = f"https://ovdinfo.org/{yaml.safe_load(doc.raw.decode().split('---')[1])['permalink']}"
        doc = replace(
            doc, url=url, canonical_url=url
        )  # their pages on the outlet's site, not our copies
        with store.begin() as conn:
            ids[name] = save_document(conn, doc, ("en",)).document_id
        approve(store, ids[name], english[name])
    return ids


def build_digest(
    store: Store, settings: Settings, folder: Path = FIXTURES / "digests"
) -> int:
    """The sources, then the digest ingested from its file, its connecting text translated and approved."""
    build_sources(store)
    done, errors = ingest_digests(store, DIGEST, settings)
    assert not errors, errors
    digest_id = int(done[0].split("digest ")[1].split()[0])
    with store.begin() as conn:
        rows = current_segments(conn, digest_id)
    approve(
        store, digest_id, [DIGEST_EN.get(r.source, "") for r in rows], by="editor-rev"
    )
    return digest_id


# The editor's English for the connecting text (the quotes keep their sources' approved English).
DIGEST_EN = {
    "Правозащитная группа недели: ОВД-Инфо": "Rights Group of the Week: OVD-Info",
    "<1>ОВД-Инфо</1> ведёт мониторинг политических задержаний с декабря 2011 года.": "<1>OVD-Info</1> has monitored political arrests since December 2011.",
    "Вот как проект описывает себя:": "This is how the project describes itself:",
    "По данным мировых судов Москвы, которые собрал проект, таких дел было тысячи:": "According to the Moscow magistrates' court records the project collected, there were thousands of such cases:",
    "Для сравнения, проект пишет: <1/>.": "For comparison, the project writes: <1/>.",
    "Обжаловать решения почти невозможно.": "Appealing the decisions is almost impossible.",
    "Подробнее — на <1>сайте проекта</1>.": "More on the <1>project's website</1>.",
}
