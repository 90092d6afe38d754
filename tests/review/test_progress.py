"""Progress that tells the truth: translated/total and words left per document and language,
kept current by every write, shown and sortable in the queue, searchable by title and text
(on SQLite and PostgreSQL: the `store` fixture runs each test on both)."""

from __future__ import annotations

from translate_pub.model import Origin, Status
from translate_pub.store import documents as doc_store
from translate_pub.store import review as review_store
from translate_pub.store import translations as tr_store
from translate_pub.store import workflow
from translate_pub.store.queue import QueueFilter, queue_page

from .conftest import SOURCES, csrf_of, login, make_document, segments_of

EMPTY = ["", "", ""]  # the engine produced nothing


def _row(conn, doc_id: int):  # type: ignore[no-untyped-def]
    return next(
        r
        for r in queue_page(conn, QueueFilter(lang="en")).rows
        if r.document_id == doc_id
    )


def test_machine_drafts_count_and_an_engine_that_produced_nothing_reads_untranslated(
    store,
):
    with store.begin() as conn:
        done = make_document(conn, 1)
        blank = make_document(conn, 2, targets=EMPTY)
        full, empty = _row(conn, done), _row(conn, blank)
    assert (
        full.progress.translated,
        full.progress.segments,
        full.progress.words_left,
    ) == (3, 3, 0)
    assert (empty.progress.translated, empty.progress.segments) == (0, 3)
    assert (
        empty.progress.words_left == 3 + 8 + 4
    )  # source words; placeholders aside, a URL is one word
    assert empty.progress.untranslated and not full.progress.untranslated
    assert full.title_target == "Court fines activist" and empty.title_target == ""


def test_human_edits_and_first_translations_move_the_counter(store):
    with store.begin() as conn:
        doc_id = make_document(conn, 1, targets=EMPTY)
        rows = review_store.editor_rows(conn, doc_id, "en")
        tr_store.edit_translation(
            conn,
            rows[1].translation_id,
            "The court fined 12 people.",
            user="tanya",
            expected_version=rows[1].version,
        )
        assert _row(conn, doc_id).progress.translated == 1
        tr_store.edit_translation(
            conn,
            rows[1].translation_id,
            "",
            user="tanya",
            expected_version=rows[1].version + 1,
        )
        assert _row(conn, doc_id).progress.translated == 0
        segs = doc_store.current_segments(conn, doc_id)
        tr_store.save_machine(
            conn,
            segs[0].id,
            "en",
            "Court fines activist",
            origin=Origin.MACHINE,
            engine="later",
            glossary_version="",
        )  # a later engine fills a recorded miss
        assert _row(conn, doc_id).progress.translated == 1


def test_queue_sorts_by_progress_and_searches_titles_and_text(store):
    with store.begin() as conn:
        done = make_document(conn, 1)
        blank = make_document(conn, 2, targets=EMPTY)
        other = make_document(
            conn,
            3,
            sources=[
                ("title", "Задержания в Казани"),
                ("p", "Полиция задержала ЛЮДЕЙ."),
            ],
            targets=["Detentions in Kazan", ""],
        )
        least = queue_page(conn, QueueFilter(lang="en", sort="progress"))
        most = queue_page(conn, QueueFilter(lang="en", sort="-progress"))
        assert [r.document_id for r in least.rows] == [blank, other, done]
        assert [r.document_id for r in most.rows] == [done, other, blank]

        def found(text: str) -> list[int]:
            return sorted(
                r.document_id
                for r in queue_page(conn, QueueFilter(lang="en", search=text)).rows
            )

        assert found("казани") == [
            other
        ]  # title, Cyrillic case folded on every backend
        assert found("людей полиция") == [other]  # words of the text, in any order
        assert found("оштрафовал") == [done, blank]
        assert found("ovd.info/news") == [done, blank]
        assert found("100%") == [] and found("_") == []  # LIKE wildcards are literal
        assert (
            queue_page(
                conn, QueueFilter(lang="en", search="людей", status=Status.NEW)
            ).total
            == 0
        )


def test_a_new_revision_recounts_progress_and_reindexes_the_text(store):
    with store.begin() as conn:
        doc_id = make_document(conn, 1)
        doc = doc_store.get_document(conn, doc_id)
        assert doc is not None
    from translate_pub.model import Document, Segment

    revised = Document(
        source_lang="ru",
        outlet="ovd-info",
        title=SOURCES[0][1],
        url="https://ovd.info/news/1",
        canonical_url="https://ovd.info/news/1",
        content_hash="changed",
        segments=(
            Segment(0, 0, 0, SOURCES[0][1], "title"),
            Segment(1, 1, 0, "Новое предложение о Твери."),
        ),
    )
    with store.begin() as conn:
        workflow.save_document(conn, revised, ("en",))
        row = _row(conn, doc_id)
        assert (
            row.progress.translated,
            row.progress.segments,
            row.progress.words_left,
        ) == (1, 2, 4)
        assert [
            r.document_id
            for r in queue_page(conn, QueueFilter(lang="en", search="твери")).rows
        ] == [doc_id]


def test_queue_page_shows_progress_english_title_and_sortable_column(client, world):
    with world.store.begin() as conn:
        blank = make_document(conn, 9, targets=EMPTY)
    login(client, "tanya")
    page = client.get("/queue").text
    assert (
        "3/3" in page
        and "0/3 · 15 words left" in page
        and "Court fines activist" in page
    )
    row = page.split(f'data-doc="{blank}"')[1].split("</tr>")[0]
    assert '<td class="status">untranslated</td>' in row
    assert 'id="sort-progress" href="/queue?lang=en&amp;sort=progress"' in page
    by_progress = client.get("/queue", params={"sort": "progress", "q": "суд"}).text
    assert by_progress.index(f'data-doc="{blank}"') < by_progress.index(
        f'data-doc="{world.doc_id}"'
    )
    assert (
        'href="/queue?lang=en&amp;q=%D1%81%D1%83%D0%B4&amp;sort=-progress"'
        in by_progress
    )
    assert client.get("/queue", params={"sort": "nonsense"}).status_code == 200


def test_editor_header_shows_progress_and_numbers_segments_like_history(client, world):
    login(client, "tanya")
    page = client.get(f"/doc/{world.doc_id}/en").text
    assert '<b id="progress-done">3</b>/<span id="progress-total">3</span>' in page
    assert 'id="seg-1"' in page and 'id="seg-0"' not in page
    tid, version, url = segments_of(page)[1]
    client.post(
        url,
        json={"text": "", "version": version},
        headers={"X-CSRF-Token": csrf_of(page)},
    )
    page = client.get(f"/doc/{world.doc_id}/en").text
    assert '<b id="progress-done">2</b>' in page and '<b id="words-left">8</b>' in page
    history = client.get(f"/doc/{world.doc_id}/en/history").text
    assert f'href="/doc/{world.doc_id}/en#seg-2">2</a>' in history
