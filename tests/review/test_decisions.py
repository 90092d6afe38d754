"""Every dismissal and its removal is in History with who, when and why (#22 item 3): taken back
by a person, or dropped because an edit changed or fixed the problem; the dismissal's own row
stays after it is gone. Run on SQLite and PostgreSQL (the `store` fixture)."""

from __future__ import annotations

from lxml import html

from .conftest import act, csrf_of, editor, login, save, segments_of, submit
from .test_gate import NO_NUMBER, _dismiss, _errors

KEY = "numbers: number 12 is missing"


def _undismiss(client, world, index: int, key: str):  # type: ignore[no-untyped-def]
    page = editor(client, world)
    tid = segments_of(page)[index][0]
    return client.post(
        f"/doc/{world.doc_id}/en/dismiss/{tid}",
        json={"key": key, "undo": True},
        headers={"X-CSRF-Token": csrf_of(page)},
    )


def _history(client, world) -> list[list[str]]:  # type: ignore[no-untyped-def]
    """(who, what, segment, before, after) of each decision row, oldest first."""
    page = html.fromstring(client.get(f"/doc/{world.doc_id}/en/history").text)
    rows = [
        [td.text_content().strip() for td in tr][1:]
        for tr in page.xpath("//table[@class='history']/tbody/tr")
        if "dismiss" in tr.get("class")
    ]
    return rows[::-1]


def test_a_dismissal_taken_back_and_one_dropped_by_an_edit_stay_in_history(
    client, world
):
    login(client, "tanya")
    save(client, editor(client, world), 1, NO_NUMBER)
    assert _dismiss(client, world, 1, KEY, "a case number").status_code == 200
    taken = _undismiss(client, world, 1, KEY)
    assert taken.status_code == 200 and taken.json()["issues"][0]["dismissed"] is None
    assert _errors(editor(client, world)) == 1
    _dismiss(client, world, 1, KEY, "a case number after all")
    client.cookies.clear()
    login(client, "rita")
    page = editor(client, world)
    assert 'class="undismiss"' in page  # beside the dismissal, for who may edit
    save(
        client,
        editor(client, world),
        1,
        "The court fined people on 5 March 2024 in Moscow.",
    )
    save(
        client, editor(client, world), 1, "The court fined 12 people on March 5, 2024."
    )
    assert _history(client, world) == [
        ["tanya", "dismiss", "2", KEY, "a case number"],
        ["tanya", "un-dismiss", "2", KEY, ""],
        ["tanya", "dismiss", "2", KEY, "a case number after all"],
        [
            "rita",
            "dismissal-dropped",
            "2",
            KEY,
            "the edit changed or fixed the problem",
        ],
    ]


def test_history_reads_a_dropped_dismissal_in_russian(client, world):
    login(client, "tanya")
    save(client, editor(client, world), 1, NO_NUMBER)
    _dismiss(client, world, 1, KEY, "номер дела")
    save(
        client, editor(client, world), 1, "The court fined 12 people on March 5, 2024."
    )
    page = client.get(
        f"/doc/{world.doc_id}/en/history", headers={"Accept-Language": "ru"}
    ).text
    assert "ложное срабатывание снято правкой" in page
    assert "правка изменила или устранила проблему" in page


def test_a_dismissal_is_made_and_taken_back_only_by_who_may_edit_now(client, world):
    login(client, "tanya")
    save(client, editor(client, world), 1, NO_NUMBER)
    assert _dismiss(client, world, 1, KEY, "a case number").status_code == 200
    assert submit(client, world).status_code == 303
    taken = _undismiss(client, world, 1, KEY)  # in review: the translator's text stands
    assert taken.status_code == 409 and "in review" in taken.json()["error"]
    assert _dismiss(client, world, 1, KEY, "again").status_code == 409
    client.cookies.clear()
    login(client, "rita")
    assert _undismiss(client, world, 1, KEY).status_code == 200  # a reviewer may
    assert _dismiss(client, world, 1, KEY, "a case number indeed").status_code == 200
    assert act(client, world, "approve").status_code == 303
    assert _undismiss(client, world, 1, KEY).status_code == 409  # approved: reopen
    assert _history(client, world)[-1] == [
        "rita",
        "dismiss",
        "2",
        KEY,
        "a case number indeed",
    ]
