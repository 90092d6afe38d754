"""The QA checks one by one: each catches its fault and accepts the faithful translation."""

from __future__ import annotations

import pytest

from translate_pub.model import Severity
from translate_pub.review.qa import check_segment
from translate_pub.review.terms import load_editor_glossary

from .conftest import FIXTURES

SOURCE = "Суд оштрафовал 12 человек на 10 000 рублей 5 марта 2024 года, подробнее <1>здесь</1> https://ovd.info/x."
GOOD = "The court fined 12 people 10,000 roubles on March 5, 2024, more <1>here</1> https://ovd.info/x."


def _checks(source: str, target: str) -> set[tuple[str, str]]:
    return {(i.check, i.severity) for i in check_segment(source, target)}


def test_a_faithful_translation_passes():
    assert check_segment(SOURCE, GOOD) == []


@pytest.mark.parametrize(
    ("target", "check"),
    [
        (GOOD.replace("12 ", ""), "numbers"),
        (GOOD.replace("10,000", "1,000"), "numbers"),
        (GOOD.replace("March", "May"), "dates"),
        (GOOD.replace("2024", "2023"), "dates"),
        (GOOD.replace("<1>here</1>", "here"), "placeholders"),
        (GOOD.replace("</1>", ""), "placeholders"),
        (GOOD.replace("https://ovd.info/x", "https://ovd.info/y"), "urls"),
        (GOOD.replace("more", "the court&#39;s"), "entities"),
        (GOOD.replace("more", "&quot;more&quot;"), "entities"),
        (GOOD.replace("more", "fines &amp; more"), "entities"),
        ("", "untranslated"),
        (SOURCE, "untranslated"),
    ],
)
def test_each_fault_is_an_error(target, check):
    assert (check, Severity.ERROR) in _checks(SOURCE, target)


def test_entity_text_the_source_itself_contains_is_not_an_artefact():
    assert (
        _checks(
            "Пишите &amp; вместо амперсанда.", "Write &amp; instead of an ampersand."
        )
        == set()
    )


def test_number_formats_and_small_number_words_are_accepted():
    assert (
        _checks(
            "Задержали 1,5 тысячи и 5 человек.",
            "1.5 thousand and five people were detained.",
        )
        == set()
    )
    assert _checks("Штраф 300 000 рублей.", "A fine of 300,000 roubles.") == set()
    assert ("numbers", Severity.ERROR) in _checks(
        "Штраф 300 000 рублей.", "A fine of 30,000 roubles."
    )


def test_numeric_dates_may_be_written_out():
    assert (
        _checks(
            "Приговор вынесен 05.03.2024.", "The sentence was passed on 5 March 2024."
        )
        == set()
    )
    assert ("dates", Severity.ERROR) in _checks(
        "Приговор вынесен 05.03.2024.", "The sentence was passed in 2024."
    )


def test_words_that_look_like_months_are_not_dates():
    assert _checks("Пришли 5 мальчиков.", "Five boys came.") == set()


def test_length_ratio_and_stray_cyrillic_are_warnings_only():
    issues = check_segment(
        "Длинное предложение о судебном процессе над активистом.", "Trial."
    )
    assert [(i.check, i.severity) for i in issues] == [("length", Severity.WARNING)]
    assert ("untranslated", Severity.WARNING) in _checks(
        "Суд над «Мемориалом» прошёл вчера.",
        "The trial of Memorial («Мемориал») took place yesterday.",
    )


def test_glossary_compliance_is_inflection_aware_and_catches_forbidden_renderings():
    glossary = load_editor_glossary(FIXTURES / "terms.csv", "en")
    source = "Минюст признал активиста иностранным агентом."
    assert (
        check_segment(
            source,
            "The ministry designated the activist a foreign agent.",
            glossary.issues,
        )
        == []
    )
    issues = check_segment(
        source, "The ministry designated the activer a foreign spy.", glossary.issues
    )
    assert {i.message for i in issues} == {
        "Use “activist” for «активиста»",
        "Use “foreign agent” for «иностранным агентом»",
        "“activer” is not house style for «активиста»: use “activist”",
        "“foreign spy” is not house style for «иностранным агентом»: use “foreign agent”",
    }
    assert not any(
        "-" in i.message.split("«")[0] for i in issues
    )  # no term ids like foreign-agent
    spans = glossary.spans(source)
    assert [(text, m.term_id) for text, m in spans if m] == [
        ("активиста", "activist"),
        ("иностранным агентом", "foreign-agent"),
    ]
    assert "".join(text for text, _ in spans) == source


@pytest.mark.parametrize("many", [False, True])
def test_a_number_is_missing_when_the_source_has_it_more_often(many):
    """Each number counts as often as the source says it, in a short sentence and in a long
    list of figures (counted otherwise past a few numbers)."""
    others = [str(n) for n in range(10, 30)] if many else []
    source = " ".join(["Было", "5", "и", "5", "и", "7", *others]) + "."
    missing = [
        dict(i.said.params)["number"]
        for i in check_segment(source, " ".join(["There were", "5", *others]) + ".")
        if i.check == "numbers"
    ]
    assert missing == ["5", "7"]
    kept = " ".join(["There were", "5", "and", "5", "and", "7", *others]) + "."
    assert not [i for i in check_segment(source, kept) if i.check == "numbers"]
