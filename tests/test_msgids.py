"""Every message id has English and Russian text with the same placeholders, and messages render
in Russian from their values (nothing matches English text back)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from translate_pub import msgids
from translate_pub.catalogs import LOCALE_DIR, translations
from translate_pub.messages import PLACEHOLDER, REGISTRY, Message, MessageId, Word
from translate_pub.review.qa import check_segment

RU = LOCALE_DIR / "ru" / "LC_MESSAGES" / "review.po"


def _catalogue() -> dict[str, tuple[str, bool]]:
    with RU.open("rb") as fh:
        return {m.id: (m.string, m.fuzzy) for m in read_po(fh) if isinstance(m.id, str)}


def _problems(ids: list[MessageId], ru: dict[str, tuple[str, bool]]) -> list[str]:
    problems = []
    for mid in ids:
        text, fuzzy = ru.get(mid.en, ("", False))
        if not mid.en.strip() or not text.strip() or fuzzy:
            problems.append(f"{mid.key}: no Russian text for {mid.en!r}")
        elif sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(mid.en)):
            problems.append(f"{mid.key}: placeholders differ: {mid.en!r} / {text!r}")
    return problems


def test_every_message_id_has_english_and_russian_text_with_the_same_placeholders():
    assert len(REGISTRY) > 10
    assert _problems(sorted(REGISTRY.values(), key=str), _catalogue()) == []


def test_the_completeness_check_reports_a_missing_or_mismatched_translation():
    ru = _catalogue() | {"fuzzy %(n)s": ("нечётко %(n)s", True)}
    made_up = MessageId("test.made-up", "no catalogue has %(this)s")
    renamed = MessageId("test.renamed", msgids.QA_NUMBER_MISSING.en)
    ru[renamed.en] = ("не хватает числа %(n)s", False)
    fuzzy = MessageId("test.fuzzy", "fuzzy %(n)s")
    assert len(_problems([made_up, renamed, fuzzy], ru)) == 3


def test_every_message_id_renders_in_both_languages():
    ru = translations("review", "ru").gettext
    for mid in REGISTRY.values():
        message = mid(**dict.fromkeys(mid.names, "VALUE"))
        assert str(message).count("VALUE") == len(mid.names)
        assert message.render(ru).count("VALUE") == len(mid.names)
        words = PLACEHOLDER.sub("", mid.en)
        assert message.render(ru) != str(message) or not re.search("[a-z]{4}", words)


def test_a_message_takes_exactly_the_values_its_template_names():
    with pytest.raises(TypeError):
        msgids.QA_NUMBER_MISSING(n="12")
    with pytest.raises(TypeError):
        msgids.QA_EMPTY(extra="x")


def test_words_and_messages_inside_a_message_are_rendered_in_its_language():
    outer = MessageId("test.outer", "%(action)s: %(why)s")
    message = outer(action=Word("approve"), why=msgids.QA_EMPTY())
    ru = {"approve": "утвердить", "the translation is empty": "перевод пуст"}
    assert message.render(lambda s: ru.get(s, s)) == "утвердить: перевод пуст"
    assert str(message) == "approve: the translation is empty"


CASES = [
    (
        "Суд оштрафовал 12 человек 5 марта 2024 года по <1>ссылке</1> https://ovd.info/a.",
        "x",
    ),
    ("Суд", "Суд"),
    ("Суд оштрафовал", "Суд fined"),
    ("Суд оштрафовал активиста", "The cоurt"),
    ("Дата 05.03.2024 и 5 марта.", "Date <2/> &amp;."),
    (
        "Длинное предложение о суде и штрафах в Москве.",
        "A long sentence about the court and the many fines "
        "handed down in Moscow over the past several years by many judges.",
    ),
]


def test_every_qa_finding_reads_in_russian_with_its_values():
    ru = translations("review", "ru").gettext
    said: list[Message] = [
        i.said for src, tgt in CASES for i in check_segment(src, tgt)
    ] + [
        msgids.TERM_USE(use="court", words="суд"),
        msgids.NAME_INCONSISTENT(
            name="Кочетков", usual="Kochetkov", count=12, here="Kochetkoff"
        ),
    ]
    assert len({m.id for m in said}) > 10
    rendered = {str(m): m.render(ru) for m in said}
    assert [en for en, text in rendered.items() if en == text] == []
    assert rendered["number 12 is missing"] == "не хватает числа 12"
    name = rendered[
        "«Кочетков» was “Kochetkov” in 12 approved translations; here “Kochetkoff”"
    ]
    assert "Kochetkoff" in name and not re.search(r"\b(was|here|in)\b", name)


# Code whose refusals reach the review app's pages (and the CLI's, in English).
PACKAGE = Path(__file__).resolve().parents[1] / "src" / "translate_pub"
SHOWN = [
    *(PACKAGE / "review").rglob("*.py"),
    *(PACKAGE / "store" / f for f in ("workflow.py", "translations.py", "review.py")),
]
REFUSALS = {  # the exception or record, and how many leading arguments are not its words
    "HTTPException": 1,
    "Refused": 1,
    "StateError": 0,
    "ConflictError": 0,
    "PermissionDenied": 0,
    "StoreError": 0,
    "TranslatePubError": 0,
    "InputError": 1,
    "ParseError": 1,
    "Problem": 1,
    "InlineError": 0,
    "__init__": 0,  # an exception class's own words
}


def _english_refusals(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", getattr(node.func, "attr", ""))
        words = node.args[REFUSALS[name] :] if name in REFUSALS else []
        if any(isinstance(a, ast.JoinedStr | ast.Constant) for a in words):
            found.append(f"{path.name}:{node.lineno} {name}")
    return found


def test_refusals_the_app_shows_are_messages_not_english_text():
    assert len(SHOWN) > 20
    found = [f for path in SHOWN for f in _english_refusals(path)]
    assert found == []


def test_the_refusal_scan_sees_english_text(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        'raise StateError(f"cannot {x}")\n'
        'raise Refused(404, "no such thing")\n'
        "raise Refused(404, ids.NO_DOCUMENT())\n"
    )
    assert _english_refusals(sample) == [
        "sample.py:1 StateError",
        "sample.py:2 Refused",
    ]


def test_every_word_named_in_code_has_russian_text():
    """A `Word` is translated by the catalogue too: the literal ones must be in it (status,
    role and action labels are checked in tests/review/test_i18n.py)."""
    ru = _catalogue()
    literal = {
        node.args[0].value
        for path in PACKAGE.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and getattr(node.func, "id", "") == "Word"
        and node.args
        and isinstance(node.args[0], ast.Constant)
    }
    from translate_pub.review.inline import _NOT_TEXT

    words = literal | set(_NOT_TEXT.values())
    assert {"password", "user name", "a comment"} <= words
    assert sorted(w for w in words if not ru.get(w, ("", False))[0]) == []
