"""The compiled matcher on disk: compiled once per glossary version, never trusted blindly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from translate_pub.cli import main
from translate_pub.terms.cache import cache_key, cached_glossary, load_tables
from translate_pub.terms.glossary import Glossary, load_glossary
from translate_pub.terms.match import Matcher, matcher_for

TERMS = "id,ru,en,en_forbidden,note\nagent,иностранный агент,foreign agent,,\ncourt,суд,court,,\n"
TEXT = "Суд признал его иностранным агентом."


def glossary_at(folder: Path, extra: str = "") -> Glossary:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "terms.csv").write_text(TERMS + extra, encoding="utf-8")
    return load_glossary(folder)


def spans(matcher: Matcher) -> list[tuple[str, str]]:
    return [(m.term_id, m.surface) for m in matcher.find(TEXT)]


def test_compiled_once_then_read_from_the_home(tmp_path: Path) -> None:
    glossary, cache = glossary_at(tmp_path / "g"), tmp_path / "cache"
    first = load_tables(glossary, cache)
    files = list(cache.glob("matcher-*.json"))
    assert [f.name for f in files] == [f"matcher-{cache_key(glossary)}.json"]
    stamp = files[0].stat().st_mtime_ns
    assert load_tables(glossary, cache) == first and files[0].stat().st_mtime_ns == stamp
    assert spans(Matcher(glossary, first)) == [("court", "Суд"), ("agent", "иностранным агентом")]


def test_a_new_glossary_version_is_a_new_file_and_the_old_one_goes(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    old = glossary_at(tmp_path / "g")
    load_tables(old, cache)
    new = glossary_at(tmp_path / "g", "judge,судья,judge,,\n")
    assert cache_key(new) != cache_key(old)
    load_tables(new, cache)
    assert [f.name for f in cache.glob("matcher-*.json")] == [f"matcher-{cache_key(new)}.json"]


@pytest.mark.parametrize("damage", [
    lambda text: text[: len(text) // 2],  # truncated
    lambda text: "\x00\x01 not json",
    lambda text: json.dumps({**json.loads(text), "key": "another"}),  # someone else's tables
])
def test_an_unreadable_cache_is_rebuilt(tmp_path: Path, damage) -> None:  # type: ignore[no-untyped-def]
    glossary, cache = glossary_at(tmp_path / "g"), tmp_path / "cache"
    good = load_tables(glossary, cache)
    path = cache / f"matcher-{cache_key(glossary)}.json"
    path.write_text(damage(path.read_text(encoding="utf-8")), encoding="utf-8")
    assert load_tables(glossary, cache) == good
    assert json.loads(path.read_text(encoding="utf-8")) == good


def test_tables_of_the_wrong_shape_are_rebuilt(tmp_path: Path) -> None:
    glossary, cache = glossary_at(tmp_path / "g", "shape-test,судья,judge,,\n"), tmp_path / "cache"
    good = load_tables(glossary, cache)
    path = cache / f"matcher-{cache_key(glossary)}.json"
    path.write_text(json.dumps({**good, "forms": ["not", "a", "mapping"]}), encoding="utf-8")
    assert spans(matcher_for(glossary, cache)) == [("court", "Суд"), ("agent", "иностранным агентом")]
    assert json.loads(path.read_text(encoding="utf-8")) == good


def test_cli_match_caches_under_the_home(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    glossary_at(tmp_path / "g", "cli-test,судья,judge,,\n")
    (tmp_path / "ru.txt").write_text(TEXT + "\n", encoding="utf-8")
    args = ["--home", str(tmp_path / "home"), "glossary", "match", "--glossary", str(tmp_path / "g"),
            "--json", str(tmp_path / "ru.txt")]
    assert main(args) == 0
    first = capsys.readouterr().out
    assert len(list((tmp_path / "home" / "cache" / "glossary").glob("matcher-*.json"))) == 1
    assert '"id": "court"' in first and '"id": "agent"' in first


def test_the_validated_terms_are_read_from_the_home(tmp_path: Path) -> None:
    glossary, cache = glossary_at(tmp_path / "g", "kept,судья,judge,,\n"), tmp_path / "cache"
    assert cached_glossary(tmp_path / "g", cache) == glossary
    [stored] = cache.glob("terms-*.json")
    rows = json.loads(stored.read_text(encoding="utf-8"))
    rows["terms"][-1][2] = "judge (as cached)"  # what a warm run shows comes from the file, not the CSV
    stored.write_text(json.dumps(rows), encoding="utf-8")
    assert cached_glossary(tmp_path / "g", cache).by_id["kept"].en == "judge (as cached)"
    (tmp_path / "g" / "terms.csv").write_text(TERMS + "kept,судья,judge,,\nnew,суды,courts,,\n", encoding="utf-8")
    assert set(cached_glossary(tmp_path / "g", cache).by_id) == {"agent", "court", "kept", "new"}
    assert len(list(cache.glob("terms-*.json"))) == 1


@pytest.mark.parametrize("damage", ["\x00 not json", '{"key": "another", "terms": []}', "KEY[[1, 2]]",
                                    'KEY[["x", "y", "z", [], "", ["not", "a", "dict"]]]'])
def test_damaged_validated_terms_are_validated_again(tmp_path: Path, damage: str) -> None:
    glossary, cache = glossary_at(tmp_path / "g"), tmp_path / "cache"
    cached_glossary(tmp_path / "g", cache)
    [stored] = cache.glob("terms-*.json")
    key = json.loads(stored.read_text(encoding="utf-8"))["key"]
    stored.write_text(damage.replace("KEY", f'{{"key": "{key}", "terms": ') + ("}" if "KEY" in damage else ""),
                      encoding="utf-8")
    assert cached_glossary(tmp_path / "g", cache) == glossary
    assert json.loads(stored.read_text(encoding="utf-8"))["key"] == key  # rewritten whole
    assert cached_glossary(tmp_path / "g", cache) == glossary
