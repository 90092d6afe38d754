"""An English-first digest (`lang: en`): ingested, machine-translated into Russian through the
fake MT service over HTTP with the glossary read from its English side, reviewed and approved in
the app, published. The English page shows the connecting text as written and the sources'
approved English; the Russian page the reviewed Russian and the originals."""

from __future__ import annotations

import json
import re
from pathlib import Path

from fastapi.testclient import TestClient
from lxml import html
from sqlalchemy import select

from tests.digest_newsroom import FIXTURES, build_sources
from tests.fakes.mt_service import Behaviour, serve
from tests.mt.support import FAST
from tests.review.conftest import HASH, csrf_of, login, segments_of
from translate_pub.config import Settings
from translate_pub.ingest.digest_files import ingest_digests
from translate_pub.model import Role, Status
from translate_pub.mt.libre import LibreEngine
from translate_pub.mt.pipeline import translate_pending
from translate_pub.orchestra.publisher import PrefectPublisher
from translate_pub.review.app import create_app
from translate_pub.store import Store
from translate_pub.store import schema as t
from translate_pub.store import users as user_store
from translate_pub.store.documents import current_segments
from translate_pub.store.translations import get_status
from translate_pub.terms.glossary import load_glossary

from .newsroom import publish

DIGEST = FIXTURES / "rights-group-of-the-week-en.md"
TITLE_RU = "Правозащитная группа недели: ОВД-Инфо"


def _ingested(store: Store, settings: Settings) -> tuple[int, dict[str, int]]:
    ids = build_sources(store)
    done, errors = ingest_digests(store, DIGEST, settings)
    assert errors == [] and "created" in done[0], (done, errors)
    return int(done[0].split("digest ")[1].split()[0]), ids


def _original(store: Store, doc_id: int, position: int) -> str:
    with store.begin() as conn:
        return next(
            s.source for s in current_segments(conn, doc_id) if s.position == position
        )


def test_an_english_digest_is_a_document_written_in_english_going_into_russian(
    store: Store, settings: Settings
) -> None:
    digest_id, ids = _ingested(store, settings)
    english = json.loads((FIXTURES / "approved-en.json").read_text())
    with store.begin() as conn:
        doc = conn.execute(
            select(t.documents).where(t.documents.c.id == digest_id)
        ).one()
        segs = current_segments(conn, digest_id)
        ru = dict(
            conn.execute(
                select(t.translations.c.segment_id, t.translations.c.text).where(
                    t.translations.c.lang == "ru"
                )
            ).all()
        )
        assert get_status(conn, digest_id, "ru").status == Status.NEW
        assert get_status(conn, digest_id, "en") is None
    assert doc.source_lang == "en" and doc.title == "Rights Group of the Week: OVD-Info"
    [quote] = [s for s in segs if s.block == "quote"]
    # its own text is the source's approved English; its Russian, the original, never MT's
    assert quote.source == english["2013-01-28-about.md"][1]
    assert ru[quote.id] == _original(store, ids["2013-01-28-about.md"], 1)
    assert [s.id for s in segs if s.id in ru] == [quote.id]


def test_a_digest_in_a_language_not_configured_is_refused_in_one_line(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    build_sources(store)
    path = tmp_path / "de.md"
    path.write_text(DIGEST.read_text().replace("lang: en", "lang: de"))
    done, errors = ingest_digests(store, path, settings)
    assert done == [] and errors == [
        f"{path}:1: lang: de: a digest is written in ru or en"
    ]


def test_english_first_digest_through_mt_review_and_publish(
    store: Store, site_settings: Settings, tmp_path: Path
) -> None:
    settings = site_settings
    digest_id, ids = _ingested(store, settings)
    glossary = load_glossary(settings.glossary)
    with serve(Behaviour()) as fake:
        engine = LibreEngine(fake.url, limits=FAST)
        into_english = translate_pending(store, engine, glossary, "ru", "en")
        report = translate_pending(store, engine, glossary, "en", "ru")
    assert into_english.machine == 0  # nothing of the English digest goes ru→en
    sent = [(b["source"], b["target"], q) for b in fake.stats.bodies for q in b["q"]]
    assert {(s, tg) for s, tg, _q in sent} == {("en", "ru")}
    assert not any("independent human rights" in q for _s, _t, q in sent)  # quotes stay
    assert report.documents == [digest_id]
    with store.begin() as conn:
        rows = conn.execute(
            select(t.segments.c.position, t.translations.c.text)
            .join(t.translations, t.translations.c.segment_id == t.segments.c.id)
            .where(t.segments.c.document_id == digest_id, t.translations.c.lang == "ru")
            .order_by(t.segments.c.position)
        ).all()
    first = rows[1].text
    # the glossary read from its English side: "OVD-Info", "Moscow" shielded, given as its terms
    assert first.startswith("<1>ОВД-Инфо</1>") and "в Москва" in first

    with store.begin() as conn:
        for name, role in (("tanya", Role.TRANSLATOR), ("rita", Role.REVIEWER)):
            user_store.add_user(conn, name, role, HASH)
    app = create_app(settings, PrefectPublisher())
    try:
        with TestClient(
            app, base_url="https://testserver", follow_redirects=False
        ) as client:
            _review(client, digest_id)
    finally:
        app.state.store.dispose()

    out = tmp_path / "site"
    publish(store, settings, out)
    en = html.fromstring(
        (out / "en/digests/rights-group-of-the-week-ovd-info.html").read_bytes()
    )
    [ru_path] = list((out / "ru/digests").glob("*.html"))
    ru = html.fromstring(ru_path.read_bytes())
    english = json.loads((FIXTURES / "approved-en.json").read_text())
    en_text, ru_text = en.text_content(), ru.text_content()
    assert "OVD-Info monitors political arrests in Moscow." in en_text  # as written
    assert english["2013-01-28-about.md"][1].split("<1/>")[0] in en_text
    assert ru.findtext(".//h1").strip() == TITLE_RU  # as the reviewer wrote it
    assert "ОВД-Инфо" in ru_text and "OVD-Info monitors" not in ru_text
    original = re.sub(r"<[^>]+>", "", _original(store, ids["2013-01-28-about.md"], 1))
    assert original.split(".")[0] in ru_text
    assert english["2013-01-28-about.md"][1].split(".")[0] not in ru_text
    [block] = ru.xpath('//blockquote[@class="quote"]')
    assert block.get("lang") == "ru"
    [block] = en.xpath('//blockquote[@class="quote"]')
    assert block.get("lang") == "en"
    # the series and tags named in each language, never Russian on the English page
    assert ru.xpath('//a[contains(@href, "series/")]/text()') and "Правозащитная" in (
        " ".join(ru.xpath('//a[contains(@href, "series/")]/text()'))
    )
    assert not re.search(
        r"[А-Яа-я]", " ".join(en.xpath('//a[contains(@href, "tags/")]/text()'))
    )
    assert (out / "ru/series/pravozashchitnaya-gruppa-nedeli/index.html").exists()
    assert (out / "en/series/rights-group-of-the-week/index.html").exists()


def _review(client: TestClient, digest_id: int) -> None:
    """The translator corrects the title and submits; the reviewer approves."""
    login(client, "tanya")
    page = client.get(f"/doc/{digest_id}/ru")
    assert page.status_code == 200
    # English source, Russian drafts
    assert re.search(r'class="src" id="src-2" lang="en"', page.text)
    assert "monitors political arrests in Moscow" in page.text
    assert re.search(r'<textarea id="tgt-2" lang="ru"[^>]*>[^<]*ОВД-Инфо', page.text)
    tid, version, url = segments_of(page.text)[0]
    saved = client.post(
        url,
        json={"text": TITLE_RU, "version": version},
        headers={"X-CSRF-Token": csrf_of(page.text)},
    )
    assert saved.status_code == 200, saved.text
    _act(client, digest_id, "submit")
    client.cookies.clear()
    login(client, "rita")
    done = _act(client, digest_id, "approve", "reviewed")
    assert done.status_code == 303, done.text


def _act(client: TestClient, digest_id: int, action: str, reason: str = ""):  # type: ignore[no-untyped-def]
    page = client.get(f"/doc/{digest_id}/ru").text
    version = int(page.split('name="version" value="')[1].split('"')[0])
    res = client.post(
        f"/doc/{digest_id}/ru/status",
        data={
            "csrf": csrf_of(page),
            "action": action,
            "version": version,
            "reason": reason,
        },
    )
    if (
        res.status_code != 303 and 'name="confirm"' in res.text
    ):  # open warnings to confirm
        confirm = res.text.split('name="confirm" value="')[1].split('"')[0]
        res = client.post(
            f"/doc/{digest_id}/ru/status",
            data={
                "csrf": csrf_of(page),
                "action": action,
                "version": version,
                "reason": reason,
                "confirm": confirm,
            },
        )
    assert res.status_code == 303, res.text[:2000]
    return res
