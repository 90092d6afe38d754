"""Leaving a sentence out (#22): only a reviewer's omission with a reason, made in the editor,
recorded in History, undone while not approved; the gate counts the omitted sentence complete;
the published pages show a marker with the reason where it was, and the provenance counts it.
Run on SQLite and PostgreSQL (the `store` fixture)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from lxml import etree, html

from tests.publish.newsroom import publish
from translate_pub.model import Document, Segment, Status
from translate_pub.store import documents as doc_store
from translate_pub.store import editions as edition_store
from translate_pub.store import review as review_store
from translate_pub.store import translations as tr_store
from translate_pub.store import workflow

from .conftest import act, csrf_of, editor, login, save, submit, version_of
from .test_gate import _errors
from .test_xliff_app import X, _download, _rows, _set_target, _units, _upload

REASON = "repeats the lead <b>word for word</b>"


def _omit(client, world, number: int, reason: str = REASON, undo: bool = False):  # type: ignore[no-untyped-def]
    page = editor(client, world)
    return client.post(
        f"/doc/{world.doc_id}/en/omit",
        data={
            "csrf": csrf_of(page),
            "number": number,
            "version": version_of(page),
            "reason": reason,
            **({"undo": "1"} if undo else {}),
        },
    )


def _status(world) -> Status:  # type: ignore[no-untyped-def]
    with world.store.begin() as conn:
        return tr_store.get_status(conn, world.doc_id, "en").status


def _in_review_with_sentence_2_empty(client, world) -> None:  # type: ignore[no-untyped-def]
    login(client, "tanya")
    assert save(client, editor(client, world), 1, "").status_code == 200
    assert _omit(client, world, 2).status_code == 403  # a translator may not
    submit(client, world)
    client.cookies.clear()
    login(client, "rita")


def test_a_reviewer_omits_with_a_reason_and_the_document_approves(client, world):
    _in_review_with_sentence_2_empty(client, world)
    assert act(client, world, "approve", "fine").status_code == 409  # incomplete
    assert _omit(client, world, 2, reason="  ").status_code == 409
    assert "omitted-mark" not in editor(client, world)
    assert _omit(client, world, 1).status_code == 409  # never the title
    done = _omit(client, world, 2)
    assert done.status_code == 303 and done.headers["location"].endswith("#seg-2")
    page = editor(client, world)
    assert _errors(page) == 0
    mark = html.fromstring(page).get_element_by_id("omitted-2").text_content()
    assert mark.startswith("Left out of the translation by rita on ")
    assert mark.endswith(": " + REASON)  # escaped, not markup
    assert 'id="unomit-2"' in page
    (listed,) = html.fromstring(page).xpath("//details[@id='omitted-list']//li")
    assert "Segment 2" in listed.text_content() and REASON in listed.text_content()
    assert act(client, world, "approve").status_code == 303
    assert _status(world) == Status.APPROVED
    with world.store.begin() as conn:
        (edition,) = edition_store.editions_for(conn, [world.doc_id])
    assert edition.untranslated == 0 and edition.omitted == 1
    assert [s.omitted for s in edition.segments] == [REASON, ""]
    assert _omit(client, world, 2, undo=True).status_code == 409  # approved: reopen
    history = html.fromstring(client.get(f"/doc/{world.doc_id}/en/history").text)
    (row,) = history.find_class("ev-omit")
    assert [td.text_content() for td in row][1:] == ["rita", "omit", "2", "", REASON]


def _done(world) -> int:  # type: ignore[no-untyped-def]
    with world.store.begin() as conn:
        return tr_store.get_status(conn, world.doc_id, "en").translated


def test_an_omission_undone_before_approval_blocks_it_again(client, world):
    _in_review_with_sentence_2_empty(client, world)
    assert _done(world) == 2
    assert _omit(client, world, 2).status_code == 303
    assert (
        _done(world) == 3
    )  # nothing is left to translate: the queue's progress says so
    assert _omit(client, world, 2, undo=True).status_code == 303
    assert _done(world) == 2
    page = editor(client, world)
    assert "omitted-2" not in page and 'id="omit-2"' in page and _errors(page) == 1
    refused = act(client, world, "approve", "the reason cannot waive it")
    assert refused.status_code == 409 and _status(world) == Status.IN_REVIEW
    history = client.get(f"/doc/{world.doc_id}/en/history").text
    assert 'class="ev-omit"' in history and 'class="ev-un-omit"' in history


def test_the_published_pages_mark_the_omission_and_count_it(
    client, world, tmp_path: Path
):
    _in_review_with_sentence_2_empty(client, world)
    _omit(client, world, 2)
    assert act(client, world, "approve").status_code == 303
    settings = replace(world.settings, site_url="https://example.org/")
    assert publish(world.store, settings, tmp_path / "site").startswith("published 1")
    root = (tmp_path / "site").resolve()
    pages = {
        lang: html.fromstring(p.read_bytes())
        for lang in ("en", "ru")
        for p in (root / lang / "articles").glob("*.html")
    }
    (parallel,) = [
        html.fromstring(p.read_bytes()) for p in (root / "en" / "parallel").glob("*")
    ]
    en, ru = pages["en"], pages["ru"]
    assert _note(en, "s2") == f"[sentence left out: {REASON}]"
    assert "The court fined 12 people" not in en.text_content()
    assert _note(parallel, "s2") == f"[sentence left out: {REASON}]"
    assert "Суд оштрафовал 12 человек" in parallel.text_content()  # the original
    assert _notes(ru) == [f"[не вошло в перевод: {REASON}]"]
    assert "Суд оштрафовал 12 человек" in ru.text_content()
    one = "1 sentence of the original was left out; a note marks where and why."
    assert _count(en) == one and _count(parallel) == one
    assert _count(ru) == (
        "В переводе опущено 1 предложение оригинала; "
        "пометка в тексте показывает, где и почему."
    )


def _note(page, anchor: str) -> str:  # type: ignore[no-untyped-def]
    span = page.get_element_by_id(anchor)
    assert span.get("class") == "omitted" and span.get("role") == "note"
    return str(span.text_content())


def _notes(page) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        s.text_content() for s in page.xpath("//span[@class='omitted'][@role='note']")
    ]


def _count(page) -> str:  # type: ignore[no-untyped-def]
    (found,) = page.find_class("omitted-count")
    return " ".join(found.text_content().split())


def test_xliff_import_cannot_undo_an_omission_and_approves_through_it(client, world):
    """Decision: a file's text for an omitted sentence is refused (the omission is undone only
    in the editor); the file's other units apply, and its sign-off approves, the omitted sentence
    counting as complete as it does in the app."""
    _in_review_with_sentence_2_empty(client, world)
    _omit(client, world, 2)
    root = _download(client, world)
    for unit in _units(root):
        unit.find(X + "target").set("state", "signed-off")
    _set_target(_units(root)[1], "A text brought back by file.", "signed-off")
    refused = _upload(client, etree.tostring(root))
    assert [r[1] for r in _rows(refused.text, "refused")] == ["2"]
    assert "left this sentence out" in refused.text
    assert _status(world) == Status.IN_REVIEW
    _set_target(_units(root)[1], "", "signed-off")
    approved = _upload(client, etree.tostring(root))
    assert 'id="refused"' not in approved.text and _status(world) == Status.APPROVED
    with world.store.begin() as conn:
        (edition,) = edition_store.editions_for(conn, [world.doc_id])
    assert edition.omitted == 1 and edition.untranslated == 0


def test_a_sentence_left_out_with_its_text_is_not_memory(client, world):
    """What a reviewer left out was not approved, whatever text it held: no exact match, no
    fuzzy candidate, no concordance hit, not on the page."""
    login(client, "rita")
    act(client, world, "submit")
    _omit(client, world, 3)
    assert act(client, world, "approve").status_code == 303
    with world.store.begin() as conn:
        (edition,) = edition_store.editions_for(conn, [world.doc_id])
        sources = [r.source for r in review_store.editor_rows(conn, world.doc_id, "en")]
        assert tr_store.memory_lookups(conn, sources, "en") == {
            sources[0]: "Court fines activist",
            sources[1]: "The court fined 12 people on March 5, 2024.",
        }
    assert [s.target for s in edition.segments] == [
        "The court fined 12 people on March 5, 2024.",
        "",
    ]
    hits = client.get("/concordance/en", params={"q": "website"}).json()["hits"]
    assert hits == []
    assert client.get("/concordance/en", params={"q": "fined"}).json()["hits"]


def test_a_revised_source_keeps_the_omission_of_a_sentence_it_did_not_change(
    client, world
):
    """As its translations are carried into the new revision, so is the decision to leave an
    unchanged sentence out; a changed sentence needs translating (or omitting) again."""
    _in_review_with_sentence_2_empty(client, world)
    _omit(client, world, 2)
    assert act(client, world, "approve").status_code == 303
    with world.store.begin() as conn:
        doc = doc_store.get_document(conn, world.doc_id)
        segs = doc_store.current_segments(conn, world.doc_id)
        revised = Document(
            source_lang="ru",
            outlet=doc.outlet,
            title=doc.title,
            url=doc.url,
            canonical_url=doc.canonical_url,
            content_hash="revised",
            segments=tuple(
                Segment(
                    s.position, s.paragraph, s.sentence, s.source, s.block, s.markup
                )
                if s.position < 2
                else Segment(s.position, s.paragraph, 0, "Новая фраза.", s.block)
                for s in segs
            ),
        )
        assert workflow.save_document(conn, revised, ("en",)).outcome == "updated"
        assert workflow.untranslated(conn, world.doc_id, "en") == [3]
    mark = html.fromstring(editor(client, world)).get_element_by_id("omitted-2")
    assert mark.text_content().endswith(": " + REASON)
