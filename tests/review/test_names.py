"""Names stay consistent: a dismissable warning where a translation renders a name otherwise than
earlier approved translations did, for names in the glossary or not; the editor shows it."""

from __future__ import annotations

from collections import Counter

from translate_pub.model import Severity
from translate_pub.names import inconsistencies, names, renderings
from translate_pub.store import memory
from translate_pub.store import review as review_store
from translate_pub.store import translations as tr_store

from .conftest import login, make_document
from .test_memory import approve, editor_of

SAID = "Правозащитник Самойлов заявил об этом."


def test_a_name_is_keyed_by_its_dictionary_form_and_found_by_transliteration() -> None:
    assert names("Суд арестовал Самойлова, а Самойлову оштрафовали.") == {
        "самойлов": "Самойлова"
    }
    assert names("Самойлов заявил.") == {}  # a sentence's first word proves nothing
    assert renderings("самойлов", "Sergei Samoylov and his lawyer") == ["Samoylov"]


def test_a_name_rendered_otherwise_than_approved_translations_warns() -> None:
    known = {"самойлов": Counter({"Samoylov": 12, "Samoilov": 1})}
    [issue] = inconsistencies(SAID, "Rights defender Samoyloff said so.", known)
    assert (issue.check, issue.severity) == ("names", Severity.WARNING)
    assert (
        issue.message
        == "«Самойлов» was “Samoylov” in 12 approved translations; here “Samoyloff”"
    )
    assert inconsistencies(SAID, "Rights defender Samoylov said so.", known) == []
    assert (
        inconsistencies("Правозащитница Самойлова заявила.", "Samoylova said.", known)
        == []
    )  # her name
    assert (
        inconsistencies(SAID, "The defender said so.", known) == []
    )  # left out: not this check's business


def test_the_editor_warns_from_approved_translations_and_the_warning_can_be_dismissed(
    client, world
) -> None:  # type: ignore[no-untyped-def]
    with world.store.begin() as conn:
        approve(
            conn,
            1,
            [
                (
                    "Суд арестовал Сергея Самойлова.",
                    "The court remanded Sergei Samoylov.",
                ),
                ("Адвокат Самойлова обжаловал арест.", "Samoylov's lawyer appealed."),
            ],
        )
        assert memory.name_renderings(conn, {"самойлов"}, "en") == {
            "самойлов": Counter({"Samoylov": 2})
        }
    page = editor_of(client, world, [("title", "Новости"), ("p", SAID)])
    assert "was “Samoylov” in 2 approved translations" not in page  # no translation yet
    with world.store.begin() as conn:
        doc = make_document(
            conn,
            60,
            sources=[("title", "Новости"), ("p", SAID)],
            targets=["News", "Rights defender Samoyloff said so."],
        )
    login(client, "tanya")
    page = client.get(f"/doc/{doc}/en").text
    assert (
        "«Самойлов» was “Samoylov” in 2 approved translations; here “Samoyloff”" in page
    )
    assert 'data-check="names"' in page and "Dismiss…" in page


def test_approving_again_moves_the_counts_instead_of_adding_to_them(world) -> None:  # type: ignore[no-untyped-def]
    with world.store.begin() as conn:
        doc = approve(
            conn,
            1,
            [
                (
                    "Суд арестовал Сергея Самойлова.",
                    "The court remanded Sergei Samoylov.",
                )
            ],
        )
        memory.index(conn, [doc], "en")  # indexed again, as a reapproval does
        assert memory.name_renderings(conn, {"самойлов"}, "en") == {
            "самойлов": Counter({"Samoylov": 1})
        }
        row = [
            r
            for r in review_store.editor_rows(conn, doc, "en")
            if "Самойлова" in r.source
        ][0]
        tr_store.edit_translation(
            conn,
            row.translation_id,
            "The court remanded Sergei Samoyloff.",
            user="rita",
            expected_version=row.version,
        )
        memory.index(conn, [doc], "en")
        assert memory.name_renderings(conn, {"самойлов"}, "en") == {
            "самойлов": Counter({"Samoyloff": 1})
        }
