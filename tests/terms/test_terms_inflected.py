"""The glossary's English inflections, kept per glossary version: a warm translate shields and
checks terms without loading lemminflect, with the same patterns."""

from __future__ import annotations

from pathlib import Path

from tests.fresh import fresh_json
from translate_pub.terms.glossary import Glossary, load_glossary
from translate_pub.terms.inflected import PREFIX, last_words

TERMS = (
    "id,ru,en,en_forbidden,note\n"
    "agent,иностранный агент,foreign agent,foreign spy,\n"
    "court,суд,court,tribunal,\n"
    "un,ООН,UN,,\n"
)

# In a new Python: remember the glossary's inflections from the cache folder, then print the
# patterns of its phrases and whether lemminflect was loaded.
PATTERNS = """
import json, sys
from pathlib import Path
from translate_pub.terms import inflected
from translate_pub.terms.glossary import load_glossary
from translate_pub.terms.phrases import phrase_pattern
glossary = load_glossary(Path(sys.argv[1]))
if sys.argv[2] != "-":
    inflected.remember(glossary, Path(sys.argv[2]))
phrases = ["foreign agent", "foreign spy", "court", "tribunal", "UN", "суд"]
print(json.dumps({
    "patterns": [phrase_pattern(p).pattern for p in phrases],
    "lemminflect": "lemminflect" in sys.modules,
}))
"""


def glossary_at(folder: Path) -> Glossary:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "terms.csv").write_text(TERMS, encoding="utf-8")
    return load_glossary(folder)


def patterns(glossary: Path, cache: Path | str) -> dict:
    return dict(fresh_json(PATTERNS, str(glossary), str(cache)))


def test_a_warm_run_inflects_the_glossary_without_lemminflect(tmp_path: Path) -> None:
    glossary_at(tmp_path / "g")
    cache = tmp_path / "cache"
    asked = patterns(tmp_path / "g", "-")  # no cache: every word asked of lemminflect
    assert asked["lemminflect"]
    first = patterns(tmp_path / "g", cache)  # writes the file
    assert [f.name.startswith(PREFIX) for f in cache.iterdir()] == [True]
    warm = patterns(tmp_path / "g", cache)
    assert warm == {"patterns": asked["patterns"], "lemminflect": False}
    assert first["patterns"] == asked["patterns"]
    assert "agents" in warm["patterns"][0] and "tribunals" in warm["patterns"][3]


def test_a_damaged_file_is_computed_again(tmp_path: Path) -> None:
    glossary_at(tmp_path / "g")
    cache = tmp_path / "cache"
    asked = patterns(tmp_path / "g", cache)
    [file] = cache.iterdir()
    file.write_bytes(file.read_bytes()[:-5])
    again = patterns(tmp_path / "g", cache)
    assert again == {"patterns": asked["patterns"], "lemminflect": True}
    assert patterns(tmp_path / "g", cache)["lemminflect"] is False  # rewritten whole


def test_the_words_kept_are_the_last_words_of_every_rendering(tmp_path: Path) -> None:
    words = last_words(glossary_at(tmp_path / "g"))
    assert {"agent", "spy", "court", "tribunal", "UN", "агент", "суд", "ООН"} == words
