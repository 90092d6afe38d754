"""UI catalogs: every message the templates use, and every status/role/action label, in Russian."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.pofile import read_po

from translate_pub.catalogs import LOCALE_DIR
from translate_pub.model import Role, Status
from translate_pub.review.diff import word_diff
from translate_pub.store import decisions, dismissals
from translate_pub.store.workflow import ACTIONS as TRANSITIONS

TEMPLATES = (
    Path(__file__).resolve().parents[2]
    / "src"
    / "translate_pub"
    / "review"
    / "templates"
)


def _russian() -> dict[str, str]:
    with (LOCALE_DIR / "ru" / "LC_MESSAGES" / "review.po").open("rb") as fh:
        return {m.id: m.string for m in read_po(fh) if m.id}


def test_every_template_message_and_label_has_a_russian_translation():
    ru = _russian()
    used = {
        m
        for f in TEMPLATES.glob("*.html")
        for m in re.findall(r'_\(\s*"([^"]+)"\s*\)', f.read_text())
    }
    labels = (
        {s.label for s in Status}
        | {r.label for r in Role}
        | set(TRANSITIONS)
        | {"edit", "import", "translate", "comment"}
        | {
            decisions.OMIT,
            decisions.UNOMIT,
            decisions.DISMISS,
            decisions.UNDISMISS,
            decisions.DROPPED,
            dismissals.DROPPED_WHY,
            dismissals.UNCHECKED_WHY,
        }
    )
    missing = sorted(m for m in used | labels if not ru.get(m))
    assert missing == []


def test_word_diff_rebuilds_both_texts():
    before, after = "The court fined 12 people.", "The judge fined twelve people today."
    diff = word_diff(before, after)
    assert "".join(t for op, t in diff if op != "ins") == before
    assert "".join(t for op, t in diff if op != "del") == after
    assert ("del", "court") in diff and ("ins", "judge") in diff


def test_a_conflict_with_no_author_reads_in_russian_without_english_words():
    from translate_pub.catalogs import translations
    from translate_pub.store.translations import EditConflict

    ru = translations("review", "ru").gettext
    anonymous, named = (
        EditConflict("их текст", 3, "").said,
        EditConflict("их текст", 3, "olga").said,
    )
    assert anonymous and named
    assert anonymous.render(ru).startswith(
        "тем временем этот сегмент сохранил кто-то другой"
    )
    assert named.render(ru).startswith("olga тем временем сохранил(а)")
    assert not re.search(r"[A-Za-z]", anonymous.render(ru))
