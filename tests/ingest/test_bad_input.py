"""Every bad item is one error line (outlet, URL, reason); the rest of the batch is stored whole."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import func, select

from translate_pub.config import Settings
from translate_pub.ingest.fetch import Fetcher
from translate_pub.ingest.run import ingest
from translate_pub.store import Store
from translate_pub.store import schema as t

from .conftest import FIXTURES, Reply, Site


def test_a_batch_of_bad_urls_fails_item_by_item(
    store: Store, settings: Settings, site: Site, fetcher: Fetcher
) -> None:
    site.fixture("/truncated.html", "truncated.html")
    site.fixture("/empty.html", "empty.html")
    site.fixture("/report.pdf", "report.pdf", content_type="application/pdf")
    site.fixture("/disguised.html", "report.pdf")  # a PDF served as text/html
    site.add("/loop", Reply(status=302, headers={"Location": "/loop"}))
    site.add(
        "/huge.html", Reply(b"<html><body><p>" + b"x" * 300_000 + b"</p></body></html>")
    )
    site.fixture("/broken.xml", "malformed.xml", content_type="application/rss+xml")
    good = site.fixture("/report.html", "report-2013-1.html")
    bad = {
        "/truncated.html": "truncated HTML",
        "/empty.html": "empty article",
        "/report.pdf": "PDF content",
        "/disguised.html": "PDF content",
        "/missing.html": "HTTP 404",
        "/loop": "redirect loop",
        "/huge.html": "response too large",
        "/broken.xml": "malformed feed",
    }
    report = ingest(
        store,
        settings,
        [site.base + p for p in bad] + [good],
        "Kavkaz-uzel",
        fetcher=fetcher,
    )
    assert report.count("created") == 1
    assert len(report.errors) == len(bad)
    for line, (path, reason) in zip(report.errors, bad.items(), strict=True):
        assert line.startswith(f"[Kavkaz-uzel] {site.base}{path}: "), line
        assert reason in line and "\n" not in line
    with store.begin() as conn:
        assert (
            conn.execute(select(func.count()).select_from(t.documents)).scalar_one()
            == 1
        )
        assert (
            conn.execute(
                select(func.count()).select_from(t.source_revisions)
            ).scalar_one()
            == 1
        )
        assert (
            conn.execute(select(func.count()).select_from(t.fetch_state)).scalar_one()
            == 0
        )


def test_bad_local_files_fail_one_by_one(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "good.md").write_bytes((FIXTURES / "2013-01-29-courts.md").read_bytes())
    (folder / "scan.txt").write_bytes((FIXTURES / "report.pdf").read_bytes())
    (folder / "cut.html").write_bytes((FIXTURES / "truncated.html").read_bytes())
    (folder / "blank.md").write_text("---\ntitle: Пусто\n---\n\n", encoding="utf-8")
    (folder / "bad-front.md").write_text(
        "---\ntitle: [unclosed\n---\nТекст.\n", encoding="utf-8"
    )
    report = ingest(store, settings, [str(folder), str(tmp_path / "nowhere")], "local")
    assert report.count("created") == 1
    assert sorted(report.errors) == sorted(
        [
            f"[local] {folder / 'bad-front.md'}:2: bad front matter: expected ',' or ']', but got '<stream end>'",
            f"[local] {folder / 'blank.md'}: empty article: no text found",
            f"[local] {folder / 'cut.html'}: truncated HTML: the page ends before </body></html>",
            f"[local] {folder / 'scan.txt'}: PDF content, not a text article",
            f"[local] {tmp_path / 'nowhere'}: no such file or folder",
        ]
    )


def test_unparsable_urls_in_feeds_and_redirects_are_item_errors(
    store: Store, settings: Settings, site: Site, fetcher: Fetcher
) -> None:
    good = site.fixture("/report.html", "report-2013-1.html")
    site.add("/moved", Reply(status=301, headers={"Location": "http://[bad/x"}))
    rss = (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        f"<item><title>a</title><link>http://ovd.info:abc/n/1</link></item>"
        f"<item><title>b</title><link>{good}</link></item></channel></rss>"
    ).encode()
    feed = site.add("/rss.xml", Reply(rss, content_type="application/rss+xml"))
    report = ingest(
        store, settings, [site.base + "/moved", feed], "OVD-Info", fetcher=fetcher
    )
    assert report.count("created") == 1
    assert len(report.errors) == 2
    assert report.errors[0].startswith(
        f"[OVD-Info] {site.base}/moved: invalid redirect target"
    )
    assert report.errors[1].startswith(
        "[OVD-Info] http://ovd.info:abc/n/1: invalid URL"
    )


def test_addresses_httpx_refuses_in_a_feed_skip_their_entry_and_the_batch_goes_on(
    store: Store, settings: Settings, site: Site, fetcher: Fetcher, tmp_path: Path
) -> None:
    good = site.fixture("/report.html", "report-2013-1.html")
    links = ["http://0177.0.0.1/", "http://①②⑦.0.0.1/", good]
    items = "".join(
        f"<item><title>{n}</title><link>{link}</link></item>"
        for n, link in enumerate(links)
    )
    rss = f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>'.encode()
    feed = site.add("/rss.xml", Reply(rss, content_type="application/rss+xml"))
    local = tmp_path / "good.md"
    local.write_bytes((FIXTURES / "2013-01-29-courts.md").read_bytes())
    report = ingest(store, settings, [feed, str(local)], "OVD-Info", fetcher=fetcher)
    assert report.count("created") == 2  # the feed's good entry and the local file
    assert [e.split(" (")[0] for e in report.errors] == [
        "[OVD-Info] http://0177.0.0.1/: invalid URL 'http://0177.0.0.1/'",
        "[OVD-Info] http://①②⑦.0.0.1/: invalid URL 'http://①②⑦.0.0.1/'",
    ]
    assert report.summary() == "2 new, 0 updated, 0 unchanged, 2 failed"


def test_an_impossible_front_matter_date_fails_its_file_and_the_folder_goes_on(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "a-bad-date.md").write_text(
        "---\ntitle: Дата\ndate: 2017-13-45\n---\nТекст.\n", encoding="utf-8"
    )
    (folder / "good.md").write_bytes((FIXTURES / "2013-01-29-courts.md").read_bytes())
    report = ingest(store, settings, [str(folder)], "local")
    assert report.errors == [
        f"[local] {folder / 'a-bad-date.md'}: bad front matter: month must be in 1..12"
    ]
    assert report.summary() == "1 new, 0 updated, 0 unchanged, 1 failed"


def test_an_unreadable_folder_is_an_error_never_0_new(
    store: Store, settings: Settings
) -> None:
    from tests.unprivileged import as_nobody, shared_folder
    from translate_pub.errors import InputError
    from translate_pub.ingest.files import expand

    with shared_folder() as shared:
        (shared / "locked").mkdir(mode=0o700)
        (shared / "locked" / "report.md").write_text(
            "# Доклад\n\nТекст.\n", encoding="utf-8"
        )
        (shared / "open").mkdir(mode=0o755)
        (shared / "open" / "report.md").write_text(
            "# Доклад\n\nТекст.\n", encoding="utf-8"
        )
        (shared / "open" / "report.md").chmod(0o644)
        if (
            os.geteuid() != 0
        ):  # as root, 0700 keeps nobody out; as its owner, only 0000 keeps us out
            (shared / "locked").chmod(0o000)

        def walk(path: Path) -> tuple[list[Path], list[str]] | str:
            try:
                return expand(path)
            except InputError as exc:
                return str(exc)

        assert (
            as_nobody(lambda: walk(shared / "locked"))
            == f"{shared / 'locked'}: cannot read folder (Permission denied)"
        )
        found, notes = as_nobody(lambda: walk(shared))  # type: ignore[misc]
        assert found == [shared / "open" / "report.md"]
        assert notes == [
            f"{shared / 'locked'}: skipped, cannot read folder (Permission denied)"
        ]


def test_an_empty_source_name_is_refused_not_the_current_folder(
    store: Store, settings: Settings, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "report.md").write_bytes(
        (FIXTURES / "2013-01-29-courts.md").read_bytes()
    )
    monkeypatch.chdir(tmp_path)
    report = ingest(store, settings, ["", "  "], "local")
    assert report.errors == [
        "[local] '': an empty name is no file, folder or URL",
        "[local] '  ': an empty name is no file, folder or URL",
    ]
    assert report.summary() == "0 new, 0 updated, 0 unchanged, 2 failed"
