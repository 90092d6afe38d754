"""Files editors drop in: Markdown with front matter, HTML pages or fragments, plain text, any encoding."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import event, func, select

from translate_pub.config import Settings
from translate_pub.errors import InputError
from translate_pub.ingest.files import read_file
from translate_pub.ingest.run import ingest
from translate_pub.store import Store
from translate_pub.store import schema as t
from translate_pub.store.documents import save_document

from .conftest import FIXTURES

COURTS = (FIXTURES / "2013-01-29-courts.md").read_text(encoding="utf-8")


def test_a_folder_of_ovd_info_files_is_ingested_once(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    for name in (
        "2013-04-23-report-2013-1.md",
        "2013-01-29-courts.md",
        "2013-01-28-about.md",
    ):
        shutil.copy(FIXTURES / name, folder / name)
    (folder / ".hidden.md").write_text("---\ntitle: x\n---\nСкрыто.", encoding="utf-8")
    first = ingest(store, settings, [str(folder)], "OVD-Info")
    assert first.errors == [] and first.count("created") == 3
    again = ingest(store, settings, [str(folder)], "OVD-Info")
    assert (
        again.count("unchanged") == 3
        and again.summary() == "0 new, 0 updated, 3 unchanged, 0 failed"
    )


def test_markdown_front_matter_gives_title_and_date() -> None:
    doc = read_file(FIXTURES / "2013-04-23-report-2013-1.md", outlet="OVD-Info")
    assert doc.title == "Политические задержания в Москве январь - март 2013"
    assert (
        doc.published_at is not None
        and doc.published_at.date() == datetime(2013, 4, 23).date()
    )
    assert doc.segments[0].block == "title" and doc.segments[1].source == "Резюме"
    assert not any(
        "<script" in s.source or "dataSourceUrl" in s.source for s in doc.segments
    )


def test_text_files_in_koi8_r_and_windows_1251_read_as_russian(tmp_path: Path) -> None:
    body = COURTS.split("---\n", 2)[2].strip()
    docs = []
    for encoding in ("koi8_r", "cp1251", "utf-8"):
        path = tmp_path / f"courts-{encoding}.txt"
        path.write_bytes(body.encode(encoding))
        docs.append(read_file(path))
    assert docs[0].segments[1:] == docs[1].segments[1:] == docs[2].segments[1:]
    assert (
        docs[0].content_hash != ""
        and "2341 административное дело" in docs[0].segments[1].source
    )
    assert docs[0].raw == body.encode("koi8_r")


def test_a_saved_koi8_r_page_reads_through_its_meta_charset() -> None:
    doc = read_file(FIXTURES / "courts-koi8r.html", outlet="OVD-Info")
    assert doc.title == "Данные по мировым судам"
    assert any("Единого информационного пространства" in s.source for s in doc.segments)
    # its canonical link is relative, meaningless away from the site: the file is its own address
    assert doc.canonical_url == (FIXTURES / "courts-koi8r.html").resolve().as_uri()


def test_hugo_toml_front_matter_is_read(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text(
        '+++\ntitle = "Суд в Аргуне"\ndate = 2017-06-26T10:00:00Z\ntags = ["Чечня"]\n+++\n\n'
        "Суд отложил заседание, т.е. дело не рассмотрено.\n",
        encoding="utf-8",
    )
    doc = read_file(path)
    assert doc.title == "Суд в Аргуне" and doc.tags == ("Чечня",)
    assert doc.published_at is not None and doc.published_at.year == 2017
    assert [s.source for s in doc.segments] == [
        "Суд в Аргуне",
        "Суд отложил заседание, т.е. дело не рассмотрено.",
        "Чечня",  # the tag's name, translated with the article (block "name")
    ]


def test_a_subfolder_named_like_a_file_is_not_read_as_one(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    folder = tmp_path / "drop"
    (folder / "archive.md").mkdir(parents=True)  # a folder whose name ends in .md
    shutil.copy(
        FIXTURES / "2013-01-29-courts.md",
        folder / "archive.md" / "2013-01-29-courts.md",
    )
    shutil.copy(FIXTURES / "2013-01-28-about.md", folder / "2013-01-28-about.md")
    report = ingest(store, settings, [str(folder)], "OVD-Info")
    assert report.errors == [] and report.count("created") == 2


def test_an_unreadable_path_is_an_input_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.mkdir()
    with pytest.raises(InputError, match=r"notes\.md: cannot read file"):
        read_file(path)


def test_an_article_saved_meanwhile_by_another_task_is_not_a_crash(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    path = tmp_path / "2013-01-29-courts.md"
    shutil.copy(FIXTURES / "2013-01-29-courts.md", path)
    doc = read_file(path, outlet="OVD-Info")
    other = Store(settings.db_url)  # a second process's connection
    raced = []

    @event.listens_for(store.engine, "before_cursor_execute")
    def concurrent_writer(conn, cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        # Just before our first insert of a document, another task commits the same article.
        if statement.startswith("INSERT INTO documents") and not raced:
            raced.append(True)
            with other.begin() as c:
                save_document(c, doc, settings.targets)

    try:
        report = ingest(store, settings, [str(path)], "OVD-Info")
    finally:
        event.remove(store.engine, "before_cursor_execute", concurrent_writer)
        other.dispose()
    assert (
        raced
        and report.errors == []
        and [s.outcome for s in report.saved] == ["unchanged"]
    )
    with store.begin() as conn:
        assert (
            conn.execute(select(func.count()).select_from(t.documents)).scalar_one()
            == 1
        )


def test_local_files_are_ingested_without_reading_a_tls_ca_bundle(
    store: Store, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fetcher's HTTP clients are made on its first fetch: an `ingest` of local files makes
    none (each one reads the CA bundle, about 25 ms)."""
    import ssl

    made: list[object] = []
    real = ssl.create_default_context

    def counted(*args: object, **kwargs: object) -> ssl.SSLContext:
        made.append(args or kwargs)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ssl, "create_default_context", counted)
    report = ingest(store, settings, [str(FIXTURES / "2013-01-29-courts.md")], "x")
    assert report.count("created") == 1 and made == []
