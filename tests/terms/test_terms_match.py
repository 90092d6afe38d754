"""Matching rules of issue 9, one test per rule, on the small rules termbase."""

from __future__ import annotations

from pathlib import Path

import pytest

from translate_pub.config import PROJECT_DIR
from translate_pub.terms.glossary import Glossary, load_glossary
from translate_pub.terms.match import Match, matcher_for

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "terms"
RULES = FIXTURES / "rules.csv"


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary(RULES)


def found(glossary: Glossary, text: str) -> list[tuple[str, str]]:
    matches = matcher_for(glossary).find(text)
    for m in matches:  # offsets always point into the text as given
        assert text[m.start : m.end] == m.surface
    return [(m.term_id, m.surface) for m in matches]


def test_inflected_forms_are_found_with_offsets_and_english(glossary: Glossary) -> None:
    text = "Его признали иностранным агентом, а сотрудники Российской ЛГБТ-сети уехали из Чечни."
    matches = matcher_for(glossary).find(text)
    assert matches == [
        Match("foreign-agent", 13, 32, "иностранным агентом", "foreign agent"),
        Match(
            "russian-lgbt-network",
            47,
            67,
            "Российской ЛГБТ-сети",
            "Russian LGBT Network",
        ),
        Match("chechnya", 78, 83, "Чечни", "Chechnya"),
    ]


def test_longest_term_wins_and_matches_do_not_overlap(glossary: Glossary) -> None:
    assert found(glossary, "Заявление Российской ЛГБТ-сети") == [
        ("russian-lgbt-network", "Российской ЛГБТ-сети")
    ]
    assert found(
        glossary, "сотрудник Правозащитного центра «Мемориал» и «Мемориал»"
    ) == [("memorial-hrc", "Правозащитного центра «Мемориал"), ("memorial", "Мемориал")]


def test_capitalised_term_matches_only_capitalised_occurrences(
    glossary: Glossary,
) -> None:
    assert found(glossary, "В Грозном задержали активиста") == [("grozny", "Грозном")]
    assert found(glossary, "Он бросил грозный взгляд") == []
    assert found(glossary, "открыли мемориал погибшим, а «Мемориал» ликвидирован") == [
        ("memorial", "Мемориал")
    ]


def test_lower_case_term_matches_in_any_case(glossary: Glossary) -> None:
    assert found(glossary, "Иностранный агент обязан отчитываться") == [
        ("foreign-agent", "Иностранный агент")
    ]
    assert found(glossary, "ИНОСТРАННЫМ АГЕНТОМ") == [
        ("foreign-agent", "ИНОСТРАННЫМ АГЕНТОМ")
    ]


def test_abbreviation_in_capitals_matches_only_in_capitals(glossary: Glossary) -> None:
    assert found(glossary, "Кто объявил КТО в Чечне?") == [
        ("kto", "КТО"),
        ("chechnya", "Чечне"),
    ]


def test_part_of_a_hyphenated_word_matches(glossary: Glossary) -> None:
    assert found(glossary, "Задержали ЛГБТ-журналистов") == [("lgbt", "ЛГБТ")]


def test_whole_hyphenated_word_that_is_a_term_wins_over_its_part(
    glossary: Glossary,
) -> None:
    assert found(glossary, "Задержали ЛГБТ-активистов") == [
        ("lgbt-activist", "ЛГБТ-активистов")
    ]
    assert found(glossary, "по данным ОВД-Инфо") == [("ovd-info", "ОВД-Инфо")]


def test_female_surname_in_every_case_but_not_the_male_surname(
    glossary: Glossary,
) -> None:
    text = "Москалькова сказала; письмо Москальковой; жалоба Москалькову; Москальков промолчал"
    assert found(glossary, text) == [
        ("moskalkova", "Москалькова"),
        ("moskalkova", "Москальковой"),
        ("moskalkova", "Москалькову"),
    ]
    assert found(glossary, "Москальков и Москальковым") == []


def test_sentence_start_adjective_agreeing_with_next_noun_is_not_the_city(
    glossary: Glossary,
) -> None:
    assert found(glossary, "Грозный взгляд прокурора остановил его.") == []
    assert found(glossary, "Тишина. Грозный взгляд.") == []


def test_sentence_start_place_name_is_the_city(glossary: Glossary) -> None:
    assert found(glossary, "Грозный был разрушен в 1995 году.") == [
        ("grozny", "Грозный")
    ]
    assert found(glossary, "Война закончилась. Грозный отстроили.") == [
        ("grozny", "Грозный")
    ]


def test_sentence_start_common_noun_needs_quotes(glossary: Glossary) -> None:
    # мемориал has no proper-noun reading: at the start of a sentence only quotes show it is the NGO
    assert found(glossary, "Мемориал открыли в мае.") == []
    assert found(glossary, "«Мемориал» обжаловал решение.") == [
        ("memorial", "Мемориал")
    ]


def test_verb_does_not_match_a_noun_term(glossary: Glossary) -> None:
    assert found(glossary, "Их преследовали годами") == []
    assert found(glossary, "Преследование продолжалось") == [
        ("persecution", "Преследование")
    ]


def test_derived_word_does_not_match(glossary: Glossary) -> None:
    assert found(glossary, "Аргунская тюрьма находится в Аргуне") == [
        ("argun", "Аргуне")
    ]


def test_guillemets_inside_and_around_a_term(glossary: Glossary) -> None:
    assert found(glossary, "статья «Новой газеты»") == [
        ("novaya-gazeta", "Новой газеты")
    ]
    assert found(glossary, "по закону о «гей-пропаганде»") == [
        ("gay-propaganda-law", "закону о «гей-пропаганде")
    ]


def test_yo_and_ye_are_the_same_letter(glossary: Glossary) -> None:
    assert found(glossary, "поддержка Льва Пономарева") == [
        ("ponomaryov", "Льва Пономарева")
    ]
    assert found(glossary, "список политзаключенных и политзаключённых") == [
        ("political-prisoner", "политзаключенных"),
        ("political-prisoner", "политзаключённых"),
    ]


def test_soft_hyphen_and_stress_mark_inside_a_word(glossary: Glossary) -> None:
    assert found(glossary, "в Чеч\u00adне и в Че\u0301чне") == [
        ("chechnya", "Чеч\u00adне"),
        ("chechnya", "Че\u0301чне"),
    ]


def test_placeholder_tags_are_boundaries_with_offsets_into_the_original(
    glossary: Glossary,
) -> None:
    text = "Из <1>Чечни</1> вывезли<2/> людей"
    assert found(glossary, text) == [("chechnya", "Чечни")]
    assert matcher_for(glossary).find(text)[0].start == 6
    assert found(glossary, "Российская <1>ЛГБТ-сеть</1>") == [("lgbt", "ЛГБТ")]
    assert found(glossary, "Че<1>чня") == []


def test_punctuation_breaks_a_multiword_term(glossary: Glossary) -> None:
    assert found(glossary, "иностранный. Агент") == []
    assert found(glossary, "Новая, газета") == []


def test_false_friend_term_and_text_without_words(glossary: Glossary) -> None:
    assert found(glossary, "На митинге задержали 20 человек") == [("rally", "митинге")]
    assert found(glossary, "") == []
    assert found(glossary, "<1></1> 2013 — …") == []


def test_matcher_is_built_once_per_glossary_version(
    glossary: Glossary, tmp_path: Path
) -> None:
    assert matcher_for(glossary) is matcher_for(load_glossary(RULES))
    other = tmp_path / "terms.csv"
    other.write_bytes(
        RULES.read_bytes() + b"courts,\xd1\x81\xd1\x83\xd0\xb4,court,,,,,\n"
    )
    changed = load_glossary(other)
    assert changed.version != glossary.version
    assert matcher_for(changed) is not matcher_for(glossary)
    assert [m.term_id for m in matcher_for(changed).find("в суде")] == ["courts"]


def test_matches_come_in_text_order_without_overlap() -> None:
    """The editor takes `find`'s matches as they come (highlight, QA) without sorting them:
    every FLORES dev sentence's matches under the bundled glossary start after the last ends."""
    glossary = load_glossary(PROJECT_DIR / "glossary")
    texts = (FIXTURES / "flores-dev.ru").read_text(encoding="utf-8").splitlines()
    seen = 0
    for matches in matcher_for(glossary).find_many(texts):
        ends = [-1, *(m.end for m in matches)]
        assert all(m.start >= end for m, end in zip(matches, ends, strict=False))
        seen += len(matches) > 1
    assert seen > 20  # sentences with several terms
