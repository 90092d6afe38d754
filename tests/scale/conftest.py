"""Helpers for the fault tests: a newsroom's worth of synthetic documents, saved (and approved) through the store."""

from __future__ import annotations

from tests import steps
from translate_pub.model import Document, Segment
from translate_pub.store import Store
from translate_pub.store.workflow import save_document


def make_documents(count: int, sentences: int) -> list[Document]:
    """`count` distinct Russian documents of a title plus `sentences` sentences each."""
    docs = []
    for n in range(count):
        title = f"Задержания на акции номер {n}"
        segs = [Segment(0, 0, 0, title, block="title")]
        segs += [
            Segment(
                i,
                i,
                0,
                f"Документ {n}, предложение {i}: полиция задержала {i} человек.",
            )
            for i in range(1, sentences + 1)
        ]
        url = f"https://ovd.info/news/synthetic-{n}"
        docs.append(
            Document(
                "ru",
                "OVD-Info",
                title,
                url,
                url,
                f"synthetic-{n}",
                tuple(segs),
                raw=title.encode(),
            )
        )
    return docs


def save_all(
    store: Store, docs: list[Document], targets: tuple[str, ...] = ("en",)
) -> list[int]:
    with store.begin() as conn:
        return [save_document(conn, d, targets).document_id for d in docs]


def approve_all(store: Store, doc_ids: list[int], lang: str = "en") -> None:
    """Draft every segment, approve each document and freeze its edition, as reviewers would."""
    with store.begin() as conn:
        steps.draft_pending(conn, doc_ids, lang)
        for doc_id in doc_ids:
            steps.approve(conn, doc_id, lang, "editor")
