"""`memory align`: past bilingual documents aligned into memory through a review file (or at once
with --yes), only confident beads kept; measured against the hand-checked OVD-Info beads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.fakes.pages import serve_folder
from translate_pub.cli import main
from translate_pub.config import Settings
from translate_pub.ingest.files import read_file
from translate_pub.review.align import align_documents
from translate_pub.store import Store
from translate_pub.store import schema as t

HERE = Path(__file__).parent.parent / "fixtures" / "memory"
OVD = HERE / "ovdinfo"
PAGES = HERE / "pages"  # two of those reports as web pages
CHECKED = [
    json.loads(line)
    for line in (HERE / "ovdinfo-beads-checked.jsonl")
    .read_text(encoding="utf-8")
    .splitlines()
]


def pairs() -> list[tuple[str, str]]:
    return [
        tuple(line.split("\t"))
        for line in (OVD / "pairs.tsv").read_text().splitlines()  # type: ignore[misc]
        if not line.startswith("#")
    ]


def memory(store: Store) -> list[tuple[str, str, str]]:
    with store.begin() as conn:
        return [
            (r.source, r.target, r.file)
            for r in conn.execute(select(t.memory_units).order_by(t.memory_units.c.id))
        ]


def test_kept_beads_are_precise_on_the_hand_checked_ovdinfo_set() -> None:
    verdicts = {(c["ru"], c["en"]): c["verdict"] for c in CHECKED}
    beads = [
        b
        for ru, en in pairs()
        for b in align_documents(
            read_file(OVD / ru, source_lang="ru"),
            read_file(OVD / en, source_lang="en"),
            ru,
        ).beads
    ]
    assert len(beads) == len(CHECKED) and all(
        (b.ru, b.en) in verdicts for b in beads
    )  # the set checked is this one
    kept = [verdicts[b.ru, b.en] for b in beads if b.kept]
    assert kept.count("right") / len(kept) >= 0.95
    assert (
        len(kept) >= 45
    )  # of 61 right beads: the filter does not keep only the trivial ones
    shifted = [
        b for b in beads if "Редактор русского текста" in b.ru
    ]  # a credits list off by one line
    assert [b.kept for b in shifted] == [False]


def test_align_writes_a_review_file_and_nothing_enters_memory_until_it_is_imported(
    store: Store, settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    review = tmp_path / "review.tsv"
    home = ["--home", str(settings.home)]
    assert (
        main(
            [
                *home,
                "memory",
                "align",
                "--pairs",
                str(OVD / "pairs.tsv"),
                "--review",
                str(review),
            ]
        )
        == 0
    )
    assert "34 confident (34 of 46 Russian sentences)" in capsys.readouterr().out
    rows = review.read_text(encoding="utf-8").splitlines()
    assert rows[1] == "keep\tru\ten\twhere" and len(rows) == 2 + len(CHECKED)
    assert memory(store) == []
    edited = [
        r.replace("yes\tРезюме", "no\tРезюме", 1) for r in rows
    ]  # the reviewer leaves one out
    review.write_text("\n".join(edited) + "\n", encoding="utf-8")
    assert main([*home, "memory", "import", str(review)]) == 0
    kept = memory(store)
    assert len(kept) == 46 and ("Резюме", "Executive Summary", "review.tsv") not in kept
    assert ("О нас", "About us", "review.tsv") in kept


def test_align_yes_imports_confident_sentences_at_once(
    store: Store, settings: Settings
) -> None:
    assert (
        main(
            [
                "--home",
                str(settings.home),
                "memory",
                "align",
                str(OVD / "2013-01-28-about.md"),
                str(OVD / "2013-01-28-about-en.md"),
                "--yes",
            ]
        )
        == 0
    )
    kept = memory(store)
    assert len(kept) == 9 and {f for _, _, f in kept} == {"2013-01-28-about.md"}
    assert ("О нас", "About us", "2013-01-28-about.md") in kept


def test_a_bad_review_row_is_one_line_and_the_rest_imported(
    store: Store, settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    review = tmp_path / "r.tsv"
    review.write_text(
        "keep\tru\ten\twhere\nyes\tО нас\tAbout us\ta\nmaybe\tРезюме\tSummary\tb\nyes\tТекст\t\tc\n",
        encoding="utf-8",
    )
    assert main(["--home", str(settings.home), "memory", "import", str(review)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[:2] == [
        f"{review}:3: the row needs keep (yes or no), the Russian and the English",
        f"{review}:4: the row needs keep (yes or no), the Russian and the English",
    ]
    assert memory(store) == [("О нас", "About us", "r.tsv")]


def test_align_needs_two_sides_and_names_a_missing_one(
    settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(
            [
                "--home",
                str(settings.home),
                "memory",
                "align",
                str(OVD / "2013-01-28-about.md"),
            ]
        )
        == 1
    )
    assert "give RU and EN, or --pairs LIST" in capsys.readouterr().err
    missing = tmp_path / "nope.md"
    assert (
        main(
            [
                "--home",
                str(settings.home),
                "memory",
                "align",
                str(missing),
                str(OVD / "2013-01-28-about-en.md"),
                "--review",
                str(tmp_path / "r.tsv"),
            ]
        )
        == 1
    )
    assert f"{missing}: no such file" in capsys.readouterr().err
    assert not (tmp_path / "r.tsv").exists()


def test_align_reads_both_versions_from_their_web_pages(
    store: Store, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    """Pages go through the ingest path (fetch, article extraction, segmentation) as any
    source does, and align as their files do."""
    with serve_folder(PAGES) as site:
        ru, en = f"{site}/2013-01-28-about.html", f"{site}/2013-01-28-about-en.html"
        home = ["--home", str(settings.home), "memory", "align"]
        assert main([*home, ru, en, "--yes"]) == 0
        assert f"{ru} + {en}: 14 sentence pairs, 9 confident" in capsys.readouterr().out
        kept = memory(store)
        assert len(kept) == 9 and {f for _, _, f in kept} == {"2013-01-28-about.html"}
        assert ("О нас", "About us", "2013-01-28-about.html") in kept
        assert main([*home, f"{site}/gone.html", en, "--yes"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and f"{site}/gone.html" in err[0] and "404" in err[0]
    assert len(memory(store)) == 9  # nothing lost, nothing added
