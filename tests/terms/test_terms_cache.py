"""The compiled matcher on disk: compiled once per glossary version, never trusted blindly."""

from __future__ import annotations

import marshal
from pathlib import Path

import ahocorasick
import pytest

from translate_pub.cli import main
from translate_pub.terms import cache as cache_module
from translate_pub.terms.cache import (
    _read,
    _write,
    cache_key,
    cached_glossary,
    load_tables,
)
from translate_pub.terms.glossary import Glossary, load_glossary
from translate_pub.terms.match import Matcher, matcher_for

TERMS = "id,ru,en,en_forbidden,note\nagent,иностранный агент,foreign agent,,\ncourt,суд,court,,\n"
TEXT = "Суд признал его иностранным агентом."


def glossary_at(folder: Path, extra: str = "") -> Glossary:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "terms.csv").write_text(TERMS + extra, encoding="utf-8")
    return load_glossary(folder)


def same(a: dict | None, b: dict) -> bool:
    """Equal tables: a trie's state bytes may differ between two builds, its keys may not."""

    def keys(t: dict, name: str) -> list[tuple[str, int]]:
        return sorted(ahocorasick.Automaton(*t[name]).items())

    tries = ("forms",)
    return (
        a is not None
        and {**a, **dict.fromkeys(tries)} == {**b, **dict.fromkeys(tries)}
        and all(keys(a, name) == keys(b, name) for name in tries)
    )


def spans(matcher: Matcher) -> list[tuple[str, str]]:
    return [(m.term_id, m.surface) for m in matcher.find(TEXT)]


def test_compiled_once_then_read_from_the_home(tmp_path: Path) -> None:
    glossary, cache = glossary_at(tmp_path / "g"), tmp_path / "cache"
    first = load_tables(glossary, cache)
    files = list(cache.glob("matcher-*"))
    assert [f.name for f in files] == [f"matcher-{cache_key(glossary)}.bin"]
    stamp = files[0].stat().st_mtime_ns
    assert (
        load_tables(glossary, cache) == first and files[0].stat().st_mtime_ns == stamp
    )
    assert spans(Matcher(glossary, first)) == [
        ("court", "Суд"),
        ("agent", "иностранным агентом"),
    ]


def test_a_new_glossary_version_is_a_new_file_and_the_old_one_goes(
    tmp_path: Path,
) -> None:
    cache = tmp_path / "cache"
    old = glossary_at(tmp_path / "g")
    load_tables(old, cache)
    (cache / "matcher-0123456789abcdef.json").write_text(
        "{}", encoding="utf-8"
    )  # an earlier format's file
    new = glossary_at(tmp_path / "g", "judge,судья,judge,,\n")
    assert cache_key(new) != cache_key(old)
    load_tables(new, cache)
    assert [f.name for f in cache.glob("matcher-*")] == [
        f"matcher-{cache_key(new)}.bin"
    ]


def test_a_library_upgrade_is_a_new_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    glossary = glossary_at(tmp_path / "g")
    before = cache_key(glossary)
    real = cache_module.version
    monkeypatch.setattr(
        cache_module, "version", lambda lib: "99.0" if lib == "pymorphy3" else real(lib)
    )
    assert cache_key(glossary) != before
    monkeypatch.setattr(
        cache_module,
        "version",
        lambda lib: "99.0" if lib == "pyahocorasick" else real(lib),
    )
    assert cache_key(glossary) != before


def _flip(data: bytes) -> bytes:
    """One bit of the tables changed, the header intact: only the checksum can tell."""
    at = len(data) * 2 // 3
    return data[:at] + bytes([data[at] ^ 1]) + data[at + 1 :]


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # truncated
        lambda data: b"\x00\x01 not a cache file",
        _flip,
    ],
)
def test_an_unreadable_cache_is_rebuilt(tmp_path: Path, damage) -> None:  # type: ignore[no-untyped-def]
    glossary, cache = glossary_at(tmp_path / "g"), tmp_path / "cache"
    good = load_tables(glossary, cache)
    path = cache / f"matcher-{cache_key(glossary)}.bin"
    path.write_bytes(damage(path.read_bytes()))
    assert same(load_tables(glossary, cache), good)
    assert same(_read(path, cache_key(glossary)), good)


def test_someone_elses_tables_are_rebuilt(tmp_path: Path) -> None:
    glossary, cache = glossary_at(tmp_path / "g"), tmp_path / "cache"
    good = load_tables(glossary, cache)
    path = cache / f"matcher-{cache_key(glossary)}.bin"
    other = load_tables(glossary_at(tmp_path / "other", "judge,судья,judge,,\n"), None)
    _write(cache, path, {**other, "key": "another"})  # a sound file, for another key
    assert same(load_tables(glossary, cache), good) and same(
        _read(path, cache_key(glossary)), good
    )


def test_tables_of_the_wrong_shape_are_rebuilt(tmp_path: Path) -> None:
    glossary, cache = (
        glossary_at(tmp_path / "g", "shape-test,судья,judge,,\n"),
        tmp_path / "cache",
    )
    good = load_tables(glossary, cache)
    path = cache / f"matcher-{cache_key(glossary)}.bin"
    _write(
        cache, path, {**good, "forms": ["not", "a", "mapping"]}
    )  # the right key and checksum
    assert spans(matcher_for(glossary, cache)) == [
        ("court", "Суд"),
        ("agent", "иностранным агентом"),
    ]
    assert same(_read(path, cache_key(glossary)), good)


def test_cli_match_caches_under_the_home(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    glossary_at(tmp_path / "g", "cli-test,судья,judge,,\n")
    (tmp_path / "ru.txt").write_text(TEXT + "\n", encoding="utf-8")
    args = [
        "--home",
        str(tmp_path / "home"),
        "glossary",
        "match",
        "--glossary",
        str(tmp_path / "g"),
        "--json",
        str(tmp_path / "ru.txt"),
    ]
    assert main(args) == 0
    first = capsys.readouterr().out
    assert (
        len(list((tmp_path / "home" / "cache" / "glossary").glob("matcher-*.bin"))) == 1
    )
    assert '"id": "court"' in first and '"id": "agent"' in first


def test_the_validated_terms_are_read_from_the_home(tmp_path: Path) -> None:
    glossary, cache = (
        glossary_at(tmp_path / "g", "kept,судья,judge,,\n"),
        tmp_path / "cache",
    )
    assert cached_glossary(tmp_path / "g", cache) == glossary
    [stored] = cache.glob("terms-*.bin")
    key = stored.name.removeprefix("terms-").removesuffix(".bin")
    rows = _read(stored, key)
    assert rows is not None
    rows["terms"][2][-1] = (
        "judge (as cached)"  # what a warm run shows comes from the file, not the CSV
    )
    _write(cache, stored, rows, "terms-")
    assert (
        cached_glossary(tmp_path / "g", cache).by_id["kept"].en == "judge (as cached)"
    )
    (tmp_path / "g" / "terms.csv").write_text(
        TERMS + "kept,судья,judge,,\nnew,суды,courts,,\n", encoding="utf-8"
    )
    assert set(cached_glossary(tmp_path / "g", cache).by_id) == {
        "agent",
        "court",
        "kept",
        "new",
    }
    assert len(list(cache.glob("terms-*"))) == 1


@pytest.mark.parametrize(
    "damage",
    [
        lambda key: b"\x00 not a cache file",
        lambda key: {"key": "another", "terms": []},
        lambda key: {"key": key, "terms": [[1, 2]]},
        lambda key: {
            "key": key,
            "terms": [["x"], ["y"], ["z"], [[]], [""], [["not", "a", "dict"]]],
        },
        lambda key: {"key": key, "terms": [["x"], ["y"], ["z"], [[]], [""], []]},
        lambda key: {"key": key, "terms": [["x"], ["y"], [3], [[]], [""], [{}]]},
        lambda key: {"key": key, "terms": [["x"], ["y"], ["z"], ["ab"], [""], [{}]]},
        lambda key: {
            "key": key,
            "terms": [["x"], ["y"], ["z"], [[]], [""], [{"case": None}]],
        },
    ],
)
def test_damaged_validated_terms_are_validated_again(tmp_path: Path, damage) -> None:  # type: ignore[no-untyped-def]
    glossary, cache = glossary_at(tmp_path / "g"), tmp_path / "cache"
    cached_glossary(tmp_path / "g", cache)
    [stored] = cache.glob("terms-*.bin")
    key = stored.name.removeprefix("terms-").removesuffix(".bin")
    bad = damage(key)
    if isinstance(bad, bytes):
        stored.write_bytes(bad)
    else:
        _write(cache, stored, bad, "terms-")
    assert cached_glossary(tmp_path / "g", cache) == glossary
    assert _read(stored, key) is not None  # rewritten whole
    assert cached_glossary(tmp_path / "g", cache) == glossary


def test_a_cache_file_is_marshal_behind_a_checksum_never_pickle(tmp_path: Path) -> None:
    glossary, cache = glossary_at(tmp_path / "g"), tmp_path / "cache"
    good = load_tables(glossary, cache)
    data = (cache / f"matcher-{cache_key(glossary)}.bin").read_bytes()
    assert marshal.loads(data[data.index(b"\n") + 5 :]) == {**good}


def test_the_key_covers_the_code_compile_imports_from_the_stage() -> None:
    import ast

    here = Path(cache_module.__file__).parent
    seen, todo = set(), ["compile.py"]
    while todo:
        name = todo.pop()
        seen.add(name)
        for node in ast.walk(ast.parse((here / name).read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                "translate_pub.terms."
            ):
                todo += (
                    [f"{node.module.rsplit('.', 1)[1]}.py"]
                    if f"{node.module.rsplit('.', 1)[1]}.py" not in seen
                    else []
                )
    assert sorted(seen) == sorted(cache_module.MATCHING)


def test_changed_matching_code_rebuilds_the_tables(tmp_path: Path) -> None:
    import shutil
    import subprocess
    import sys

    glossary, cache = glossary_at(tmp_path / "g"), tmp_path / "cache"
    load_tables(glossary, cache)
    before = [f.name for f in cache.glob("matcher-*")]
    code = (
        tmp_path / "code" / "translate_pub"
    )  # the package as installed, then one line of morphology changed
    shutil.copytree(
        Path(cache_module.__file__).parents[1],
        code,
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    morph = code / "terms" / "morph.py"
    morph.write_text(
        morph.read_text(encoding="utf-8") + "\n# a changed rule\n", encoding="utf-8"
    )
    script = (
        "import sys; from pathlib import Path; from translate_pub.terms import cache, glossary; "
        "assert cache.__file__.startswith(sys.argv[1]); "
        "cache.load_tables(glossary.load_glossary(Path(sys.argv[2])), Path(sys.argv[3]))"
    )
    subprocess.run(
        [sys.executable, "-c", script, str(code), str(tmp_path / "g"), str(cache)],
        check=True,
        env={
            "PYTHONPATH": str(code.parent),
            "PATH": "/usr/bin:/bin",
            "XDG_CACHE_HOME": str(tmp_path / "shared"),
        },
        timeout=120,
    )
    after = [f.name for f in cache.glob("matcher-*")]
    assert (
        len(after) == 1 and after != before
    )  # a new key: compiled again, yesterday's file gone


def test_a_new_home_reads_the_tables_another_home_compiled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "shared"))
    glossary = glossary_at(tmp_path / "g")
    first = load_tables(glossary, tmp_path / "home-1" / "cache")
    shared = list(
        (tmp_path / "shared" / "translate-pub" / "glossary").glob("matcher-*")
    )
    assert [f.name for f in shared] == [f"matcher-{cache_key(glossary)}.bin"]
    monkeypatch.setattr(
        cache_module, "compile_glossary", None
    )  # a compile now would fail: none may happen
    second = load_tables(glossary, tmp_path / "home-2" / "cache")
    assert same(second, first)
    assert (
        tmp_path / "home-2" / "cache" / shared[0].name
    ).is_file()  # kept in the home as well
