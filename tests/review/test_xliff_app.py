"""XLIFF in the review app: download per document and per queue filter, upload with every valid
unit applied and every refused one listed (unit, segment, reason), roles, CSRF and the QA gate."""

from __future__ import annotations

import re
from dataclasses import replace

from fastapi.testclient import TestClient
from lxml import etree

from tests import steps
from translate_pub.model import Status
from translate_pub.orchestra.publisher import PrefectPublisher
from translate_pub.review.app import create_app
from translate_pub.review.xliff import NS, export_xliff
from translate_pub.store import review as review_store
from translate_pub.store import translations as tr_store

from .conftest import csrf_of, login, make_document

X = f"{{{NS}}}"


def _units(root) -> list:  # type: ignore[no-untyped-def]
    return root.findall(f".//{X}trans-unit")


def _set_target(unit, text: str, state: str = "translated") -> None:  # type: ignore[no-untyped-def]
    target = unit.find(X + "target")
    for child in list(target):
        target.remove(child)
    target.text, target.attrib["state"] = text, state
    target.attrib.pop("state-qualifier", None)


def _download(client, world) -> etree._Element:  # type: ignore[no-untyped-def]
    got = client.get(f"/doc/{world.doc_id}/en/xliff")
    assert got.status_code == 200
    return etree.fromstring(got.content)


def _upload(client, data: bytes, name: str = "doc.xlf", headers=None):  # type: ignore[no-untyped-def]
    token = csrf_of(client.get("/queue").text)
    return client.post(
        "/xliff",
        data={"csrf": token},
        files={"file": (name, data, "application/xml")},
        headers=headers or {},
    )


def _texts(world) -> list[str]:  # type: ignore[no-untyped-def]
    with world.store.begin() as conn:
        return [r.text for r in review_store.editor_rows(conn, world.doc_id, "en")]


def _status(world) -> Status:  # type: ignore[no-untyped-def]
    with world.store.begin() as conn:
        return tr_store.get_status(conn, world.doc_id, "en").status


def _rows(html: str, table: str) -> list[list[str]]:
    """The cells (tags stripped) of each body row of table #`table` on a result page."""
    body = html.split(f'id="{table}"')[1].split("</table>")[0].split("<tbody>")[1]
    return [
        [
            re.sub(r"<[^>]+>", "", c).strip()
            for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        ]
        for row in re.findall(r"<tr.*?</tr>", body, re.S)
    ]


def test_a_document_downloads_as_the_clis_xliff_file(client, world):
    login(client, "tanya")
    got = client.get(f"/doc/{world.doc_id}/en/xliff")
    assert got.headers["content-type"].startswith("application/x-xliff+xml")
    assert (
        got.headers["content-disposition"]
        == f'attachment; filename="doc-{world.doc_id}-en.xlf"'
    )
    with world.store.begin() as conn:
        assert got.content == export_xliff(conn, "en", [world.doc_id])
    assert client.get("/doc/999/en/xliff").status_code == 404
    client.cookies.clear()
    assert client.get(f"/doc/{world.doc_id}/en/xliff").headers["location"] == "/login"


def test_the_queue_filter_downloads_one_file_with_a_file_element_per_document(
    client, world
):
    with world.store.begin() as conn:
        other = make_document(conn, 7, outlet="mediazona")
        approved = make_document(conn, 8)
        steps.approve(conn, approved)
    login(client, "tanya")
    page = client.get("/queue", params={"status": "machine_translated"}).text
    link = (
        re.search(r'id="queue-xliff" href="([^"]+)"', page)
        .group(1)
        .replace("&amp;", "&")
    )
    root = etree.fromstring(client.get(link).content)
    assert sorted(f.get("original") for f in root.iter(X + "file")) == sorted(
        [f"doc-{world.doc_id}", f"doc-{other}"]
    )
    one = etree.fromstring(
        client.get("/queue/xliff", params={"outlet": "mediazona"}).content
    )
    assert [f.get("original") for f in one.iter(X + "file")] == [f"doc-{other}"]
    none = client.get(
        "/queue/xliff",
        params={"status": "published"},
        headers={"accept-language": "ru"},
    )
    assert none.status_code == 404 and "по этому фильтру нет документов" in none.text


def test_upload_applies_valid_units_and_lists_each_refused_one_by_unit_and_segment(
    client, world
):
    login(client, "tanya")
    root = _download(client, world)
    units = _units(root)
    _set_target(units[0], "Court fines an activist")  # valid
    units[1].set("id", "99999")  # not one of this document's units
    _set_target(units[1], "The court fined twelve people.")
    units[2].find(
        X + "source"
    ).text = "Другой текст"  # the original was revised meanwhile
    _set_target(units[2], "Other text")
    page = _upload(client, etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    assert page.status_code == 200
    assert _texts(world) == [
        "Court fines an activist",
        "The court fined 12 people on March 5, 2024.",
        "More <1>on the website</1> https://ovd.info/news.",
    ]
    assert "1 unit(s) applied, 2 refused." in page.text
    tid = units[0].get("id")
    assert _rows(page.text, "applied") == [["Суд оштрафовал активиста", "1", tid, ""]]
    refused = _rows(page.text, "refused")
    assert [(r[1], r[2], r[4]) for r in refused] == [
        (
            "",
            "99999",
            f"not a segment of document {world.doc_id}&#39;s current revision",
        ),
        (
            "3",
            units[2].get("id"),
            "the source differs from ours (was the original revised?)",
        ),
    ]
    assert (
        _status(world) == Status.MACHINE_TRANSLATED
    )  # states asked to submit, but units were refused


def test_upload_checks_csrf_and_refuses_bad_xml_and_entities_without_writing(
    client, world
):
    login(client, "tanya")
    root = _download(client, world)
    _set_target(_units(root)[0], "Court fines an activist")
    forged = client.post(
        "/xliff",
        data={"csrf": "forged"},
        files={"file": ("a.xlf", etree.tostring(root))},
    )
    assert forged.status_code == 403 and _texts(world)[0] == "Court fines activist"
    broken = _upload(
        client,
        b'<?xml version="1.0"?>\n<xliff version="1.2">\n<file></xliff>',
        "broken.xlf",
    )
    assert (
        broken.status_code == 422
        and "broken.xlf:3" in broken.text
        and "not well-formed XML" in broken.text
    )
    entity = etree.tostring(root).decode().replace("Court fines an activist", "&xxe;")
    entity = (
        '<?xml version="1.0"?><!DOCTYPE xliff [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        + entity
    )
    refused = _upload(client, entity.encode(), "xxe.xlf")
    assert (
        refused.status_code == 422
        and "an entity reference (&amp;xxe;) inside the text" in refused.text
    )
    assert "root:" not in refused.text and _texts(world)[0] == "Court fines activist"
    assert (
        client.post(
            "/xliff", data={"csrf": csrf_of(client.get("/queue").text)}
        ).status_code
        == 400
    )


def test_signed_off_units_approve_only_for_a_reviewer_and_only_through_the_gate(
    client, world
):
    login(client, "tanya")
    root = _download(client, world)
    for unit in _units(root):
        unit.find(X + "target").set("state", "signed-off")
    _set_target(
        _units(root)[1], "The court fined people on March 5, 2024.", "signed-off"
    )  # drops the number
    as_translator = _upload(client, etree.tostring(root))
    assert (
        "tanya may not do" in as_translator.text
        and _status(world) == Status.MACHINE_TRANSLATED
    )
    assert (
        _texts(world)[1] == "The court fined people on March 5, 2024."
    )  # the unit itself is applied
    editor = client.get(f"/doc/{world.doc_id}/en").text
    assert '<b id="qa-errors">1</b>' in editor
    login(client, "rita")
    root = _download(client, world)
    for unit in _units(root):
        unit.find(X + "target").set("state", "signed-off")
    gated = _upload(client, etree.tostring(root))
    assert [r[1] for r in _rows(gated.text, "refused")] == [
        "2"
    ]  # the editor's one error, on segment 2
    assert (
        "blocks approving document" in gated.text
        and "number 12 is missing" in gated.text
    )
    _set_target(
        _units(root)[1], "The court fined 12 people on March 5, 2024.", "signed-off"
    )
    approved = _upload(client, etree.tostring(root))
    assert approved.status_code == 200 and 'id="refused"' not in approved.text
    assert _status(world) == Status.APPROVED


def test_the_upload_page_reads_in_russian(client, world):
    login(client, "tanya")
    root = _download(client, world)
    units = _units(root)
    _set_target(units[0], "Court fines an activist")
    units[1].set("id", "99999")
    page = _upload(client, etree.tostring(root), headers={"accept-language": "ru"})
    assert "Применено единиц: 1, отклонено: 1." in page.text
    assert f"не сегмент текущей редакции документа {world.doc_id}" in page.text


def test_a_broken_tag_is_refused_by_segment_and_a_qa_error_is_shown_beside_its_applied_unit(
    client, world
):
    login(client, "tanya")
    root = _download(client, world)
    units = _units(root)
    _set_target(
        units[1], "The court fined people on March 5, 2024."
    )  # applied, with a QA error
    target = units[2].find(X + "target")
    target.find(X + "bpt").text = "[link]"  # a tool's own code where our tag was
    page = _upload(client, etree.tostring(root))
    applied, refused = _rows(page.text, "applied"), _rows(page.text, "refused")
    assert [(r[1], r[3]) for r in applied] == [("2", "number 12 is missing")]
    assert [(r[1], r[2], r[4]) for r in refused] == [
        (
            "3",
            units[2].get("id"),
            "inline code &lt;bpt&gt; holds &#39;[link]&#39;, not one of our placeholders",
        )
    ]
    assert _texts(world)[2] == "More <1>on the website</1> https://ovd.info/news."


def test_an_upload_may_be_larger_than_other_requests_up_to_its_own_cap(world):
    app = create_app(
        replace(world.settings, max_body=2_000, max_upload=20_000), PrefectPublisher()
    )
    with TestClient(
        app, base_url="https://testserver", follow_redirects=False
    ) as client:
        login(client, "tanya")
        root = _download(client, world)
        _set_target(
            _units(root)[0], "Court fines an activist " + "and more " * 300
        )  # ~3 kB of text
        data = etree.tostring(root)
        assert 2_000 < len(data) < 20_000
        assert _upload(client, data).status_code == 200
        assert _texts(world)[0].startswith("Court fines an activist and more")
        assert _upload(client, data + b" " * 20_000).status_code == 413
        assert (
            client.post("/queue", content=b"x" * 2_001).status_code == 413
        )  # other routes keep the small cap
    app.state.store.dispose()
