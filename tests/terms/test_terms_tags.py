"""The tagger's answers kept under the home: a text seen before needs neither numpy nor the model."""

from __future__ import annotations

import json
import logging
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from translate_pub.terms import context, tags
from translate_pub.terms.compile import compile_glossary
from translate_pub.terms.glossary import load_glossary
from translate_pub.terms.match import Matcher

TERMS = """id,ru,en,en_forbidden,note
court,суд,court,tribunal,
elections,выборы,elections,elects,
"""
TEXTS = [
    "Решения апелляционных судов обжалованы.",  # суд (court) or судно (vessel): asked
    "В порту стояли десятки судов под разными флагами.",
    "Итоги выборов подвели в понедельник.",
]

# A fresh process (numpy stays loaded once imported): match, and say what was imported.
SCRIPT = """
import json, sys
from pathlib import Path
from translate_pub.terms.glossary import load_glossary
from translate_pub.terms.match import Matcher
from translate_pub.terms.compile import compile_glossary

glossary = load_glossary(Path(sys.argv[1]))
matcher = Matcher(glossary, compile_glossary(glossary), Path(sys.argv[2]))
found = [[(m.term_id, m.start, m.possible) for m in ms] for ms in matcher.find_many(sys.argv[3:])]
print(json.dumps({"found": found, "numpy": "numpy" in sys.modules}))
"""


def run(csv: Path, folder: Path, shared: Path | None = None) -> dict:
    env = {**os.environ, "XDG_CACHE_HOME": str(shared)} if shared else None
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(csv), str(folder), *TEXTS],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
        env=env,
    )
    return json.loads(out.stdout)


def test_a_text_seen_before_is_matched_without_the_tagger(tmp_path: Path) -> None:
    csv = tmp_path / "terms.csv"
    csv.write_text(TERMS, encoding="utf-8")
    folder = tmp_path / "cache"
    first = run(csv, folder)
    assert first["numpy"]  # the questions were asked of the model
    (log,) = folder.glob("tags-*.log")
    assert (
        stat.S_IMODE(log.stat().st_mode) == 0o600
    )  # private, as the home's other caches
    again = run(csv, folder)
    assert again == {"found": first["found"], "numpy": False}
    assert [t for found in first["found"] for t, _, _ in found] == [
        "court",
        "elections",
    ]  # the vessels' судов is not the court


def test_a_damaged_log_is_started_afresh_with_the_same_answers(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    glossary_csv = tmp_path / "terms.csv"
    glossary_csv.write_text(TERMS, encoding="utf-8")
    glossary = load_glossary(glossary_csv)
    folder = tmp_path / "cache"
    matcher = Matcher(glossary, compile_glossary(glossary), folder)
    tags._kept.cache_clear()
    before = matcher.find_many(TEXTS)
    windows = dict(tags.kept(folder).tags)
    (log,) = folder.glob("tags-*.log")
    log.write_bytes(log.read_bytes() + b"\x04\x00\x00\x00junkbody")  # a bad checksum
    tags._kept.cache_clear()  # as a new process would
    with caplog.at_level(logging.WARNING):
        assert matcher.find_many(TEXTS) == before
    assert f"tagger cache {log} is damaged" in caplog.text
    tags._kept.cache_clear()
    assert tags.kept(folder).tags == windows  # written afresh, the same answers


def test_without_a_folder_nothing_is_kept(tmp_path: Path) -> None:
    glossary_csv = tmp_path / "terms.csv"
    glossary_csv.write_text(TERMS, encoding="utf-8")
    glossary = load_glossary(glossary_csv)
    Matcher(glossary, compile_glossary(glossary)).find_many(TEXTS)
    calls = context.tagger.cache_info().hits
    Matcher(glossary, compile_glossary(glossary)).find_many(TEXTS)
    assert context.tagger.cache_info().hits == calls + 1  # asked the model again
    assert not list(tmp_path.glob("**/tags-*"))


def test_a_new_home_reads_the_vocabulary_another_home_built(tmp_path: Path) -> None:
    """The tagger's sorted vocabulary (17 MB, a function of natasha's version) is built once
    for all of a user's homes, beside the shared glossary tables."""
    csv = tmp_path / "terms.csv"
    csv.write_text(TERMS, encoding="utf-8")
    shared = tmp_path / "xdg"
    first = run(csv, tmp_path / "home1", shared)
    (words,) = (shared / "translate-pub" / "glossary").glob("tagger-words-*.npy")
    built = words.stat().st_mtime_ns
    assert run(csv, tmp_path / "home2", shared)["found"] == first["found"]
    assert words.stat().st_mtime_ns == built  # read, not built again
    assert not list(tmp_path.glob("home*/tagger-*"))


def test_a_call_mixing_seen_and_unseen_text_past_the_memory_cap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past `_MEMORY` answers the memory starts afresh: a call's windows known before
    still get their answers (an editor's page mixing seen and unseen text)."""
    glossary_csv = tmp_path / "terms.csv"
    glossary_csv.write_text(TERMS, encoding="utf-8")
    glossary = load_glossary(glossary_csv)
    tables = compile_glossary(glossary)
    expected = Matcher(glossary, tables, tmp_path / "plain").find_many(TEXTS)
    monkeypatch.setattr(tags, "_MEMORY", 0)  # any answer held starts memory afresh
    matcher = Matcher(glossary, tables, tmp_path / "capped")
    assert matcher.find_many(TEXTS[:1]) == expected[:1]
    assert matcher.find_many(TEXTS) == expected


def test_a_short_final_record_is_left_to_its_writer(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A record another process is still appending is not damage: the records before it
    are read, and the log is neither removed nor rewritten."""
    glossary_csv = tmp_path / "terms.csv"
    glossary_csv.write_text(TERMS, encoding="utf-8")
    glossary = load_glossary(glossary_csv)
    folder = tmp_path / "cache"
    matcher = Matcher(glossary, compile_glossary(glossary), folder)
    matcher.find_many(TEXTS[:1])
    first = dict(tags.kept(folder).tags)
    (log,) = folder.glob("tags-*.log")
    one = log.stat().st_size
    matcher.find_many(TEXTS)  # a second record
    assert log.stat().st_size > one and len(tags.kept(folder).tags) > len(first)
    whole = log.read_bytes()
    for torn in (whole[:-3], whole[: one + 5]):  # cut in its body, in its head
        log.write_bytes(torn)
        tags._kept.cache_clear()  # as a new process would
        with caplog.at_level(logging.WARNING):
            assert tags.kept(folder).tags == first
        assert log.read_bytes() == torn and "tagger cache" not in caplog.text
