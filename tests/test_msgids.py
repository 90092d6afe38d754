"""Every message id has English and Russian text with the same placeholders, and messages render
in Russian from their values (nothing matches English text back)."""

from __future__ import annotations

import re

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
        assert message.render(ru) != str(message) or not re.search("[a-z]{4}", mid.en)


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
