"""Shielding glossary terms through MT and restoring the house style."""

from __future__ import annotations

from translate_pub.model import Severity
from translate_pub.mt.protect import replace_forbidden, shield, unshield
from translate_pub.terms.check import glossary_issues
from translate_pub.terms.glossary import Glossary
from translate_pub.terms.match import matcher_for


def test_terms_travel_as_placeholders_with_the_house_form(glossary: Glossary) -> None:
    source = "Корреспондент «Кавказского узла» сообщил из <1>Чечни</1> и Чечни."
    shielded = shield(source, matcher_for(glossary).find(source), glossary, "en")
    assert shielded.text == (
        "Корреспондент «<900>Caucasian Knot</900>» сообщил из <1><901>Chechnya</901></1> "
        "и <902>Chechnya</902>."
    )
    assert shielded.terms == {
        "900": "Caucasian Knot",
        "901": "Chechnya",
        "902": "Chechnya",
    }


def test_a_term_cut_by_markup_is_left_to_the_check(glossary: Glossary) -> None:
    source = "Сообщает <1>ОВД</1>-Инфо."
    matches = matcher_for(glossary).find(source)
    assert shield(source, matches, glossary, "en").text == source


def test_restore_puts_back_the_exact_house_form(glossary: Glossary) -> None:
    source = "Сообщает ОВД-Инфо из Чечни."
    shielded = shield(source, matcher_for(glossary).find(source), glossary, "en")
    engine_output = "<900>ovd info</900> reports from <901>Chechnia</901>."
    assert unshield(engine_output, shielded) == "OVD-Info reports from Chechnya."


def test_restore_capitalises_at_sentence_start_and_drops_strays(
    glossary: Glossary,
) -> None:
    source = "Отдел полиции в Чечне"
    shielded = shield(source, matcher_for(glossary).find(source), glossary, "en")
    assert shielded.terms["900"] == "police station"
    assert (
        unshield("<900>x</900> in Chechnya</901>", shielded)
        == "Police station in Chechnya"
    )


def test_forbidden_variants_replaced_keeping_possessive(glossary: Glossary) -> None:
    source = "«Кавказский узел» и Чечня"
    matches = matcher_for(glossary).find(source)
    fixed = replace_forbidden(
        "The Caucasian Node's reporter in Chechnia", matches, glossary, "en"
    )
    assert fixed == "The Caucasian Knot's reporter in Chechnya"
    assert glossary_issues(matches, fixed, glossary, "en") == []


def test_violations_become_glossary_issues(glossary: Glossary) -> None:
    source = "Об этом сообщает ОВД-Инфо из отдела полиции."
    matches = matcher_for(glossary).find(source)
    issues = glossary_issues(
        matches, "OVD Info reports this from the police department.", glossary, "en"
    )
    assert len(issues) == 4  # each term: house form missing, banned form present
    messages = " ".join(i.message for i in issues)
    assert "Use “police station” for «отдела полиции»" in messages
    assert "«ОВД-Инфо»" in messages and all(
        i.severity is Severity.ERROR for i in issues
    )


def test_other_languages_use_their_column(glossary: Glossary) -> None:
    source = "Сообщает ОВД-Инфо."
    shielded = shield(source, matcher_for(glossary).find(source), glossary, "uk")
    assert shielded.terms == {"900": "ОВД-Інфо"}
    assert (
        shield(source, matcher_for(glossary).find(source), glossary, "de").text
        == source
    )
