"""Term status: a preferred term's absence is a warning, a mandatory one's an error that blocks;
a forbidden rendering blocks whatever the status; derived words listed in en_allowed satisfy."""

from __future__ import annotations

from pathlib import Path

import pytest

from translate_pub.errors import GlossaryError
from translate_pub.model import Severity
from translate_pub.terms.check import check, glossary_issues
from translate_pub.terms.glossary import Glossary, load_glossary
from translate_pub.terms.match import matcher_for

CSV = """id,ru,en,en_forbidden,note,en_allowed,status
president,президент,president,,,presidential,preferred
rally,митинг,rally,meeting,,,preferred
grozny,Грозный,Grozny,Groznyy,,,mandatory
argun,Аргун,Argun,,,,
"""


@pytest.fixture
def glossary(tmp_path: Path) -> Glossary:
    (tmp_path / "terms.csv").write_text(CSV, encoding="utf-8")
    return load_glossary(tmp_path / "terms.csv")


def issues(glossary: Glossary, source: str, target: str) -> list[tuple[str, str]]:
    return [
        (i.severity.value, i.message)
        for i in glossary_issues(
            matcher_for(glossary).find(source), target, glossary, "en"
        )
    ]


def test_a_preferred_term_missing_warns_and_a_mandatory_one_blocks(
    glossary: Glossary,
) -> None:
    source = "Президент приехал в Грозный и Аргун."
    result = check(
        matcher_for(glossary).find(source),
        "The head of state came to Groznyy and Argoun.",
        glossary,
    )
    assert result.missing == ("argun", "grozny", "president") and result.preferred == (
        "president",
    )
    assert result.blocking == ("argun", "grozny")
    found = issues(glossary, source, "The head of state came to Groznyy and Argoun.")
    assert (Severity.WARNING.value, "Use “president” for «Президент»") in found
    assert (Severity.ERROR.value, "Use “Grozny” for «Грозный»") in found
    assert (
        Severity.ERROR.value,
        "Use “Argun” for «Аргун»",
    ) in found  # empty status: mandatory


def test_a_forbidden_rendering_blocks_a_preferred_term(glossary: Glossary) -> None:
    result = check(
        matcher_for(glossary).find("Митинг прошёл мирно."),
        "The meeting was peaceful.",
        glossary,
    )
    assert result.blocking == ("rally",)


def test_a_derived_word_in_en_allowed_satisfies(glossary: Glossary) -> None:
    result = check(
        matcher_for(glossary).find("Указ президента подписан."),
        "The presidential decree is signed.",
        glossary,
    )
    assert result.missing == () and result.ok


def test_an_unknown_status_is_refused_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "terms.csv").write_text(
        CSV.replace(",,,mandatory", ",,,required"), encoding="utf-8"
    )
    with pytest.raises(
        GlossaryError,
        match=r"terms.csv:4: status 'required': use mandatory or preferred",
    ):
        load_glossary(tmp_path / "terms.csv")


def test_every_entry_of_the_project_glossary_has_its_status_set_by_hand() -> None:
    from translate_pub.config import PROJECT_DIR

    terms = load_glossary(PROJECT_DIR / "glossary").terms
    assert len(terms) == 304 and all(
        t.extra.get("status") in ("mandatory", "preferred") for t in terms
    )
    preferred = {t.id for t in terms if t.preferred}
    assert {"state", "law", "detention", "president"} <= preferred
    assert (
        not {"grozny", "ovd-info", "criminal-case", "avtozak", "foreign-agent"}
        & preferred
    )
