"""RSS and Atom feeds: entries become documents, broken entries become error lines, re-polls are cheap."""

from __future__ import annotations

from datetime import UTC, datetime

from translate_pub.config import Settings
from translate_pub.ingest.feeds import is_feed
from translate_pub.ingest.fetch import Fetcher
from translate_pub.ingest.run import ingest
from translate_pub.store import Store
from translate_pub.store.documents import get_document

from .conftest import Reply, Site


def serve_rss(
    site: Site, content_type: str = "application/rss+xml", etag: str | None = None
) -> str:
    site.fixture("/report.html", "report-2013-1.html")
    site.fixture(
        "/courts-cp1251.html",
        "courts-cp1251.html",
        content_type="text/html; charset=windows-1251",
    )
    return site.fixture("/rss.xml", "rss.xml", content_type=content_type, etag=etag)


def test_rss_entries_are_ingested_and_broken_ones_reported(
    store: Store, settings: Settings, site: Site, fetcher: Fetcher
) -> None:
    feed = serve_rss(site)
    report = ingest(store, settings, [feed], "OVD-Info", fetcher=fetcher)
    assert report.count("created") == 2
    assert len(report.errors) == 2
    assert (
        report.errors[0]
        == f"[OVD-Info] {feed} entry 3 «Запись без ссылки»: entry has no article link"
    )
    assert report.errors[1] == f"[OVD-Info] {site.base}/gone.html: HTTP 404 Not Found"
    with store.begin() as conn:
        report_doc, courts_doc = (
            get_document(conn, s.document_id) for s in report.saved
        )
    assert report_doc.canonical_url == "https://ovdinfo.org/reports/2013/1"
    assert report_doc.url == f"{site.base}/report.html?utm_source=rss&utm_medium=feed"
    # the feed's date wins over the page's own metadata
    assert courts_doc.published_at.replace(tzinfo=UTC) == datetime(
        2013, 1, 29, 8, 30, tzinfo=UTC
    )
    assert (
        courts_doc.title == "Данные по мировым судам"
        and courts_doc.outlet == "OVD-Info"
    )


def test_known_entries_are_not_fetched_again(
    store: Store, settings: Settings, site: Site, fetcher: Fetcher
) -> None:
    feed = serve_rss(
        site, content_type="text/xml"
    )  # a generic type: told apart by its <rss> root
    ingest(store, settings, [feed], "OVD-Info", fetcher=fetcher)
    again = ingest(store, settings, [feed], "OVD-Info", fetcher=fetcher)
    assert again.count("unchanged") == 2 and again.count("created") == 0
    assert (
        len(site.hits("/report.html")) == 1
        and len(site.hits("/courts-cp1251.html")) == 1
    )
    # the entry that 404'd is tried again, so the feed was fetched in full (no ETag was kept)
    assert len(site.hits("/gone.html")) == 2


def test_an_unchanged_atom_feed_transfers_no_body_on_the_next_poll(
    store: Store, settings: Settings, site: Site, fetcher: Fetcher
) -> None:
    site.fixture("/courts-koi8r.html", "courts-koi8r.html")
    feed = site.fixture(
        "/atom.xml", "atom.xml", content_type="application/atom+xml", etag='"a1"'
    )
    first = ingest(store, settings, [feed], "Memorial", fetcher=fetcher)
    assert first.count("created") == 1
    assert first.errors == [
        f"[Memorial] {feed} entry 2 «Запись с битой ссылкой»: entry has no article link"
    ]
    second = ingest(store, settings, [feed], "Memorial", fetcher=fetcher)
    assert second.not_modified == [feed] and second.saved == [] and second.errors == []
    assert site.hits("/atom.xml")[1]["if-none-match"] == '"a1"'
    assert len(site.hits("/courts-koi8r.html")) == 1
    assert "1 feeds not modified" in second.summary()


def test_a_malformed_feed_is_one_error(
    store: Store, settings: Settings, site: Site, fetcher: Fetcher
) -> None:
    feed = site.fixture("/bad.xml", "malformed.xml", content_type="application/rss+xml")
    report = ingest(store, settings, [feed], "OVD-Info", fetcher=fetcher)
    assert report.saved == []
    assert len(report.errors) == 1 and report.errors[0].startswith(
        f"[OVD-Info] {feed}: malformed feed ("
    )


def test_feeds_are_recognised_by_type_or_root_element() -> None:
    assert is_feed("application/atom+xml", b"")
    assert is_feed(
        "text/xml", b'<?xml version="1.0"?>\n<!-- c -->\n<rss version="2.0">'
    )
    assert is_feed(
        "text/html", b"\xef\xbb\xbf<feed xmlns='http://www.w3.org/2005/Atom'>"
    )
    assert not is_feed("text/html", b"<!DOCTYPE html><html><body><rss>")
    assert not is_feed("application/pdf", b"<rss>")


def test_a_truncated_feed_is_reported_and_fetched_in_full_next_time(
    store: Store, settings: Settings, site: Site, fetcher: Fetcher
) -> None:
    site.fixture("/courts-koi8r.html", "courts-koi8r.html")
    body = (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        f"<item><title>a</title><link>{site.base}/courts-koi8r.html</link></item>"
        f"<item><title>b</title><link>{site.base}/la"
    ).encode()
    feed = site.add(
        "/rss.xml", Reply(body, content_type="application/rss+xml", etag='"t1"')
    )
    first = ingest(store, settings, [feed], "OVD-Info", fetcher=fetcher)
    assert first.count("created") == 1
    assert (
        f"[OVD-Info] {feed}: truncated feed: it ends before its closing tag; later entries missing"
        in first.errors
    )
    ingest(store, settings, [feed], "OVD-Info", fetcher=fetcher)
    assert "if-none-match" not in site.hits("/rss.xml")[1]
