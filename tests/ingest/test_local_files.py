"""Files editors drop in: Markdown with front matter, HTML pages or fragments, plain text, any encoding."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

from translate_pub.config import Settings
from translate_pub.ingest.files import read_file
from translate_pub.ingest.run import ingest
from translate_pub.store import Store

from .conftest import FIXTURES

COURTS = (FIXTURES / "2013-01-29-courts.md").read_text(encoding="utf-8")


def test_a_folder_of_ovd_info_files_is_ingested_once(store: Store, settings: Settings, tmp_path: Path) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    for name in ("2013-04-23-report-2013-1.md", "2013-01-29-courts.md", "2013-01-28-about.md"):
        shutil.copy(FIXTURES / name, folder / name)
    (folder / ".hidden.md").write_text("---\ntitle: x\n---\nСкрыто.", encoding="utf-8")
    first = ingest(store, settings, [str(folder)], "OVD-Info")
    assert first.errors == [] and first.count("created") == 3
    again = ingest(store, settings, [str(folder)], "OVD-Info")
    assert again.count("unchanged") == 3 and again.summary() == "0 new, 0 updated, 3 unchanged, 0 failed"


def test_markdown_front_matter_gives_title_and_date() -> None:
    doc = read_file(FIXTURES / "2013-04-23-report-2013-1.md", outlet="OVD-Info")
    assert doc.title == "Политические задержания в Москве январь - март 2013"
    assert doc.published_at is not None and doc.published_at.date() == datetime(2013, 4, 23).date()
    assert doc.segments[0].block == "title" and doc.segments[1].source == "Резюме"
    assert not any("<script" in s.source or "dataSourceUrl" in s.source for s in doc.segments)


def test_text_files_in_koi8_r_and_windows_1251_read_as_russian(tmp_path: Path) -> None:
    body = COURTS.split("---\n", 2)[2].strip()
    docs = []
    for encoding in ("koi8_r", "cp1251", "utf-8"):
        path = tmp_path / f"courts-{encoding}.txt"
        path.write_bytes(body.encode(encoding))
        docs.append(read_file(path))
    assert docs[0].segments[1:] == docs[1].segments[1:] == docs[2].segments[1:]
    assert docs[0].content_hash != "" and "2341 административное дело" in docs[0].segments[1].source
    assert docs[0].raw == body.encode("koi8_r")


def test_a_saved_koi8_r_page_reads_through_its_meta_charset() -> None:
    doc = read_file(FIXTURES / "courts-koi8r.html", outlet="OVD-Info")
    assert doc.title == "Данные по мировым судам"
    assert any("Единого информационного пространства" in s.source for s in doc.segments)
    # its canonical link is relative, meaningless away from the site: the file is its own address
    assert doc.canonical_url == (FIXTURES / "courts-koi8r.html").resolve().as_uri()


def test_hugo_toml_front_matter_is_read(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text('+++\ntitle = "Суд в Аргуне"\ndate = 2017-06-26T10:00:00Z\ntags = ["Чечня"]\n+++\n\n'
                    "Суд отложил заседание, т.е. дело не рассмотрено.\n", encoding="utf-8")
    doc = read_file(path)
    assert doc.title == "Суд в Аргуне" and doc.tags == ("Чечня",)
    assert doc.published_at is not None and doc.published_at.year == 2017
    assert [s.source for s in doc.segments] == ["Суд в Аргуне", "Суд отложил заседание, т.е. дело не рассмотрено."]
