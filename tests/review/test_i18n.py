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


def test_every_error_message_reads_in_russian():
    from translate_pub.review import app, error_words

    ru = _russian()
    review = TEMPLATES.parent
    raised = "".join(
        f.read_text()
        for f in [
            *review.rglob("*.py"),
            review.parent / "store" / "translations.py",
            review.parent / "store" / "workflow.py",
        ]
    )
    fixed = set(
        re.findall(
            r"(?:HTTPException\(\s*\d+,\s*|(?:StateError|ConflictError|PermissionDenied)\(\s*)"
            r'"([^"{]+)"',  # the formatter may put the message on the next line
            raised,
        )
    )
    assert len(fixed) > 15
    messages = (
        fixed
        | {m for _, m in error_words.PATTERNS}
        | {
            app.UNAVAILABLE,
            app.BROKEN,
            "Not Found",
            "Method Not Allowed",
            "signed out: log in again",
        }
    )
    assert sorted(m for m in messages if not ru.get(m)) == []


def test_a_conflict_with_no_author_reads_in_russian_without_english_words():
    from translate_pub.catalogs import translations
    from translate_pub.review.error_words import localize
    from translate_pub.store.translations import EditConflict

    ru = translations("review", "ru").gettext
    anonymous, named = (
        str(EditConflict("их текст", 3, "")),
        str(EditConflict("их текст", 3, "olga")),
    )
    assert localize(ru, anonymous).startswith(
        "тем временем этот сегмент сохранил кто-то другой"
    )
    assert localize(ru, named).startswith("olga тем временем сохранил(а)")
    assert not re.search(r"[A-Za-z]", localize(ru, anonymous))
