"""A tag or series name with no glossary term and no English field is translated with its
document: a segment after the body, drafted by MT, reviewed, frozen in the edition and used
to name the English pages; never a Russian name on an English page or URL."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from lxml import html

from tests import steps
from tests.digest_newsroom import DIGEST, build_sources
from tests.fakes.mt_service import Behaviour, serve
from tests.mt.support import FAST
from tests.review.conftest import HASH, csrf_of, login, segments_of
from translate_pub.config import Settings
from translate_pub.errors import StateError
from translate_pub.ingest.digest_files import ingest_digests
from translate_pub.ingest.files import read_file
from translate_pub.model import Role, User
from translate_pub.mt.libre import LibreEngine
from translate_pub.mt.pipeline import translate_pending
from translate_pub.orchestra.publisher import PrefectPublisher
from translate_pub.review.app import create_app
from translate_pub.store import Store, workflow
from translate_pub.store import users as user_store
from translate_pub.store.documents import current_segments
from translate_pub.terms.glossary import load_glossary

from .newsroom import publish


def _digest(tmp_path: Path) -> Path:
    """The fixture digest with a series and a tag given no English name."""
    text = DIGEST.read_text()
    text = text.replace("series: Правозащитная группа недели", "series: Рубрика недели")
    text = re.sub(r"series_en: .*\n", "", text)
    text = text.replace("tags: [ОВД-Инфо, суды]", "tags: [ОВД-Инфо, мировые суды]")
    text = text.replace("tags_en: [OVD-Info, courts]", "tags_en: [OVD-Info]")
    path = tmp_path / "digest.md"
    path.write_text(text)
    return path


def test_names_without_english_go_through_mt_and_review_and_name_the_english_pages(
    store: Store, site_settings: Settings, tmp_path: Path
) -> None:
    build_sources(store)
    done, errors = ingest_digests(store, _digest(tmp_path), site_settings)
    assert not errors
    digest_id = int(done[0].split("digest ")[1].split()[0])
    with store.begin() as conn:
        segs = current_segments(conn, digest_id)
    names = [s for s in segs if s.block == "name"]
    # after the body, so no sentence's number moves; only the names lacking English
    assert [s.source for s in names] == ["мировые суды", "Рубрика недели"]
    assert [s.position for s in names] == [len(segs) - 2, len(segs) - 1]
    with serve(Behaviour()) as fake:
        translate_pending(
            store,
            LibreEngine(fake.url, limits=FAST),
            load_glossary(site_settings.glossary),
            "ru",
            "en",
        )
    sent = [q for body in fake.stats.bodies for q in body["q"]]
    assert "Рубрика недели" in sent  # drafted by the engine with the document

    with store.begin() as conn:
        user_store.add_user(conn, "tanya", Role.TRANSLATOR, HASH)
    app = create_app(site_settings, PrefectPublisher())
    try:
        with TestClient(app, base_url="https://testserver") as client:
            login(client, "tanya")
            page = client.get(f"/doc/{digest_id}/en").text
            n = names[1].position + 1
            assert f'id="kind-{n}"' in page and "A tag or series name" in page
            # the translator corrects the series' draft; the tag's draft stays as MT made it
            [(tid, version, url)] = [
                x for x in segments_of(page) if x[0] == _tid(page, n)
            ]
            saved = client.post(
                url,
                json={"text": "Rubric of the Week", "version": version},
                headers={"X-CSRF-Token": csrf_of(page)},
            )
            assert saved.status_code == 200, saved.text
    finally:
        app.state.store.dispose()
    with store.begin() as conn:
        steps.approve(conn, digest_id, "en", "rita")
    out = tmp_path / "site"
    publish(store, site_settings, out)
    [en] = list((out / "en/digests").glob("*.html"))
    page_en = html.fromstring(en.read_bytes())
    tags = page_en.xpath('//a[contains(@href, "/tags/")]/text()')
    assert (
        "mirovye court" in tags
    )  # the engine's draft (glossary: суды → court), approved
    assert (out / "en/tags/mirovye-court/index.html").exists()
    assert (out / "en/series/rubric-of-the-week/index.html").exists()
    assert "Rubric of the Week" in page_en.text_content()
    everything_en = " ".join(
        p.relative_to(out).as_posix() for p in (out / "en").rglob("*")
    )
    assert not re.search(
        r"[А-Яа-я]", everything_en
    )  # no Russian name in an English URL
    for name in ("мировые суды", "Рубрика недели"):
        assert name not in page_en.text_content()
        assert name not in (out / "en/series/index.html").read_text()
    ru = html.fromstring(next((out / "ru/digests").glob("*.html")).read_bytes())
    assert "мировые суды" in ru.xpath('//a[contains(@href, "/tags/")]/text()')
    # the body is as before: the names are not sentences of the page
    assert "Rubric of the Week" not in " ".join(page_en.xpath("//blockquote//text()"))


def _tid(page: str, n: int) -> int:
    found = re.search(rf'<textarea id="tgt-{n}"[^>]*data-tid="(\d+)"', page)
    assert found, n
    return int(found.group(1))


def test_an_article_file_gets_a_name_segment_per_russian_tag_after_its_body(
    tmp_path: Path,
) -> None:
    path = tmp_path / "a.md"
    path.write_text(
        "---\ntitle: Суд\ntags: [суды, OVD-Info, суды]\n---\nСуд оштрафовал активиста.\n"
    )
    doc = read_file(path, outlet="x")
    assert [(s.block, s.source) for s in doc.segments] == [
        ("title", "Суд"),
        ("p", "Суд оштрафовал активиста."),
        ("name", "суды"),  # once; a Latin name needs no translation into English
    ]


def test_a_name_cannot_be_left_out(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: Суд\ntags: [суды]\n---\nСуд оштрафовал активиста.\n")
    reviewer = User("rita", Role.REVIEWER)
    with store.begin() as conn:
        doc_id = workflow.save_document(conn, read_file(path, outlet="x"), ("en",))
        doc = doc_id.document_id
        version = workflow.current_version(conn, doc, "en")
        workflow.omit(
            conn, doc, "en", 2, user=reviewer, reason="dup", expected_version=version
        )
        with pytest.raises(StateError, match="tag or series name cannot be left out"):
            workflow.omit(
                conn,
                doc,
                "en",
                3,
                user=reviewer,
                reason="x",
                expected_version=version + 1,
            )
