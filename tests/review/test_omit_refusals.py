"""What an omission refuses (review of #22): text saved into a sentence left out, an omission
racing an approval or another omission. Run on SQLite and PostgreSQL (the `store` fixture)."""

from __future__ import annotations

from lxml import html

from .conftest import editor, save
from .test_omit import _in_review_with_sentence_2_empty, _omit


def test_text_cannot_be_saved_into_a_sentence_left_out(client, world):
    _in_review_with_sentence_2_empty(client, world)
    assert _omit(client, world, 2).status_code == 303
    page = editor(client, world)
    box = html.fromstring(page).get_element_by_id("tgt-2")
    assert box.get("readonly") is not None
    assert html.fromstring(page).get_element_by_id("tgt-3").get("readonly") is None
    refused = save(client, page, 1, "Written anyway.")
    assert refused.status_code == 409
    assert "left this sentence out" in refused.json()["error"]
    again = html.fromstring(editor(client, world)).get_element_by_id("tgt-2")
    assert not (again.text or "").strip()
