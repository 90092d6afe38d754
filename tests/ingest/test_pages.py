"""Article pages from a local server into the store: extraction, provenance, encodings, dedupe."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select

from translate_pub.config import Settings
from translate_pub.ingest.fetch import Fetcher
from translate_pub.ingest.run import ingest
from translate_pub.store import Store
from translate_pub.store import schema as t
from translate_pub.store.documents import archived_raw, current_segments, get_document

from .conftest import FIXTURES, Reply, Site


def counts(store: Store) -> tuple[int, ...]:
    with store.begin() as conn:
        return tuple(
            conn.execute(select(func.count()).select_from(table)).scalar_one()
            for table in (t.documents, t.source_revisions, t.segments)
        )


def sources(store: Store, doc_id: int) -> list[str]:
    with store.begin() as conn:
        return [s.source for s in current_segments(conn, doc_id)]


def test_a_page_keeps_the_article_and_drops_navigation_and_comments(
    store: Store, settings: Settings, site: Site, fetcher: Fetcher
) -> None:
    site.fixture("/report.html", "report-2013-1.html")
    report = ingest(
        store,
        settings,
        [site.base + "/report.html?utm_source=tg"],
        "OVD-Info",
        fetcher=fetcher,
    )
    assert report.errors == [] and report.count("created") == 1
    doc_id = report.saved[0].document_id
    with store.begin() as conn:
        doc = get_document(conn, doc_id)
        segs = current_segments(conn, doc_id)
    assert doc.canonical_url == "https://ovdinfo.org/reports/2013/1"
    assert (
        doc.url == site.base + "/report.html?utm_source=tg" and doc.outlet == "OVD-Info"
    )
    assert doc.title == "Политические задержания в Москве январь - март 2013"
    assert doc.published_at.replace(tzinfo=UTC) == datetime(
        2013, 4, 23, 6, 0, tzinfo=UTC
    )
    text = " ".join(s.source for s in segs)
    assert "Резюме" in text and "Количество задержаний падает" in text
    for boilerplate in (
        "Спасибо за отчёт",
        "Комментарии",
        "Главная",
        "counter",
        "CC BY 3.0",
    ):
        assert boilerplate not in text
    assert {"title", "h2", "p", "li"} <= {s.block for s in segs}
    assert any(m["tag"] == "a" and m["href"] for s in segs for m in s.markup.values())


def test_archived_copy_is_exactly_the_fetched_bytes(
    store: Store, settings: Settings, site: Site, fetcher: Fetcher
) -> None:
    site.fixture(
        "/courts.html",
        "courts-cp1251.html",
        content_type="text/html; charset=windows-1251",
    )
    report = ingest(
        store, settings, [site.base + "/courts.html"], "OVD-Info", fetcher=fetcher
    )
    doc_id = report.saved[0].document_id
    with store.begin() as conn:
        raw = archived_raw(conn, doc_id, 1)
        rev = conn.execute(select(t.source_revisions)).one()
    assert raw == (FIXTURES / "courts-cp1251.html").read_bytes()
    assert (
        rev.url == site.base + "/courts.html"
        and rev.content_type == "text/html; charset=windows-1251"
    )
    assert rev.fetched_at is not None


def test_windows_1251_and_koi8_r_pages_read_the_same_as_utf_8(
    store: Store, settings: Settings, site: Site, fetcher: Fetcher
) -> None:
    utf8 = (
        (FIXTURES / "courts-cp1251.html")
        .read_bytes()
        .decode("cp1251")
        .replace("windows-1251", "utf-8")
        .replace("/ru?", "/utf8?")
        .encode()
    )
    site.add("/utf8.html", Reply(utf8))
    site.fixture(
        "/cp1251.html",
        "courts-cp1251.html",
        content_type="text/html; charset=windows-1251",
    )
    site.fixture(
        "/koi8.html", "courts-koi8r.html", content_type="text/html"
    )  # only <meta> says koi8-r
    site.fixture(
        "/liar.html",
        "courts-koi8r.html",
        content_type="text/html; charset=windows-1251",
    )
    urls = [site.base + p for p in ("/utf8.html", "/cp1251.html", "/koi8.html")]
    report = ingest(store, settings, urls, "OVD-Info", fetcher=fetcher)
    assert report.errors == [] and report.count("created") == 3
    texts = [sources(store, s.document_id) for s in report.saved]
    assert texts[0][0] == "Данные по мировым судам"
    assert "В <1>судебной базы данных" in texts[0][1]
    assert texts[0] == texts[1]
    assert [x.replace("«О проекте»", '"О проекте"') for x in texts[0]] == texts[2]
    liar = ingest(
        store, settings, [site.base + "/liar.html"], "OVD-Info", fetcher=fetcher
    )
    assert (
        liar.saved[0].outcome == "unchanged"
    )  # same canonical URL, same text: the header lied


def test_reingesting_changes_nothing_and_sends_conditional_headers(
    store: Store, settings: Settings, site: Site, fetcher: Fetcher
) -> None:
    url = site.fixture("/report.html", "report-2013-1.html", etag='"r1"')
    site.fixture(
        "/plain.html", "report-2013-1.html"
    )  # same article, no ETag, other address
    first = ingest(store, settings, [url], "OVD-Info", fetcher=fetcher)
    before = counts(store)
    again = ingest(
        store,
        settings,
        [url, site.base + "/plain.html?utm_source=vk"],
        "OVD-Info",
        fetcher=fetcher,
    )
    assert [s.outcome for s in again.saved] == ["unchanged", "unchanged"]
    assert {s.document_id for s in again.saved} == {first.saved[0].document_id}
    assert counts(store) == before
    assert site.hits("/report.html")[1]["if-none-match"] == '"r1"'


def test_a_local_saved_page_and_the_fetched_page_are_one_document(
    store: Store, settings: Settings, site: Site, fetcher: Fetcher
) -> None:
    site.fixture("/report.html", "report-2013-1.html")
    fetched = ingest(
        store, settings, [site.base + "/report.html"], "OVD-Info", fetcher=fetcher
    )
    local = ingest(
        store,
        settings,
        [str(FIXTURES / "report-2013-1.html")],
        "OVD-Info",
        fetcher=fetcher,
    )
    assert local.saved[0].outcome == "unchanged"
    assert local.saved[0].document_id == fetched.saved[0].document_id


def test_relative_links_in_the_article_point_back_to_the_site(
    store: Store, settings: Settings, site: Site, fetcher: Fetcher
) -> None:
    page = (
        "<html><head><title>Суд</title></head><body><article><h1>Суд в Аргуне</h1>"
        '<p>Суд отложил заседание, см. <a href="/news/7">предыдущую заметку</a> и материалы дела.</p>'
        "</article></body></html>"
    ).encode()
    url = site.add("/news/8", Reply(page))
    report = ingest(store, settings, [url], "Kavkaz-uzel", fetcher=fetcher)
    with store.begin() as conn:
        segs = current_segments(conn, report.saved[0].document_id)
    assert segs[1].markup == {"1": {"tag": "a", "href": site.base + "/news/7"}}
