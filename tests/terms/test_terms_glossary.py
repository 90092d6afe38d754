"""Loading and validating the termbase: the project's seed and line-numbered errors."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from translate_pub.config import PROJECT_DIR
from translate_pub.errors import GlossaryError
from translate_pub.terms.glossary import OPTIONAL, REQUIRED, load_glossary

HEADER = "id,ru,en,en_forbidden,note\n"
SEED = PROJECT_DIR / "glossary"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "terms.csv"
    path.write_text(text, encoding="utf-8")
    return path


def error(tmp_path: Path, text: str) -> GlossaryError:
    with pytest.raises(GlossaryError) as info:
        load_glossary(write(tmp_path, text))
    return info.value


def test_seed_glossary_has_at_least_150_terms_with_house_style() -> None:
    glossary = load_glossary(SEED)
    assert len(glossary.terms) >= 150
    assert (
        glossary.version
        == hashlib.sha256((SEED / "terms.csv").read_bytes()).hexdigest()
    )
    expected = {
        "russian-lgbt-network": "Russian LGBT Network",
        "caucasian-knot": "Caucasian Knot",
        "novaya-gazeta": "Novaya gazeta",
        "chechnya": "Chechnya",
        "argun": "Argun",
        "gay-propaganda-law": '"gay propaganda" law',
        "foreign-agent": "foreign agent",
        "kochetkov": "Igor Kochetkov",
        "grozny": "Grozny",
    }
    assert {k: glossary.target(k, "en") for k in expected} == expected
    assert "Groznyy" in glossary.by_id["grozny"].en_forbidden
    assert sum(1 for t in glossary.terms if t.en_forbidden) >= 150


def test_readme_explains_every_column() -> None:
    readme = (SEED / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z_]+)`", readme, re.M))
    assert set(REQUIRED) | set(OPTIONAL) | {"en_allowed"} <= documented


def test_folder_or_file_and_per_language_targets(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "id,ru,en,en_forbidden,note,uk,uk_forbidden,domain\n"
        "chechnya,Чечня,Chechnya,Chechnia,,Чечня,Чечения,place\n"
        "argun,Аргун,Argun,,,,,place\n",
    )
    by_folder, by_file = load_glossary(tmp_path), load_glossary(path)
    assert by_folder == by_file
    assert by_file.target("chechnya", "uk") == "Чечня"
    assert by_file.target("argun", "uk") is None
    assert by_file.target("nothing", "en") is None
    assert by_file.by_id["chechnya"].forbidden("uk") == ("Чечения",)
    assert by_file.by_id["argun"].extra == {"domain": "place"}


def test_version_changes_with_any_byte(tmp_path: Path) -> None:
    first = load_glossary(write(tmp_path, HEADER + "argun,Аргун,Argun,,\n")).version
    second = load_glossary(
        write(tmp_path, HEADER + "argun,Аргун,Argun,,town\n")
    ).version
    assert first != second and len(first) == 64


def test_duplicate_id_names_both_lines(tmp_path: Path) -> None:
    exc = error(
        tmp_path,
        HEADER
        + "argun,Аргун,Argun,,\n\nchechnya,Чечня,Chechnya,,\nargun,Аргун,Argun,,\n",
    )
    assert exc.where.endswith("terms.csv:5")
    assert "duplicate id 'argun' (first on line 2)" in exc.reason


@pytest.mark.parametrize(
    "row, column",
    [(",Аргун,Argun,,", "id"), ("argun,,Argun,,", "ru"), ("argun,Аргун,  ,,", "en")],
)
def test_empty_required_value(tmp_path: Path, row: str, column: str) -> None:
    exc = error(tmp_path, HEADER + "chechnya,Чечня,Chechnya,,\n" + row + "\n")
    assert exc.where.endswith("terms.csv:3") and f"empty '{column}'" in exc.reason


def test_unknown_column_is_refused_on_the_header_line(tmp_path: Path) -> None:
    exc = error(tmp_path, "id,ru,en,en_forbiden,note\n")
    assert (
        exc.where.endswith("terms.csv:1")
        and "unknown column 'en_forbiden'" in exc.reason
    )
    assert (
        "missing column(s): en_forbidden" in error(tmp_path, "id,ru,en,note\n").reason
    )


def test_bad_quoting_names_the_line_where_the_row_starts(tmp_path: Path) -> None:
    exc = error(
        tmp_path, HEADER + 'argun,Аргун,Argun,,\nchechnya,"Чечня"x,Chechnya,,\n'
    )
    assert exc.where.endswith("terms.csv:3") and "bad quoting" in exc.reason
    unterminated = error(
        tmp_path, HEADER + 'argun,Аргун,Argun,,\nchechnya,Чечня,"Chechnya,,\nx,y,z,,\n'
    )
    assert (
        unterminated.where.endswith("terms.csv:3")
        and "bad quoting" in unterminated.reason
    )


def test_quoted_line_breaks_keep_line_numbers_right(tmp_path: Path) -> None:
    exc = error(
        tmp_path, HEADER + 'argun,Аргун,Argun,,"two\nlines"\nargun,Аргун,Argun,,\n'
    )
    assert exc.where.endswith("terms.csv:4")


@pytest.mark.parametrize(
    "row, reason",
    [
        ("argun,Аргун,Argun,,,extra", "6 fields, the header has 5"),
        ("Argun,Аргун,Argun,,", "use lower-case letters"),
        ("argun,Аргун,Argun,argun|ARGUN,", "is the house-style form itself"),
        ("argun,Аргун,Argun,Argoun||Argunn,", "empty variant"),
        ("argun,Аргун (город),Argun,,", "punctuation inside a term"),
        ("argun,«…»,Argun,,", "has no words"),
    ],
)
def test_row_errors(tmp_path: Path, row: str, reason: str) -> None:
    exc = error(tmp_path, HEADER + row + "\n")
    assert exc.where.endswith("terms.csv:2") and reason in exc.reason


@pytest.mark.parametrize(
    "text, reason",
    [
        (
            "id,ru,en,en_forbidden,note,en_allowed\nargun,Аргун,Argun,Argoun,,Argun|argoun\n",
            "en_allowed: 'Argun' is the house-style form itself",
        ),
        (
            "id,ru,en,en_forbidden,note,en_allowed\nargun,Аргун,Argun,Argoun,,Argunian|argoun\n",
            "en_allowed: 'argoun' is also in en_forbidden",
        ),
        (
            "id,ru,en,en_forbidden,note,uk,uk_forbidden,uk_allowed\nargun,Аргун,Argun,,,Аргун,Аргунь,аргунський|аргунь\n",
            "uk_allowed: 'аргунь' is also in uk_forbidden",
        ),
        ("id,ru,en,en_forbidden,note,en_allowd\n", "unknown column 'en_allowd'"),
    ],
)
def test_allowed_variants_are_validated_like_forbidden_ones(
    tmp_path: Path, text: str, reason: str
) -> None:
    assert reason in error(tmp_path, text).reason


def test_allowed_variants_per_language(tmp_path: Path) -> None:
    glossary = load_glossary(
        write(
            tmp_path,
            "id,ru,en,en_forbidden,note,en_allowed,uk,uk_allowed\n"
            "dagestan,Дагестан,Dagestan,,,Dagestani|Dagestanis,Дагестан,дагестанський\n",
        )
    )
    term = glossary.by_id["dagestan"]
    assert term.allowed("en") == ("Dagestani", "Dagestanis") and term.allowed("uk") == (
        "дагестанський",
    )
    assert load_glossary(SEED).by_id["russia"].allowed("en") == ("Russian", "Russians")


def test_bad_case_rule_and_quote_style_equivalence(tmp_path: Path) -> None:
    assert (
        "case 'sometimes'"
        in error(
            tmp_path, "id,ru,en,en_forbidden,note,case\nargun,Аргун,Argun,,,sometimes\n"
        ).reason
    )
    quotes = error(tmp_path, HEADER + 'law,закон,"""gay"" law",“gay” law,\n')
    assert "house-style form itself" in quotes.reason


def test_file_level_errors(tmp_path: Path) -> None:
    with pytest.raises(GlossaryError, match="cannot read the glossary"):
        load_glossary(tmp_path / "missing.csv")
    (tmp_path / "terms.csv").write_bytes(HEADER.encode() + b"argun,\xff\xfe,Argun,,\n")
    with pytest.raises(GlossaryError) as info:
        load_glossary(tmp_path / "terms.csv")
    assert info.value.where.endswith("terms.csv:2") and "UTF-8" in info.value.reason
    assert "header row is required" in error(tmp_path, "\n\n").reason


def test_bom_and_blank_lines_are_tolerated(tmp_path: Path) -> None:
    path = tmp_path / "terms.csv"
    path.write_bytes(
        "\ufeff".encode() + (HEADER + "\nargun,Аргун,Argun,,\n\n").encode()
    )
    assert [t.id for t in load_glossary(path).terms] == ["argun"]
