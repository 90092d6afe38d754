"""Glossary candidates: names slovnet finds in stored sources, grouped by dictionary form, not in
the glossary, with contexts, English forms already used and a proposed transliteration; an
editor accepts one into terms.csv (validated, new version) or rejects it for good."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.mt.support import add_document
from translate_pub.cli import main
from translate_pub.config import PROJECT_DIR, Settings
from translate_pub.store import Store
from translate_pub.terms.candidates import candidates
from translate_pub.terms.glossary import load_glossary

SENTENCES = [  # written for these tests
    "Суд арестовал правозащитника Сергея Самойлова в Москве.",
    "Адвокат Сергея Самойлова обжаловал решение.",
    "Сергей Самойлов заявил, что не признаёт вину.",
    "Анну Григорьеву вызвали на допрос.",
    "Анна Григорьева отказалась давать показания.",
    "Самойлов и Григорьева знакомы много лет.",
]
PAIRS = [
    (
        "Сергей Самойлов заявил, что не признаёт вину.",
        "Sergey Samoylov said he did not plead guilty.",
    ),
    (
        "Адвокат Сергея Самойлова обжаловал решение.",
        "Sergei Samoilov's lawyer appealed.",
    ),
]


@pytest.fixture(scope="module")
def found() -> list:  # type: ignore[type-arg]
    return candidates(
        SENTENCES,
        PAIRS,
        load_glossary(PROJECT_DIR / "glossary"),
        {"Анна Григорьева"},
        minimum=2,
    )


def test_names_are_grouped_by_dictionary_form_most_frequent_first(found) -> None:  # type: ignore[no-untyped-def]
    top = found[0]
    assert (top.kind, top.ru, top.count, top.proposed) == (
        "PER",
        "Сергей Самойлов",
        3,
        "Sergey Samoylov",
    )
    assert top.contexts == SENTENCES[:3]
    assert top.english == {
        "Sergey Samoylov": 1,
        "Sergei Samoilov": 1,
    }  # the forms translations used


def test_glossary_terms_and_rejected_names_are_left_out(found) -> None:  # type: ignore[no-untyped-def]
    names = {c.ru for c in found}
    assert "Москва" not in names  # in the glossary
    assert "Анна Григорьева" not in names  # rejected


def test_an_editor_accepts_a_candidate_into_the_glossary_and_rejects_another(
    store: Store, settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    glossary = tmp_path / "glossary"
    shutil.copytree(PROJECT_DIR / "glossary", glossary)
    add_document(store, SENTENCES)
    home = ["--home", str(settings.home)]
    before = load_glossary(glossary).version
    assert main([*home, "glossary", "candidates", "--glossary", str(glossary)]) == 0
    listed = capsys.readouterr().out
    assert (
        "   3  PER  Сергей Самойлов  →  Sergey Samoylov" in listed
        and "Анна Григорьева" in listed
    )
    assert (
        main(
            [
                *home,
                "glossary",
                "candidates",
                "--glossary",
                str(glossary),
                "--reject",
                "Анна Григорьева",
            ]
        )
        == 0
    )
    assert (
        main(
            [
                *home,
                "glossary",
                "candidates",
                "--glossary",
                str(glossary),
                "--accept",
                "Сергей Самойлов",
            ]
        )
        == 0
    )
    after = load_glossary(glossary)
    term = after.by_id["sergey-samoylov"]
    assert (term.ru, term.en, term.extra["status"], term.extra["domain"]) == (
        "Сергей Самойлов",
        "Sergey Samoylov",
        "mandatory",
        "person",
    )
    assert after.version != before
    capsys.readouterr()
    assert main([*home, "glossary", "candidates", "--glossary", str(glossary)]) == 0
    again = capsys.readouterr().out
    assert "Самойлов" not in again and "Григорьева" not in again  # now a term; rejected


def test_an_unknown_candidate_or_scheme_is_one_line(
    store: Store,
    settings: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    add_document(store, SENTENCES)
    home = ["--home", str(settings.home)]
    assert main([*home, "glossary", "candidates", "--accept", "Никто"]) == 1
    assert "Никто: not among the candidates" in capsys.readouterr().err
    monkeypatch.setenv("TRANSLATE_PUB_TRANSLIT", "klingon")
    assert main([*home, "glossary", "candidates"]) == 1
    assert "TRANSLATE_PUB_TRANSLIT='klingon'" in capsys.readouterr().err


def test_accepting_an_english_form_a_term_has_already_changes_nothing(
    tmp_path: Path,
) -> None:
    """Found in review: the new term took the old one's id, and the merge replaced that term."""
    from translate_pub.errors import GlossaryError
    from translate_pub.terms import candidates as cand

    glossary = tmp_path / "glossary"
    shutil.copytree(PROJECT_DIR / "glossary", glossary)
    existing = load_glossary(glossary).terms[0]
    before = (glossary / "terms.csv").read_bytes()
    with pytest.raises(GlossaryError, match="already the English of"):
        cand.accept(glossary, cand.Candidate("PER", "Иван Иванов", existing.en), None)
    assert (glossary / "terms.csv").read_bytes() == before
    cand.reject(glossary, "Анна\nГригорьева")
    assert (
        cand.rejected_file(glossary).read_text().splitlines()[-1] == "Анна Григорьева"
    )


def test_a_sentence_goes_through_the_ner_model_once() -> None:
    """Found in review: the editors' page reran the model over every stored sentence per load."""
    from translate_pub.terms import ner

    texts = ["Сергей Самойлов приехал в Казань.", "Новых задержаний нет."]
    first = list(ner.entities(texts))
    assert [e.kind for e in first[0]] == ["PER", "LOC"] and first[1] == []
    again = list(ner.entities([texts[1], texts[0]]))
    assert again[1] is first[0] and again[0] is first[1]  # answered from memory
