"""The digest composer: editors only; search by text, outlet, tag, date and glossary term; saving goes
through the shortcode parser (body:line errors); quotes stay their sources' approved text; QA gates only
the digest's own text; a revised source shows in the editor."""

from __future__ import annotations

import html
import re
from dataclasses import replace

from sqlalchemy import select

from tests.digest_newsroom import FIXTURES, build_sources
from translate_pub.ingest.files import read_file
from translate_pub.store import schema
from translate_pub.store.documents import current_segments, get_document
from translate_pub.store.review import editor_rows
from translate_pub.store.workflow import save_document

from .conftest import csrf_of, login

BODY = (
    'Суд отказал в жалобе.\n\n{{< quote doc="ovd-info/dannye-po-apellyatsiyam" segments="4" >}}\n\n'
    'Вот что пишет проект о себе:\n\n{{< quote doc="ovd-info/o-nas" segments="2" >}}\n'
)


def _compose(client, body: str = BODY, **fields: str):  # type: ignore[no-untyped-def]
    page = client.get("/digests/new")
    assert page.status_code == 200
    data = {
        "csrf": csrf_of(page.text),
        "title": "Обзор недели",
        "author": "ed",
        "date": "2017-06-26",
        "series": "Rights Group of the Week",
        "tags": "суды, ОВД-Инфо",
        "body": body,
        **fields,
    }
    return client.post("/digests", data=data)


def _digest_id(response) -> int:  # type: ignore[no-untyped-def]
    assert response.status_code == 303, response.text
    return int(re.fullmatch(r"/doc/(\d+)/en", response.headers["location"]).group(1))


def test_only_editors_compose(client, world) -> None:  # type: ignore[no-untyped-def]
    login(client, "rita")
    assert client.get("/digests/new").status_code == 403
    assert client.get("/digests/search?q=x").status_code == 403


def test_search_by_text_outlet_tag_date_and_glossary_term(client, world) -> None:  # type: ignore[no-untyped-def]
    build_sources(world.store)
    login(client, "ed")

    def found(**params: str) -> list[tuple[str, list[int]]]:
        results = client.get("/digests/search", params=params).json()["results"]
        return [(r["key"], [s["n"] for s in r["segments"]]) for r in results]

    assert found(q="апелляций") == [
        ("ovd-info/dannye-po-apellyatsiyam", [1, 3, 4])
    ]  # any form, the title too
    assert found(q="SUCCESSFUL APPEALS") == [
        ("ovd-info/dannye-po-apellyatsiyam", [4])
    ]  # the English, any case
    assert found(q="загрузка", outlet="ovd") == [
        ("ovd-info/dannye-po-mirovym-sudam", [6]),
        ("ovd-info/dannye-po-apellyatsiyam", [6]),
    ]
    assert found(q="загрузка", outlet="Кавказский узел") == []
    assert found(q="загрузка", day="2013-01-22") == [
        ("ovd-info/dannye-po-apellyatsiyam", [6])
    ]
    assert found(term="court") == [
        ("ovd-info/dannye-po-mirovym-sudam", [1]),  # its title: «по мировым судам»
        ("ovd-info/dannye-po-apellyatsiyam", [2, 4]),
    ]  # суда, судами: суд inflected
    assert client.get("/digests/search", params={"day": "yesterday"}).status_code == 400


def test_tag_search(client, world) -> None:  # type: ignore[no-untyped-def]
    build_sources(world.store)
    with world.store.begin() as conn:
        conn.execute(
            schema.documents.update()
            .where(schema.documents.c.slug == "o-nas")
            .values(tags=["ОВД-Инфо"])
        )
    login(client, "ed")
    results = client.get(
        "/digests/search", params={"tag": "овд-инфо", "q": "ОВД"}
    ).json()["results"]
    assert [r["key"] for r in results] == ["ovd-info/o-nas"]


def test_composing_saves_a_digest_with_its_quotes(client, world) -> None:  # type: ignore[no-untyped-def]
    build_sources(world.store)
    login(client, "ed")
    digest_id = _digest_id(_compose(client))
    with world.store.begin() as conn:
        segs = current_segments(conn, digest_id)
        meta = conn.execute(select(schema.digests)).one()
    # the tags, given no English name, are translated with it (after the body), but for
    # «суды»: the glossary's term «суд», which names it on every page
    assert [s.block for s in segs] == [
        *("title", "p", "quote", "p", "quote"),
        "name",
    ]
    assert [s.source for s in segs[-1:]] == ["ОВД-Инфо"]
    assert (meta.author, meta.series) == ("ed", "Rights Group of the Week")
    editor = client.get(f"/doc/{digest_id}/en").text
    assert f'href="/digests/{digest_id}/edit"' in editor
    edit = client.get(f"/digests/{digest_id}/edit").text
    assert "segments=&#34;4&#34;" in edit and 'value="Rights Group of the Week"' in edit
    # saving the unchanged form again is no new revision; a change is
    assert _digest_id(_compose(client, doc_id=str(digest_id))) == digest_id
    assert (
        _digest_id(
            _compose(client, body=BODY + "\nЕщё абзац.\n", doc_id=str(digest_id))
        )
        == digest_id
    )
    with world.store.begin() as conn:
        assert get_document(conn, digest_id).revision == 2  # type: ignore[union-attr]


def test_a_bad_shortcode_is_shown_with_its_body_line_and_the_text_kept(
    client, world
) -> None:  # type: ignore[no-untyped-def]
    build_sources(world.store)
    login(client, "ed")
    response = _compose(
        client, body='Текст.\n\n{{< quote doc="ovd-info/nowhere" segments="3" >}}\n'
    )
    assert response.status_code == 400
    assert "body:3: unknown document &#34;ovd-info/nowhere&#34;" in response.text
    assert "ovd-info/nowhere" in response.text.split('id="digest-body"')[1]


def test_quotes_cannot_be_edited_and_qa_gates_only_the_digests_own_text(
    client, world
) -> None:  # type: ignore[no-untyped-def]
    build_sources(world.store)
    login(client, "ed")
    digest_id = _digest_id(_compose(client))
    page = client.get(f"/doc/{digest_id}/en").text
    quote_tid = re.search(r'data-tid="(\d+)"[^>]*readonly>Out of 176', page).group(1)
    refused = client.post(
        f"/doc/{digest_id}/en/segment/{quote_tid}",
        json={"text": "Changed.", "version": 1},
        headers={"X-CSRF-Token": csrf_of(page)},
    )
    assert (
        refused.status_code == 409 and "approved translation" in refused.json()["error"]
    )
    with world.store.begin() as conn:
        own = [s for s in current_segments(conn, digest_id) if s.block != "quote"]
    english = [
        "Digest of the week",
        "The judge rejected the complaint.",
        "This is what the project says:",
        "OVD-Info",  # the tags' names («суды» is the glossary's: no segment)
    ]
    for seg, text in zip(own, english, strict=True):
        assert (
            client.post(
                f"/doc/{digest_id}/en/translate/{seg.id}",
                json={"text": text},
                headers={"X-CSRF-Token": csrf_of(page)},
            ).status_code
            == 200
        )
    page = client.get(f"/doc/{digest_id}/en").text
    assert (
        re.search(r'id="qa-errors">(\d+)<', page).group(1) == "1"
    )  # суд → court, in the connecting text
    assert "Use “court” for «" in page


def test_a_revised_source_is_flagged_in_the_editor(client, world) -> None:  # type: ignore[no-untyped-def]
    build_sources(world.store)
    login(client, "ed")
    digest_id = _digest_id(_compose(client))
    assert "source-updated" not in client.get(f"/doc/{digest_id}/en").text
    doc = read_file(FIXTURES / "2013-01-28-about.md", outlet="OVD-Info")
    url = "https://ovdinfo.org/2012/about/ru"
    with world.store.begin() as conn:
        save_document(
            conn,
            replace(doc, url=url, canonical_url=url, content_hash="changed"),
            ("en",),
        )
    page = client.get(f"/doc/{digest_id}/en").text
    assert re.findall(
        r'class="warning source-updated">([^:]+): <a[^>]*>([^<]+)</a>', page
    ) == [("The original has been updated", "О нас")]


def test_a_shortcode_written_from_the_editors_numbers_quotes_exactly_those_sentences(
    client, world
) -> None:  # type: ignore[no-untyped-def]
    ids = build_sources(world.store)
    login(client, "ed")
    source = client.get(f"/doc/{ids['2013-01-29-courts.md']}/en").text

    def shown(n: int) -> tuple[str, str]:
        """Sentence n as the editor shows it: (Russian, approved English)."""
        block = source.split(f'<section class="seg block-p" id="seg-{n}"')[1].split(
            "</section>"
        )[0]
        russian = re.search(r'data-source="([^"]*)"', block).group(1)
        english = re.search(r"<textarea[^>]*>([^<]*)</textarea>", block).group(1)
        return html.unescape(russian), html.unescape(english)

    digest_id = _digest_id(
        _compose(
            client,
            body='Текст.\n\n{{< quote doc="dannye-po-mirovym-sudam" segments="3-4" >}}\n',
        )
    )
    with world.store.begin() as conn:
        quoted = [
            (r.source, r.text)
            for r in editor_rows(conn, digest_id, "en")
            if r.block == "quote"
        ]
    assert quoted == [shown(3), shown(4)]
    assert shown(3) != shown(4) and all(shown(3))


def test_composer_inputs_no_id_or_date_of_ours_looks_like_are_refused_not_500(
    client, world
) -> None:  # type: ignore[no-untyped-def]
    build_sources(world.store)
    login(client, "ed")
    for doc_id in ("abc", "9" * 23, "1" * 5000, "-3"):
        refused = _compose(client, doc_id=doc_id)
        assert refused.status_code == 404 and "no such digest" in refused.text
    found = client.get("/digests/search", params={"day": "9999-12-31"})
    assert found.status_code == 200 and found.json() == {
        "results": [],
        "summary": "No sentences found.",
    }
    assert (
        client.get("/digests/search", params={"day": "2017-13-45"}).status_code == 400
    )


def test_the_composer_takes_english_names_for_series_and_tags(client, world) -> None:  # type: ignore[no-untyped-def]
    build_sources(world.store)
    login(client, "ed")
    digest_id = _digest_id(
        _compose(
            client,
            series="Обзор недели",
            series_en="Weekly review",
            tags="суды, ОВД-Инфо",
            tags_en="courts, OVD-Info",
        )
    )
    with world.store.begin() as conn:
        names = conn.execute(select(schema.digests.c.names)).scalar_one()
    assert names == {
        "en": {
            "Обзор недели": "Weekly review",
            "суды": "courts",
            "ОВД-Инфо": "OVD-Info",
        }
    }
    edit = client.get(f"/digests/{digest_id}/edit").text
    assert 'name="series_en" lang="en" maxlength="200" value="Weekly review"' in edit
    assert 'value="courts, OVD-Info"' in edit


def test_search_is_stemmed_like_the_queues_and_a_title_is_quotable(
    client, world
) -> None:  # type: ignore[no-untyped-def]
    build_sources(world.store)
    login(client, "ed")

    def found(q: str) -> list[tuple[str, list[int]]]:
        results = client.get("/digests/search", params={"q": q}).json()["results"]
        return [(r["key"], [s["n"] for s in r["segments"]]) for r in results]

    # «апелляции» in the text, «апелляциям» in the title: one stem, whatever the form typed
    assert (
        found("апелляция")
        == found("апелляций")
        == [("ovd-info/dannye-po-apellyatsiyam", [1, 3, 4])]
    )
    assert found("appeal") == found("appeals")  # the English too
    assert found("«»!") == []  # no words: nothing, rather than every sentence
    digest_id = _digest_id(
        _compose(
            client,
            body='Текст.\n\n{{< quote doc="dannye-po-apellyatsiyam" segments="1" >}}\n',
        )
    )
    with world.store.begin() as conn:
        quoted = [
            (r.source, r.text)
            for r in editor_rows(conn, digest_id, "en")
            if r.block == "quote"
        ]
    assert quoted == [("Данные по апелляциям", "Appeals data")]


def test_the_preview_shows_both_editions_and_a_mistake_by_its_line(
    client, world
) -> None:  # type: ignore[no-untyped-def]
    build_sources(world.store)
    login(client, "ed")
    csrf = csrf_of(client.get("/digests/new").text)
    body = (
        'Суд отказал: {{< quote doc="dannye-po-apellyatsiyam" segments="1" >}}.\n\n'
        '{{< quote doc="o-nas" segments="2" >}}\n'
    )
    shown = client.post("/digests/preview", data={"csrf": csrf, "body": body}).json()[
        "editions"
    ]
    assert [(p["quote"], p["translated"], p["text"][:40]) for p in shown["ru"]] == [
        (False, True, "Суд отказал: «Данные по апелляциям»."),
        (True, True, "ОВД-Инфо - независимый правозащитный мед"),
    ]
    assert [(p["quote"], p["translated"], p["text"][:40]) for p in shown["en"]] == [
        (False, False, "Суд отказал: “Appeals data”."),
        (True, True, "OVD-Info is an independent human rights "),
    ]
    wrong = client.post(
        "/digests/preview",
        data={
            "csrf": csrf,
            "body": 'Текст.\n{{< quote doc="nowhere" segments="2" >}}\n',
        },
    )
    assert wrong.status_code == 400 and wrong.json() == {
        "error": 'body:2: unknown document "nowhere"'
    }
    assert (
        client.post("/digests/preview", data={"body": body}).status_code == 403
    )  # no CSRF token


def test_composing_an_english_digest_previews_and_saves_it_for_translation_into_russian(
    client, world
) -> None:  # type: ignore[no-untyped-def]
    build_sources(world.store)
    login(client, "ed")
    csrf = csrf_of(client.get("/digests/new").text)
    body = (
        'The court refused: {{< quote doc="dannye-po-apellyatsiyam" segments="1" >}}.\n\n'
        '{{< quote doc="o-nas" segments="2" >}}\n'
    )
    shown = client.post(
        "/digests/preview", data={"csrf": csrf, "body": body, "lang": "en"}
    ).json()["editions"]
    # English as written, with the sources' approved English; Russian: the originals, the
    # connecting text still English (translated after saving)
    assert [(p["quote"], p["translated"], p["text"][:40]) for p in shown["en"]] == [
        (False, True, "The court refused: “Appeals data”."),
        (True, True, "OVD-Info is an independent human rights "),
    ]
    assert [(p["quote"], p["translated"], p["text"][:40]) for p in shown["ru"]] == [
        (False, False, "The court refused: «Данные по апелляциям"),
        (True, True, "ОВД-Инфо - независимый правозащитный мед"),
    ]
    saved = _compose(
        client,
        body,
        lang="en",
        title="Digest of the week",
        series="Rights Group of the Week",
        tags="courts",
    )
    assert saved.status_code == 303, saved.text
    doc_id = int(re.fullmatch(r"/doc/(\d+)/ru", saved.headers["location"]).group(1))
    with world.store.begin() as conn:
        doc = get_document(conn, doc_id)
    assert doc is not None and doc.source_lang == "en"
    assert 'value="en" selected' in client.get(f"/digests/{doc_id}/edit").text
    refused = _compose(client, body, lang="en", series_en="Weekly", title="X")
    assert refused.status_code == 400
    assert "named in English" in html.unescape(refused.text)
