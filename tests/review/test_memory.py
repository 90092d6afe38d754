"""Translation memory in the editor: fuzzy matches (threshold, score, source diff) and
concordance over approved translations, on SQLite and PostgreSQL."""

from __future__ import annotations

import html
import re

from alembic import command
from alembic.script import ScriptDirectory

from tests import steps
from translate_pub.model import Role, User
from translate_pub.store import memory, workflow
from translate_pub.store import review as review_store
from translate_pub.store import translations as tr_store
from translate_pub.store.db import alembic_config

from .conftest import act, editor, login, make_document, save

HERE = "Казанский суд арестовал журналиста Петрова"  # 42 characters
MEMORY = [  # (source, approved translation); scores against HERE by fuzz.ratio (Indel):
    (
        HERE + " на 2 месяца по делу о фейке",
        "Kazan court remands journalist Petrov for 2 months in a fake case",
    ),  # 28 more: 75.0
    (
        HERE + " на 2 месяца по делу о фейках",
        "Kazan court remands journalist Petrov for 2 months over fakes",
    ),  # 29 more: 74.3
    (
        "Казанский суд оштрафовал журналиста Петрова.",
        "A Kazan court <fined> journalist Petrov & co.",
    ),  # 88.4
]


def approve(conn, n: int, pairs: list[tuple[str, str]]) -> int:  # type: ignore[no-untyped-def]
    """A document whose segments a person translated as `pairs` (over MT drafts), approved in English."""
    doc_id = make_document(
        conn,
        n,
        sources=[("title", f"Архив {n}"), *(("p", s) for s, _ in pairs)],
        targets=["draft"] * (len(pairs) + 1),
    )
    for row, text in zip(
        review_store.editor_rows(conn, doc_id, "en"),
        [f"Archive {n}", *(t for _, t in pairs)],
        strict=True,
    ):
        tr_store.edit_translation(
            conn, row.translation_id, text, user="tanya", expected_version=row.version
        )
    steps.approve(conn, doc_id, "en", "rita")
    return doc_id


def editor_of(client, world, sources) -> str:  # type: ignore[no-untyped-def]
    with world.store.begin() as conn:
        doc_id = make_document(conn, 50, sources=sources, targets=["" for _ in sources])
    login(client, "tanya")
    return client.get(f"/doc/{doc_id}/en").text


def suggestions(page: str, n: int) -> list[str]:
    """The memory suggestions under segment n as text: '75% | translation | diff'."""
    block = page.split(f'id="seg-{n}"')[1].split("<section")[0]
    block = re.sub(r'<span class="approved-unit">.*?</span>', "", block)  # tested apart
    items = re.findall(r'<li class="memory[^"]*">(.*?)</li>', block, re.S)
    return [
        " | ".join(
            html.unescape(re.sub(r"<[^>]+>", "", part)).strip()
            for part in re.split(r'<span class="(?:text|tm-diff)"', item)
        )
        for item in items
    ]


def test_fuzzy_matches_from_75_percent_with_score_floor_and_diff(client, world):
    with world.store.begin() as conn:
        approve(conn, 1, MEMORY)
    page = editor_of(client, world, [("title", "Новости"), ("p", HERE)])
    shown = suggestions(page, 2)
    assert [s.split(" | ")[0] for s in shown] == [
        "Use\n        Memory 88%",
        "Use\n        Memory 75%",
    ]
    assert "A Kazan court <fined> journalist Petrov & co." in shown[0]
    assert (
        "for 2 months in a fake case" in shown[1] and "over fakes" not in page
    )  # 74.3%: not shown
    first = page.split('id="seg-2"')[1].split("<section")[0]
    assert (
        "<del>оштрафовал</del><ins>арестовал</ins>" in first
    )  # memory's word struck, ours marked
    assert (
        "<ins> на 2 месяца по делу о фейке</ins>" not in first
        and "<del> на 2 месяца по делу о фейке</del>" in first
    )
    assert (
        "&lt;fined&gt; journalist Petrov &amp; co." in first and "<fined>" not in first
    )
    assert 'title="Alt+2"' in first and 'title="Alt+3"' in first


def test_exact_match_comes_first_and_fuzzy_ones_follow_it(client, world):
    with world.store.begin() as conn:
        approve(conn, 1, [(HERE, "Kazan court arrests journalist Petrov"), MEMORY[2]])
    shown = suggestions(
        editor_of(client, world, [("title", "Новости"), ("p", HERE)]), 2
    )
    assert len(shown) == 2 and "100%" in shown[0] and "88%" in shown[1]
    assert "Kazan court arrests journalist Petrov" in shown[0]


def test_a_reopened_document_leaves_the_memory_until_approved_again(client, world):
    with world.store.begin() as conn:
        doc = approve(conn, 1, MEMORY[2:])
        workflow.act(
            conn,
            doc,
            "en",
            "reopen",
            user=User("rita", Role.REVIEWER),
            expected_version=workflow.current_version(conn, doc, "en"),
        )
    assert (
        suggestions(editor_of(client, world, [("title", "Новости"), ("p", HERE)]), 2)
        == []
    )


def test_concordance_finds_a_phrase_in_sources_and_translations_and_marks_it(
    client, world
):
    with world.store.begin() as conn:
        doc = approve(conn, 1, MEMORY)
    login(client, "tanya")
    hits = client.get("/concordance/en", params={"q": " ЖУРНАЛИСТА  петрова"}).json()[
        "hits"
    ]
    assert len(hits) == 3
    assert hits[0]["source"] == [
        ["Казанский суд оштрафовал ", False],
        ["журналиста Петрова", True],
        [".", False],
    ]
    assert hits[0]["target"] == [
        ["A Kazan court <fined> journalist Petrov & co.", False]
    ]
    assert hits[0]["link"] == f"/doc/{doc}/en#seg-4" and hits[0]["title"] == "Архив 1"
    english = client.get("/concordance/en", params={"q": "<FINED> journalist"}).json()[
        "hits"
    ]
    assert [h["target"] for h in english] == [
        [
            ["A Kazan court <", False],  # words are marked, not the markup around them
            ["fined> journalist", True],
            [" Petrov & co.", False],
        ]
    ]
    fake = client.get("/concordance/en", params={"q": "fakes case"}).json()["hits"]
    assert [h["target"][-1] for h in fake] == [
        ["fake case", True]
    ]  # any form of a word
    assert (
        client.get("/concordance/en", params={"q": "case fake"}).json()["hits"] == []
    )  # words in order
    assert client.get("/concordance/en", params={"q": "x" * 201}).status_code == 400


def test_concordance_needs_a_login_and_shows_only_approved_text(client, world):
    assert client.get("/concordance/en", params={"q": "суд"}).status_code in (
        302,
        303,
        401,
    )
    login(client, "tanya")
    assert (
        client.get("/concordance/en", params={"q": "суд"}).json()["hits"] == []
    )  # the MT draft is not memory


def test_approving_in_the_app_puts_the_document_in_the_memory(client, world):
    login(client, "rita")
    save(client, editor(client, world), 1, "The court fined 12 people on 5 March 2024.")
    for action in ("submit", "approve"):
        act(client, world, action, reason="ok")
    hits = client.get("/concordance/en", params={"q": "5 march"}).json()["hits"]
    assert [h["link"] for h in hits] == [f"/doc/{world.doc_id}/en#seg-2"]


def test_the_migration_indexes_documents_approved_before_it(store, settings):
    with store.begin() as conn:
        doc = approve(conn, 1, MEMORY[2:])
    cfg = alembic_config(settings.db_url)
    command.downgrade(
        cfg,
        ScriptDirectory.from_config(cfg)
        .get_revision("0019_memory_words")
        .down_revision,
    )
    command.upgrade(cfg, "head")
    with store.begin() as conn:
        assert [
            (e.document_id, e.target)
            for e in memory.concordance(conn, "оштрафовал", "en")
        ] == [(doc, MEMORY[2][1])]
        assert [e.target for e in memory.similar(conn, [HERE], "en", 0)[HERE]] == [
            MEMORY[2][1]
        ]


def test_approved_machine_translation_nobody_edited_is_memory_marked_as_such(
    client, world
):
    with world.store.begin() as conn:  # MT drafts approved as the engine wrote them
        doc = make_document(
            conn,
            7,
            sources=[("title", "Архив 7"), ("p", MEMORY[2][0])],
            targets=["Archive 7", MEMORY[2][1]],
        )
        steps.approve(conn, doc, "en", "rita")
        edited = approve(conn, 8, MEMORY[:1])  # and a human translation beside it
    page = editor_of(
        client, world, [("title", "Новости"), ("p", MEMORY[2][0]), ("p", HERE)]
    )
    exact = suggestions(page, 2)
    assert len(exact) == 1 and "100%" in exact[0] and exact[0].endswith(MEMORY[2][1])
    found = suggestions(page, 3)
    assert [f.split(" | ")[1].split(">", 1)[1] for f in found] == [
        MEMORY[2][1],
        MEMORY[0][1],
    ]
    notes = [
        html.unescape(n)
        for n in re.findall(r'<span class="approved-unit">(.*?)</span>', page)
    ]
    day = re.search(r"\d{4}-\d{2}-\d{2}", notes[0]).group()  # type: ignore[union-attr]
    assert notes == [
        f"approved machine translation, rita, {day}",  # the exact match says it too
        f"approved machine translation, rita, {day}",
        f"approved human translation, rita, {day}",
    ]
    hits = client.get("/concordance/en", params={"q": "оштрафовал"}).json()["hits"]
    assert [h["link"] for h in hits] == [f"/doc/{doc}/en#seg-2"]
    assert edited != doc


def test_concordance_finds_every_form_of_a_word_as_the_queue_search_does(client, world):
    with world.store.begin() as conn:
        approve(
            conn,
            9,
            [
                ("Суд вынес решение по задержаниям в Казани.", "Detentions in Kazan."),
                ("Новое задержание журналиста.", "A journalist's new detention."),
            ],
        )
    login(client, "tanya")

    def found(q: str) -> list[str]:
        hits = client.get("/concordance/en", params={"q": q}).json()["hits"]
        return ["".join(p for p, hit in h["source"] if hit) for h in hits]

    assert sorted(found("задержание")) == ["задержание", "задержаниям"]
    assert sorted(found("detention")) == [
        "",
        "",
    ]  # found by their English, marked there
    assert found("задержание журналиста") == ["задержание журналиста"]
    assert found("журналиста задержание") == []  # a phrase keeps its order
