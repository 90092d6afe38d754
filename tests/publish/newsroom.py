"""A small bilingual newsroom in a temp store, built only through the store's own functions.

Texts adapted from OVD-Info reports (OVD-Info, CC BY 3.0). Each paragraph is one sentence,
so segments and English texts line up one to one.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from tests import steps
from translate_pub.config import Settings
from translate_pub.model import Document
from translate_pub.segment import Block, segment_blocks
from translate_pub.store import Store, workflow
from translate_pub.store.glossary import record_glossary
from translate_pub.store.workflow import save_document


@dataclass
class Story:
    """One source article and its translation, paragraph by paragraph (HTML allowed inline)."""

    key: str
    title: str
    title_en: str
    paragraphs: list[
        tuple[str, str, str]
    ]  # (block kind, Russian inline HTML, English with placeholders)
    outlet: str = "OVD-Info"
    tags: tuple[str, ...] = ("преследования",)
    published: datetime = datetime(2017, 6, 26, 9, 30, tzinfo=UTC)
    translated: dict[str, str] = field(default_factory=dict)


def ingest(store: Store, story: Story, targets: tuple[str, ...] = ("en",)) -> int:
    blocks = [
        Block("title", story.title),
        *(Block(kind, ru) for kind, ru, _en in story.paragraphs),
    ]
    segments = segment_blocks(blocks)
    body = "\n".join(b.html for b in blocks)
    doc = Document(
        source_lang="ru",
        outlet=story.outlet,
        title=story.title,
        url=f"https://ovd.info/news/{story.key}",
        canonical_url=f"https://ovd.info/news/{story.key}",
        content_hash=hashlib.sha256(body.encode()).hexdigest(),
        segments=segments,
        published_at=story.published,
        fetched_at=story.published,
        tags=story.tags,
        raw=body.encode(),
        raw_content_type="text/html",
    )
    with store.begin() as conn:
        return save_document(conn, doc, targets).document_id


def translate_and_approve(
    store: Store,
    doc_id: int,
    texts: list[str],
    lang: str = "en",
    approved_at: datetime | None = None,
) -> None:
    """Machine 'drafts' (given texts, one per current segment), approved and frozen as an edition."""
    with store.begin() as conn:
        steps.draft(conn, doc_id, texts, lang)
    approve(store, doc_id, lang, approved_at)


def approve(
    store: Store, doc_id: int, lang: str = "en", approved_at: datetime | None = None
) -> None:
    """Approve the current drafts as they are, frozen as an edition approved by "rev" (at a
    fixed time unless told: golden pages need it)."""
    with store.begin() as conn:
        steps.approve(conn, doc_id, lang, "rev", approved_at or steps.FIXED)


def segment_texts(story: Story) -> list[str]:
    """The English text for every segment of the story, in order (one sentence per paragraph)."""
    return [story.title_en, *(en for _k, _ru, en in story.paragraphs)]


def publish(store: Store, settings: Settings, out: Path, **kwargs: object) -> str:
    from translate_pub.publish.site import publish_site

    report = publish_site(store, settings, out, **kwargs)  # type: ignore[arg-type]
    with store.begin() as conn:  # as the publish flow does
        workflow.published(conn, report)
    return report.summary()


DETENTIONS = Story(
    key="detentions-moscow",
    title="Задержания на акции в Москве",
    title_en="Detentions at a protest in Moscow",
    paragraphs=[
        (
            "p",
            'По данным <a href="https://ovd.info/data">ОВД-Инфо</a>, задержаны <em>не менее 150</em> человек.',
            "According to <1>OVD-Info</1>, <2>at least 150</2> people were detained.",
        ),
        ("h2", "Что известно", "What is known"),
        (
            "li",
            "Задержанных доставили в отделы полиции.",
            "Detainees were taken to police stations.",
        ),
        (
            "li",
            "Адвокатов не пускали к задержанным.",
            "Lawyers were denied access to detainees.",
        ),
        (
            "blockquote",
            "«Нас держали в автозаке три часа», — рассказала одна из задержанных.",
            "'We were held in a police van for three hours,' one of the detainees said.",
        ),
    ],
    tags=("задержания", "Москва"),
    published=datetime(2017, 6, 26, 9, 30, tzinfo=UTC),
)

CHECHNYA = Story(
    key="lgbt-chechnya",
    title="Российская ЛГБТ-сеть о преследованиях в Чечне",
    title_en="Russian LGBT Network on persecution in Chechnya",
    paragraphs=[
        (
            "p",
            "Российская ЛГБТ-сеть сообщила о новых задержаниях в Чечне.",
            "The Russian LGBT Network reported new detentions in Chechnya.",
        ),
        (
            "p",
            "Правозащитники помогли эвакуировать <strong>40</strong> человек.",
            "Human rights defenders helped evacuate <1>40</1> people.",
        ),
    ],
    outlet="Кавказский узел",
    tags=("Чечня", "ЛГБТ"),
    published=datetime(2017, 5, 11, 14, 0, tzinfo=UTC),
)

PICKET = Story(
    key="single-picket",
    title="Одиночный пикет у здания суда",
    title_en="A single-person picket outside the court",
    paragraphs=[
        (
            "p",
            "Активиста задержали во время одиночного пикета.",
            "The activist was detained during a single-person picket.",
        )
    ],
    tags=("задержания",),
    published=datetime(2018, 3, 2, 8, 0, tzinfo=UTC),
)

DRAFT_ONLY = Story(
    key="not-yet-approved",
    title="Статья без одобренного перевода",
    title_en="An article without an approved translation",
    paragraphs=[
        ("p", "Этот текст ещё не опубликован.", "This text is not published yet.")
    ],
    published=datetime(2019, 1, 1, 8, 0, tzinfo=UTC),
)


# The glossary the drafts were made with: its terms name the Russian tags on English pages.
GLOSSARY = (
    "id,ru,en,en_forbidden,note\ndetention,задержание,detention,detainment,\n"
    "moscow,Москва,Moscow,,\nchechnya,Чечня,Chechnya,,\nlgbt,ЛГБТ,LGBT,GLBT,\n"
)


def build_newsroom(store: Store, targets: tuple[str, ...] = ("en",)) -> dict[str, int]:
    """Three approved articles (one then re-ingested, so STALE) and one without approval; their glossary."""
    ids = {}
    with store.begin() as conn:
        # first seen on a fixed day: the golden site's glossary page shows it
        record_glossary(
            conn, "g-2026-11", 4, GLOSSARY, datetime(2026, 12, 6, 12, tzinfo=UTC)
        )
    for story in (DETENTIONS, CHECHNYA, PICKET):
        ids[story.key] = ingest(store, story, targets)
        translate_and_approve(store, ids[story.key], segment_texts(story))
    ids[DRAFT_ONLY.key] = ingest(store, DRAFT_ONLY, targets)
    changed = replace(
        PICKET,
        paragraphs=[
            ("p", "Активиста задержали во время одиночного пикета и отпустили.", "")
        ],
    )
    ingest(store, changed, targets)  # the outlet edited the original after approval
    return ids
