"""Messages as data, seen by a Russian reader: QA findings with their values (the names warning
included), a workflow refusal and an XLIFF upload report read in Russian from message ids; the
key a dismissal holds stays the English text."""

from __future__ import annotations

import html
import re

from translate_pub.store import translations as tr_store

from .conftest import csrf_of, login, make_document
from .test_memory import approve
from .test_names import SAID


def _russian_editor(client, world, doc_id: int) -> str:  # type: ignore[no-untyped-def]
    client.cookies.set("tp_ui", "ru")
    login(client, "tanya")
    return client.get(f"/doc/{doc_id}/en").text


def test_the_names_warning_reads_in_russian_with_its_values(client, world) -> None:  # type: ignore[no-untyped-def]
    with world.store.begin() as conn:
        approve(
            conn,
            1,
            [
                (
                    "Суд арестовал Сергея Самойлова.",
                    "The court remanded Sergei Samoylov.",
                ),
                ("Адвокат Самойлова обжаловал арест.", "Samoylov's lawyer appealed."),
            ],
        )
        doc = make_document(
            conn,
            60,
            sources=[("title", "Новости"), ("p", SAID)],
            targets=["News", "Rights defender Samoyloff said so."],
        )
    page = _russian_editor(client, world, doc)
    assert (
        "«Самойлов» в утверждённых переводах (2) — “Samoylov”; здесь “Samoyloff”"
        in page
    )
    assert "approved translations" not in page.replace(
        'data-key="names: «Самойлов» was “Samoylov” in 2 approved translations;', ""
    )


def test_a_saved_segments_findings_come_back_in_russian_keyed_in_english(
    client, world
) -> None:  # type: ignore[no-untyped-def]
    page = _russian_editor(client, world, world.doc_id)
    tids = re.findall(r'data-tid="(\d+)" data-version="(\d+)"', page)
    tid, version = tids[1]
    saved = client.post(
        f"/doc/{world.doc_id}/en/segment/{tid}",
        json={"text": "The court fined people.", "version": int(version)},
        headers={"X-CSRF-Token": csrf_of(page)},
    ).json()
    said = {i["key"]: i["message"] for i in saved["issues"]}
    assert said["numbers: number 12 is missing"] == "не хватает числа 12"
    assert (
        said["dates: date '5 марта 2024' should read March 5, 2024"]
        == "дату '5 марта 2024' следует передать как March 5, 2024"
    )


def test_a_workflow_refusal_with_values_reads_in_russian(client, world) -> None:  # type: ignore[no-untyped-def]
    page = _russian_editor(client, world, world.doc_id)
    with world.store.begin() as conn:
        version = tr_store.get_status(conn, world.doc_id, "en").version
    stale = client.post(
        f"/doc/{world.doc_id}/en/status",
        data={"csrf": csrf_of(page), "action": "submit", "version": str(version - 1)},
    )
    assert stale.status_code == 409
    assert (
        f"документ {world.doc_id} (en) изменил кто-то другой; обновите страницу"
        in stale.text
    )
    assert "someone else" not in stale.text


XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="doc-{doc}" source-language="ru" target-language="en" datatype="plaintext">
<body>
<trans-unit id="abc"><source>Суд</source><target>Court</target></trans-unit>
</body>
</file>
<file original="other.html" source-language="ru" target-language="en" datatype="html">
<body/>
</file>
</xliff>
"""


def test_an_xliff_upload_report_reads_in_russian(client, world) -> None:  # type: ignore[no-untyped-def]
    _russian_editor(client, world, world.doc_id)
    report = client.post(
        "/xliff",
        data={"csrf": csrf_of(client.get("/queue").text)},
        files={"file": ("doc.xlf", XLIFF.format(doc=world.doc_id).encode())},
    )
    shown = html.unescape(report.text)
    assert report.status_code == 422
    assert "у единицы 'abc' нет нашего числового id и tp:version" in shown
    assert "<file original='other.html'> — не наш документ" in shown
    assert "lacks our" not in shown and "not one of our" not in shown


def test_the_admin_pages_account_refusals_read_in_russian(client, world) -> None:  # type: ignore[no-untyped-def]
    client.cookies.set("tp_ui", "ru")
    login(client, "ada")
    token = csrf_of(client.get("/admin").text)

    def add(name: str, role: str, password: str) -> str:
        sent = {"csrf": token, "name": name, "role": role, "password": password}
        refused = client.post("/admin/users", data=sent)
        assert refused.status_code == 400
        return html.unescape(refused.text)

    assert "пароль: слишком короткий: нужно не меньше 12 знаков" in add(
        "newbie", "translator", "short"
    )
    assert "неизвестная роль 'boss' (известны: translator," in add(
        "newbie", "boss", "a long enough pass"
    )
    assert "имя пользователя: 'new bie': используйте от 1 до 100 букв" in add(
        "new bie", "translator", "a long enough pass"
    )


TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="{src}" datatype="plaintext" segtype="sentence"
 adminlang="en" creationtool="test" creationtoolversion="1" o-tmf="x"/>
<body>
<tu><tuv xml:lang="ru"><seg>Суд.</seg></tuv><tuv xml:lang="en"><seg>Court.</seg></tuv></tu>
<tu><tuv xml:lang="ru"><seg>Без перевода.</seg></tuv></tu>
</body></tmx>
"""


def test_a_tmx_upload_report_reads_in_russian(client, world) -> None:  # type: ignore[no-untyped-def]
    client.cookies.set("tp_ui", "ru")
    login(client, "ada")

    def upload(data: str) -> str:
        token = csrf_of(client.get("/admin").text)
        sent = {"file": ("old-tm.tmx", data.encode(), "application/x-tmx+xml")}
        return html.unescape(
            client.post("/admin/memory", data={"csrf": token}, files=sent).text
        )

    refused = upload(TMX.format(src="ru"))
    assert "в единице нет стороны en (есть: ru)" in refused
    assert "has no" not in refused
    failed = upload(TMX.format(src="de"))
    assert (
        "old-tm.tmx: язык оригинала в нём — 'de', а не 'ru': ничего не импортировано"
        in failed
    )
    assert "nothing imported" not in failed


def test_the_digest_composers_mistakes_read_in_russian(client, world) -> None:  # type: ignore[no-untyped-def]
    client.cookies.set("tp_ui", "ru")
    login(client, "ed")
    csrf = csrf_of(client.get("/digests/new").text)

    def preview(body: str) -> str:
        shown = client.post("/digests/preview", data={"csrf": csrf, "body": body})
        assert shown.status_code == 400
        return str(shown.json()["error"])

    assert preview("Текст без цитат.\n") == (
        "body: в дайджесте нужен хотя бы один шорткод цитаты"
    )
    assert preview('Текст.\n{{< quote doc="nowhere" segments="2" >}}\n') == (
        "body:2: неизвестный документ «nowhere»"
    )
    assert preview('Текст.\n{{< quote doc="x" segments="5-3" >}}\n') == (
        "body:2: неверное segments=5-3: диапазон идёт в обратную сторону"
    )
