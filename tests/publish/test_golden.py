"""The whole small site, file by file, against the golden tree (see README.md to regenerate)."""

from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

from translate_pub.config import Settings
from translate_pub.store import Store

from .newsroom import build_newsroom, publish

GOLDEN = Path(__file__).with_name("golden")


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_small_site_matches_golden(
    store: Store, site_settings: Settings, tmp_path: Path
) -> None:
    build_newsroom(store)
    publish(store, site_settings, tmp_path / "site")
    built = _tree((tmp_path / "site").resolve())
    if os.environ.get("TP_REGENERATE_GOLDEN"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        shutil.copytree((tmp_path / "site").resolve(), GOLDEN)
    compare(built, _tree(GOLDEN))


def compare(built: dict[str, bytes], golden: dict[str, bytes]) -> None:
    """Same files, same bytes; the first difference shown as a diff."""
    assert sorted(built) == sorted(golden)
    for path, data in built.items():
        if data != golden[path]:
            diff = difflib.unified_diff(
                golden[path].decode().splitlines(),
                data.decode().splitlines(),
                f"golden/{path}",
                f"built/{path}",
                lineterm="",
            )
            raise AssertionError("\n".join(list(diff)[:60]))
