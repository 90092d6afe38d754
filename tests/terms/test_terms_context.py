"""Context decides when the dictionary cannot: homographs, names' gender, sentence-initial capitals.

Sentences here are not the issue's examples; each rule is shown both ways.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from translate_pub.model import Severity
from translate_pub.review.qa import check_segment
from translate_pub.review.terms import load_editor_glossary
from translate_pub.terms import context
from translate_pub.terms.check import check
from translate_pub.terms.glossary import Glossary, load_glossary
from translate_pub.terms.match import matcher_for

TERMS = """id,ru,en,en_forbidden,note
court,суд,court,tribunal,
elections,выборы,elections,elects,
grozny,Грозный,Grozny,Groznyy,
moskalkova,Москалькова,Moskalkova,,
"""


@pytest.fixture(scope="module")
def glossary(tmp_path_factory: pytest.TempPathFactory) -> Glossary:
    path = tmp_path_factory.mktemp("context") / "terms.csv"
    path.write_text(TERMS, encoding="utf-8")
    return load_glossary(path)


def found(glossary: Glossary, text: str) -> list[tuple[str, str, bool]]:
    return [
        (m.term_id, m.surface, m.possible) for m in matcher_for(glossary).find(text)
    ]


def test_a_form_of_another_noun_is_not_the_term(glossary: Glossary) -> None:
    assert found(glossary, "В порту стояли десятки судов под разными флагами.") == []
    assert found(glossary, "Решения апелляционных судов были обжалованы.") == [
        ("court", "судов", False)
    ]
    assert found(glossary, "Из-за суда над ним начались протесты.") == [
        ("court", "суда", False)
    ]


def test_a_word_opening_a_sentence_is_lower_cased_for_the_tagger(
    glossary: Glossary,
) -> None:
    assert found(glossary, "Суда вышли из порта на рассвете.") == []
    assert found(glossary, "Суды отказали в иске.") == [("court", "Суды", False)]


def test_a_name_keeps_its_gender_where_the_form_is_shared(glossary: Glossary) -> None:
    assert found(glossary, "Выступление Андрея Москалькова на конференции.") == []
    assert found(glossary, "Москалькова заявила о нарушениях.") == [
        ("moskalkova", "Москалькова", False)
    ]


def test_sentence_initial_capital_is_the_proper_noun_or_the_adjective(
    glossary: Glossary,
) -> None:
    assert found(glossary, "Грозный голос раздался из толпы.") == []
    assert found(glossary, "Грозный готовится к празднику.") == [
        ("grozny", "Грозный", False)
    ]
    assert found(glossary, "Грозный вырос за десять лет.") == [
        ("grozny", "Грозный", False)
    ]


def test_what_context_cannot_settle_is_a_possible_term(glossary: Glossary) -> None:
    assert found(glossary, "Итоги выборов подвели в понедельник.") == [
        ("elections", "выборов", True)
    ]
    matches = matcher_for(glossary).find("Итоги выборов подвели в понедельник.")
    result = check(
        matches, "The results of the choices were summed up on Monday.", glossary
    )
    assert result.missing == ("elections",) and result.possible == ("elections",)
    assert result.ok and result.blocking == ()


def test_review_shows_a_possible_term_as_a_warning_and_a_sure_one_as_an_error(
    tmp_path: Path,
) -> None:
    (tmp_path / "terms.csv").write_text(TERMS, encoding="utf-8")
    editor = load_editor_glossary(tmp_path, "en")
    assert editor is not None
    issues = check_segment(
        "Итоги выборов подвели в понедельник.",
        "The choices were counted on Monday.",
        editor.issues,
    )
    assert [(i.severity, i.message) for i in issues if i.check == "glossary"] == [
        (Severity.WARNING, "If «выборов» is the glossary term here, use “elections”")
    ]
    issues = check_segment(
        "Решения апелляционных судов обжалованы.",
        "The tribunals' rulings were appealed.",
        editor.issues,
    )
    assert {(i.severity, i.message) for i in issues if i.check == "glossary"} == {
        (Severity.ERROR, "Use “court” for «судов»"),
        (Severity.ERROR, "“tribunal” is not house style for «судов»: use “court”"),
    }


def test_the_tagger_runs_only_on_text_with_a_question(glossary: Glossary) -> None:
    matcher = matcher_for(glossary)
    matcher.find("Суды отказали в иске.")  # loads the tagger
    calls = context.tagger.cache_info().hits
    assert found(glossary, "Конституционный суд рассмотрел жалобу.") == [
        ("court", "суд", False)
    ]
    assert context.tagger.cache_info().hits == calls
    matcher.find("Решения апелляционных судов были обжалованы.")
    assert context.tagger.cache_info().hits == calls + 1


def test_many_texts_are_tagged_in_one_batch_with_the_same_results(
    glossary: Glossary,
) -> None:
    texts = [
        "Суды отказали в иске.",
        "Погода была хорошей.",
        "В порту стояли десятки судов под разными флагами.",
        "",
        "Москалькова заявила о нарушениях.",
        "Итоги выборов подвели в понедельник.",
    ]
    matcher = matcher_for(glossary)
    assert matcher.find_many(texts) == [matcher.find(t) for t in texts]
    calls = context.tagger.cache_info().hits
    matcher.find_many(texts)
    assert context.tagger.cache_info().hits == calls + 1
