"""English-side compliance: house-style renderings present, forbidden variants absent."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from translate_pub.config import PROJECT_DIR
from translate_pub.terms import phrases
from translate_pub.terms.check import Compliance, check, prepare
from translate_pub.terms.glossary import Glossary, load_glossary
from translate_pub.terms.match import matcher_for
from translate_pub.terms.phrases import (
    inflections,
    normalise,
    phrase_pattern,
    phrase_words,
)

RULES = Path(__file__).resolve().parent.parent / "fixtures" / "terms" / "rules.csv"


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary(RULES)


def comply(
    glossary: Glossary, source: str, target: str, lang: str = "en"
) -> Compliance:
    return check(matcher_for(glossary).find(source), target, glossary, lang=lang)


def test_house_style_present_is_ok(glossary: Glossary) -> None:
    result = comply(
        glossary,
        "Сотрудники Российской ЛГБТ-сети уехали из Чечни.",
        "Staff of the Russian LGBT Network left Chechnya.",
    )
    assert result == Compliance(missing=(), forbidden=()) and result.ok


def test_missing_and_forbidden_are_sorted_ids(glossary: Glossary) -> None:
    result = comply(
        glossary,
        "Сотрудники Российской ЛГБТ-сети уехали из Чечни в Грозный.",
        "Staff of the Russian LGBT-network left Chechnia for Grozny.",
    )
    assert result.missing == ("chechnya", "russian-lgbt-network")
    assert result.forbidden == ("chechnya", "russian-lgbt-network")
    assert not result.ok


@pytest.mark.parametrize(
    "target",
    [
        "They were declared foreign agents.",
        "the foreign agent's report",
        "the foreign agents' reports",
        "a Foreign Agent",
        "a foreign\nagent",
    ],
)
def test_plural_possessive_case_and_spacing_are_allowed(
    glossary: Glossary, target: str
) -> None:
    assert comply(glossary, "Его признали иностранным агентом.", target).ok


def test_curly_and_straight_quotes_are_equivalent(glossary: Glossary) -> None:
    source = "по закону о гей-пропаганде"
    assert comply(glossary, source, "under the “gay propaganda” law").ok
    assert comply(glossary, source, 'under the "gay propaganda" laws').ok
    assert comply(glossary, source, "under the gay propaganda law").missing == (
        "gay-propaganda-law",
    )
    assert comply(glossary, "письмо «Мемориала»", "Memorial’s letter").ok


def test_a_longer_word_does_not_contain_the_term(glossary: Glossary) -> None:
    result = comply(glossary, "в Грозном", "in Groznyy")
    assert result.missing == ("grozny",) and result.forbidden == ("grozny",)
    assert comply(glossary, "в Аргуне", "in Arguntown").missing == ("argun",)
    assert comply(glossary, "в Грозном", "in Grozny's centre").ok


def test_forbidden_variants_are_found_in_the_plural_too(glossary: Glossary) -> None:
    result = comply(
        glossary, "иностранные агенты", "foreign agents, once called foreign spies"
    )
    assert result.forbidden == ("foreign-agent",) and result.missing == ()
    assert comply(glossary, "на митинге", "at the meetings").forbidden == ("rally",)
    assert comply(glossary, "на митинге", "at the Meeting").forbidden == ("rally",)


def test_forbidden_variant_inside_the_house_style_form_is_no_violation(
    tmp_path: Path,
) -> None:
    path = tmp_path / "terms.csv"
    path.write_text(
        "id,ru,en,en_forbidden,note\n"
        "network,Российская ЛГБТ-сеть,Russian LGBT Network,LGBT Network,\n",
        encoding="utf-8",
    )
    glossary = load_glossary(path)
    assert comply(glossary, "Российская ЛГБТ-сеть", "the Russian LGBT Network").ok
    assert comply(
        glossary, "Российская ЛГБТ-сеть", "the Russian LGBT Network, or LGBT Network"
    ).forbidden == ("network",)


def test_other_target_language_uses_its_column(glossary: Glossary) -> None:
    assert comply(glossary, "из Чечни", "з Чечні", lang="uk").missing == ("chechnya",)
    assert comply(glossary, "из Чечни", "з Чечня", lang="uk").ok
    # no Ukrainian rendering for «Новая газета» yet: nothing to check
    assert comply(glossary, "в «Новой газете»", "у газеті", lang="uk").ok


def test_no_terms_no_violations(glossary: Glossary) -> None:
    assert check([], "anything at all", glossary).ok


@pytest.mark.parametrize(
    "source, target",
    [
        ("Тысячи человек пришли на митинг.", "Thousands rallied in the square."),
        ("Организаторы митинга", "Those rallying the crowd"),
        ("Он политзаключённый.", "He is one of the political prisoners."),
    ],
)
def test_english_inflections_of_the_last_word_are_accepted(
    glossary: Glossary, source: str, target: str
) -> None:
    assert comply(glossary, source, target).ok


def test_a_derived_word_is_not_an_inflection(glossary: Glossary) -> None:
    assert comply(
        glossary, "Преследование активистов", "Activists were persecuted."
    ).missing == ("persecution",)
    assert comply(
        glossary, "Преследование активистов", "The persecutions of activists."
    ).ok


def test_allowed_renderings_satisfy_the_term_but_forbidden_ones_still_count(
    glossary: Glossary,
) -> None:
    assert comply(glossary, "Силовики из Чечни", "Chechen security officials").ok
    assert comply(glossary, "Выходцы из Чечни", "Two Chechens").ok
    assert comply(
        glossary, "Силовики из Чечни", "Chechnian security officials"
    ).missing == ("chechnya",)
    assert comply(
        glossary, "Силовики из Чечни", "Chechen officials from Chechnia"
    ).forbidden == ("chechnya",)
    assert comply(glossary, "батальон из Чечни", "чеченський батальйон", lang="uk").ok


def test_forbidden_variant_inside_another_matched_terms_house_form_is_no_violation(
    tmp_path: Path,
) -> None:
    path = tmp_path / "terms.csv"
    path.write_text(
        "id,ru,en,en_forbidden,note\n"
        "moscow,Москва,Moscow,Moskva,\n"
        "moskva-river,Москва-река,Moskva River,Moscow River,\n",
        encoding="utf-8",
    )
    glossary = load_glossary(path)
    source = "Москва-река замёрзла, и Москва опустела."
    assert comply(glossary, source, "The Moskva River froze and Moscow emptied.").ok
    assert comply(
        glossary, source, "The river froze and Moskva emptied."
    ).forbidden == ("moscow",)
    # the other term must be in the segment: alone, «Москва» still bans the variant
    assert comply(
        glossary, "Москва опустела.", "Moscow, not the Moskva River, emptied."
    ).forbidden == ("moscow",)


def test_every_match_of_a_rendering_holds_its_words() -> None:
    """The check skips a rendering's pattern on an ASCII text lacking one of its
    `phrase_words`: that must never skip a match. Every rendering of the bundled glossary,
    its last word in each inflection, in any case, possessive, among other words."""
    glossary = load_glossary(PROJECT_DIR / "glossary")
    phrases = {
        p
        for t in glossary.terms
        for lang in ("en", "ru")
        for p in (
            glossary.target(t.id, lang) or "",
            *t.allowed(lang),
            *t.forbidden(lang),
        )
        if p.strip()
    }
    seen = 0
    for phrase in sorted(phrases):
        words = normalise(phrase).split()
        last = words[-1]
        for form in inflections(last) if last[-1:].isalpha() else [last]:
            for case in (str, str.upper, str.title):
                text = normalise(f"Then {case(' '.join([*words[:-1], form]))}'s end.")
                assert phrase_pattern(phrase).search(text), (phrase, text)
                if text.isascii():
                    low = text.lower()
                    assert all(w in low for w in phrase_words(phrase)), (phrase, text)
                    seen += 1
    assert seen > 1000


@pytest.mark.parametrize(
    "target", ["left Chechnıa", "left CHECHNIA", "left Chechnia\u00a0today"]
)
def test_case_folding_beyond_ascii_still_finds_a_forbidden_variant(
    glossary: Glossary, target: str
) -> None:
    """Python's case-insensitive patterns match "ı" (dotless) to "i": a text outside ASCII
    is searched by every pattern, not by the words' lower case alone."""
    result = comply(glossary, "уехали из Чечни", target)
    assert result.forbidden == ("chechnya",)


def test_an_ascii_text_is_normalised_as_any_text() -> None:
    """`normalise` returns an ASCII text without a backtick as it is: NFKC keeps every ASCII
    character and the quote table folds only the backtick among them."""
    for code in range(128):
        text = f"a{chr(code)}b"
        slow = unicodedata.normalize("NFKC", text).translate(phrases._QUOTES)
        assert normalise(text) == slow, code
    assert normalise("the `Memorial'") == "the 'Memorial'"


def test_prepare_compiles_every_terms_patterns_before_the_first_sentence() -> None:
    """A server's warm-up (`EditorGlossary.warm`) compiles what the check asks of each term,
    so the first approval's sentences compile nothing."""
    glossary = load_glossary(RULES)  # its own copy: nothing compiled yet
    prepare(glossary, "en")
    assert set(glossary.checks) == {(t.id, "en") for t in glossary.terms}
    compiled = dict(glossary.checks)
    result = comply(glossary, "Сотрудники Российской ЛГБТ-сети уехали из Чечни.", "x")
    assert result.missing and glossary.checks == compiled
