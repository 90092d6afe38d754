"""TBX export and import through translate-toolkit, and merging an import into the CSV."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree

from translate_pub.config import PROJECT_DIR
from translate_pub.errors import GlossaryError
from translate_pub.terms.glossary import Term, load_glossary, merge_into
from translate_pub.terms.tbx import read_tbx, write_tbx

RULES = Path(__file__).resolve().parent.parent / "fixtures" / "terms" / "rules.csv"


def test_round_trip_keeps_every_field(tmp_path: Path) -> None:
    for source in (PROJECT_DIR / "glossary", RULES):
        glossary = load_glossary(source)
        write_tbx(glossary.terms, tmp_path / "out.tbx")
        assert read_tbx(tmp_path / "out.tbx") == glossary.terms


def test_forbidden_variants_are_deprecated_terms(tmp_path: Path) -> None:
    write_tbx(load_glossary(RULES).terms, tmp_path / "out.tbx")
    root = etree.parse(str(tmp_path / "out.tbx")).getroot()
    entry = root.find(".//termEntry[@id='grozny']")
    en = entry.find("langSet[@{http://www.w3.org/XML/1998/namespace}lang='en']")
    terms = [
        (tig.findtext("term"), tig.findtext("termNote[@type='administrativeStatus']"))
        for tig in en
    ]
    assert terms == [
        ("Grozny", None),
        ("Groznyy", "deprecatedTerm-admn-sts"),
        ("Groznyi", "deprecatedTerm-admn-sts"),
    ]


def test_allowed_renderings_are_admitted_terms(tmp_path: Path) -> None:
    write_tbx(load_glossary(RULES).terms, tmp_path / "out.tbx")
    root = etree.parse(str(tmp_path / "out.tbx")).getroot()
    en = root.find(
        ".//termEntry[@id='chechnya']/langSet[@{http://www.w3.org/XML/1998/namespace}lang='en']"
    )
    terms = [
        (tig.findtext("term"), tig.findtext("termNote[@type='administrativeStatus']"))
        for tig in en
    ]
    assert terms == [
        ("Chechnya", None),
        ("Chechen", "admittedTerm-admn-sts"),
        ("Chechens", "admittedTerm-admn-sts"),
        ("Chechnia", "deprecatedTerm-admn-sts"),
        ("Chechenia", "deprecatedTerm-admn-sts"),
    ]


def test_import_merges_into_the_csv(tmp_path: Path) -> None:
    csv = tmp_path / "terms.csv"
    shutil.copy(RULES, csv)
    before = load_glossary(csv)
    changed = Term(
        "grozny",
        "Грозный",
        "Grozny",
        ("Groznyy", "Grozniy"),
        "capital of Chechnya",
        {"uk": "Грозний"},
    )
    new = Term("argun-district", "Аргунский район", "Argun district", (), "", {})
    tbx = tmp_path / "in.tbx"
    write_tbx((changed, new), tbx)
    assert merge_into(tmp_path, read_tbx(tbx)) == (1, 1)
    after = load_glossary(csv)
    assert after.by_id["grozny"] == changed
    assert after.by_id["argun-district"] == new
    assert [t for t in after.terms if t.id not in {"grozny", "argun-district"}] == [
        t for t in before.terms if t.id != "grozny"
    ]
    assert merge_into(tmp_path, read_tbx(tbx)) == (0, 0)


def test_bad_tbx_changes_nothing(tmp_path: Path) -> None:
    csv = tmp_path / "terms.csv"
    shutil.copy(RULES, csv)
    original = csv.read_bytes()
    (tmp_path / "broken.tbx").write_text(
        "<martif><text><body><termEntry>", encoding="utf-8"
    )
    with pytest.raises(GlossaryError, match="cannot read TBX"):
        read_tbx(tmp_path / "broken.tbx")
    write_tbx((Term("bad", "Аргун (город)", "Argun"),), tmp_path / "invalid.tbx")
    with pytest.raises(GlossaryError, match="punctuation inside a term"):
        merge_into(csv, read_tbx(tmp_path / "invalid.tbx"))
    assert csv.read_bytes() == original


def test_entry_without_english_is_refused(tmp_path: Path) -> None:
    (tmp_path / "x.tbx").write_text(
        '<?xml version="1.0"?><martif type="TBX" xml:lang="ru"><text><body>'
        '<termEntry id="a"><langSet xml:lang="ru"><tig><term>Аргун</term></tig></langSet></termEntry>'
        "</body></text></martif>",
        encoding="utf-8",
    )
    with pytest.raises(GlossaryError, match="no English term"):
        read_tbx(tmp_path / "x.tbx")
