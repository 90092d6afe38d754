"""QA of a Russian draft of an English-first digest: names kept in Latin letters are not an
untranslated sentence, and numbers are read by each language's rules (1,200 ↔ 1 200)."""

from __future__ import annotations

import pytest

from translate_pub.model import Severity
from translate_pub.review.gate import dismissable
from translate_pub.review.qa import check_segment


def _untranslated(source: str, target: str) -> list[tuple[str, Severity]]:
    return [
        (i.message, i.severity)
        for i in check_segment(source, target, lang="ru")
        if i.check == "untranslated"
    ]


def test_a_russian_sentence_naming_latin_channels_is_not_untranslated():
    assert (
        _untranslated(
            "See the Telegram channel of OVD-Info and Meduza.",
            "Смотрите Telegram-канал OVD-Info и Meduza.",
        )
        == []
    )


def test_a_sentence_of_names_only_kept_in_latin_is_a_dismissable_warning():
    names = "Mediazona, OVD-Info, Memorial."
    found = check_segment(names, names, lang="ru")
    assert [(i.check, i.severity) for i in found] == [
        ("untranslated", Severity.WARNING)
    ]
    assert all(dismissable(i) for i in found)
    shorter = check_segment(names, "Mediazona, OVD-Info.", lang="ru")
    assert [(i.check, i.severity) for i in shorter] == [
        ("untranslated", Severity.WARNING)
    ]


@pytest.mark.parametrize(
    "target",
    [
        "See the Telegram channel of OVD-Info and Meduza.",  # copied
        "See the Telegram channel OVD-Info и Meduza.",  # mostly English words
        "Смотрите the Telegram channel of OVD-Info.",  # half translated
        "",  # empty
    ],
)
def test_english_words_left_or_an_empty_sentence_stay_undismissable_errors(target):
    found = check_segment(
        "See the Telegram channel of OVD-Info and Meduza.", target, lang="ru"
    )
    errors = [i for i in found if i.severity == Severity.ERROR]
    assert [i.check for i in errors] == ["untranslated"]
    assert not dismissable(errors[0])


def _numbers(source: str, target: str) -> list[str]:
    return [
        i.message
        for i in check_segment(source, target, lang="ru")
        if i.check == "numbers"
    ]


def test_english_numbers_are_found_in_their_russian_form():
    source = "Police detained 1,200 people in 3.5 hours."
    assert _numbers(source, "Полиция задержала 1 200 человек за 3,5 часа.") == []
    assert _numbers(source, "Полиция задержала 1\u00a0200 человек за 3,5 часа.") == []
    assert _numbers(source, "Полиция задержала 1200 человек за 3,5 часа.") == []
    assert _numbers(source, "Полиция задержала 1 200 человек за 3 часа.") == [
        "number 3.5 is missing"
    ]
    assert _numbers(source, "Полиция задержала 200 человек за 3,5 часа.") == [
        "number 1200 is missing"
    ]


def test_russian_numbers_into_english_are_read_as_before():
    assert [
        i.message
        for i in check_segment("Задержали 1 200 человек за 3,5 часа.", "x 1,200 3.5")
        if i.check == "numbers"
    ] == []
