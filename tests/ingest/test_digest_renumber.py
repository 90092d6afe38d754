"""`translate-pub digest renumber`: old digest files (sentences counted from 0) moved to the
editor's numbering once, atomically, with one line per refused file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.digest_newsroom import DIGEST, build_sources
from translate_pub.cli import main
from translate_pub.config import Settings
from translate_pub.ingest.digest_files import ingest_digests
from translate_pub.store import Store

FROM_ZERO = "--unmarked-from-zero"  # these old files carry no marker
MARKED = DIGEST.read_text().replace("---\n", "---\nnumbering: 1\n", 1)


def _old(text: str) -> str:
    """The fixture as it was written when sentences counted from 0."""
    return re.sub(
        r'segments="(\d+)(?:-(\d+))?"',
        lambda m: (
            'segments="' + "-".join(str(int(n) - 1) for n in m.groups() if n) + '"'
        ),
        text,
    )


def test_an_old_file_is_renumbered_once_and_then_quotes_what_it_quoted(
    store: Store, settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "weekly.md"
    path.write_text(_old(DIGEST.read_text()))
    home = ["--home", str(settings.home)]
    assert main([*home, "digest", "renumber", str(path), FROM_ZERO]) == 0
    assert capsys.readouterr().out == f"{path}: renumbered from 1 (numbering: 1)\n"
    assert path.read_text() == MARKED  # every number one higher, the marker added
    again = main([*home, "digest", "renumber", str(path), FROM_ZERO])
    err = capsys.readouterr().err.splitlines()
    assert again == 1 and err == [
        f"translate-pub: error: {path}:1: already numbered from 1 (numbering: 1): "
        "left as it is"
    ]
    assert path.read_text() == MARKED
    build_sources(store)
    done, errors = ingest_digests(store, path, settings)
    assert errors == [] and "created" in done[0]


def test_a_bad_file_in_a_folder_is_one_line_and_left_as_it_was(
    settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good, bad = tmp_path / "a.md", tmp_path / "b.md"
    good.write_text(_old(DIGEST.read_text()))
    broken = _old(DIGEST.read_text()).replace('segments="1"', 'segments="one"')
    bad.write_text(broken)
    (tmp_path / "notes.txt").write_text('segments="1"')
    code = main(
        ["--home", str(settings.home), "digest", "renumber", str(tmp_path), FROM_ZERO]
    )
    out, err = capsys.readouterr()
    line = broken.splitlines().index(
        next(x for x in broken.splitlines() if 'segments="one"' in x)
    )
    assert code == 1 and err.splitlines() == [
        f'translate-pub: error: {bad}:{line + 1}: bad segments="one": '
        "write one number or a range like 3-5"
    ]
    assert "Traceback" not in out + err
    assert bad.read_text() == broken and good.read_text() == MARKED
    assert (tmp_path / "notes.txt").read_text() == 'segments="1"'


def test_ingest_refuses_a_file_marked_as_counting_from_0(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    build_sources(store)
    path = tmp_path / "old.md"
    path.write_text(_old(DIGEST.read_text()).replace("---\n", "---\nnumbering: 0\n", 1))
    done, errors = ingest_digests(store, path, settings)
    assert done == [] and errors == [
        f"{path}:1: numbering: 0: sentences are numbered from 1 (the title), as in the "
        f"editor; run `translate-pub digest renumber {path}` first"
    ]
    assert main(["--home", str(settings.home), "digest", "renumber", str(path)]) == 0
    assert path.read_text() == MARKED


def test_an_unmarked_file_is_refused_unless_unmarked_files_count_from_0(
    settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder mixing an old file marked `numbering: 0` and a new one written without the
    marker (read from 1 by ingest): only the marked one moves; the new one is one line."""
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text(_old(DIGEST.read_text()).replace("---\n", "---\nnumbering: 0\n", 1))
    new.write_text(DIGEST.read_text())
    home = ["--home", str(settings.home)]
    assert main([*home, "digest", "renumber", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    assert err.splitlines() == [
        f"translate-pub: error: {new}:1: no numbering marker, so it is read from 1: "
        "left as it is (give --unmarked-from-zero if files without the marker count "
        "from 0)"
    ]
    assert out == f"{old}: renumbered from 1 (numbering: 1)\n"
    assert new.read_text() == DIGEST.read_text() and old.read_text() == MARKED
    assert main([*home, "digest", "renumber", str(new), FROM_ZERO]) == 0
    assert new.read_text() != DIGEST.read_text() and "numbering: 1" in new.read_text()
    assert main([*home, "digest", str(new), FROM_ZERO]) == 1  # only with renumber
    assert "renumber FILE_OR_FOLDER [--unmarked-from-zero]" in capsys.readouterr().err
