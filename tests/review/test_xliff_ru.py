"""XLIFF round trip of an English-first document's Russian: exported and imported back with
the CLI (Russian is the source language, not a target, yet these documents go into it); a
file claiming a document's own language is refused."""

from __future__ import annotations

from lxml import etree

from tests import steps
from translate_pub.cli import main
from translate_pub.model import Document, Segment
from translate_pub.review.xliff import NS
from translate_pub.store import documents as doc_store
from translate_pub.store import review as review_store
from translate_pub.store import workflow

from .conftest import csrf_of, login

X = f"{{{NS}}}"


def _english_document(world) -> int:  # type: ignore[no-untyped-def]
    with world.store.begin() as conn:
        doc = Document(
            source_lang="en",
            outlet="digest",
            title="Court fines activist",
            url="digest:weekly-en",
            canonical_url="digest:weekly-en",
            content_hash="h-en",
            segments=(
                Segment(0, 0, 0, "Court fines activist", block="title"),
                Segment(1, 1, 0, "The court fined 12 people.", block="p"),
            ),
        )
        doc_id = doc_store.save_document(conn, doc, ("ru",)).document_id
        steps.draft(
            conn, doc_id, ["Суд штрафует активиста", "Суд оштрафовал 12."], "ru"
        )
        workflow.mark_machine_translated(conn, {doc_id}, "ru")
    return doc_id


def test_an_english_documents_russian_goes_out_and_comes_back(world, tmp_path, capsys):  # type: ignore[no-untyped-def]
    doc_id = _english_document(world)
    home = ["--home", str(world.settings.home)]
    xlf = tmp_path / "ru.xlf"
    export = [*home, "review", "export", "--xliff", str(xlf), "--doc", str(doc_id)]
    assert main([*export, "--lang", "ru"]) == 0
    root = etree.parse(str(xlf)).getroot()
    units = root.findall(f".//{X}trans-unit")
    assert [u.find(X + "source").text for u in units][1] == "The court fined 12 people."
    units[1].find(X + "target").text = "Суд оштрафовал 12 человек."
    xlf.write_bytes(etree.tostring(root))
    assert main([*home, "review", "import", str(xlf), "--as", "tanya"]) == 0, (
        capsys.readouterr().err
    )
    with world.store.begin() as conn:
        texts = [r.text for r in review_store.editor_rows(conn, doc_id, "ru")]
    assert texts == ["Суд штрафует активиста", "Суд оштрафовал 12 человек."]
    # the same file claiming English, the document's own language, is refused whole
    root.find(f".//{X}file").set("target-language", "en")
    units[1].find(X + "target").text = "Changed."
    xlf.write_bytes(etree.tostring(root))
    capsys.readouterr()
    assert main([*home, "review", "import", str(xlf), "--as", "tanya"]) == 1
    assert f"document {doc_id}" in capsys.readouterr().err
    with world.store.begin() as conn:
        texts = [r.text for r in review_store.editor_rows(conn, doc_id, "ru")]
    assert texts[1] == "Суд оштрафовал 12 человек."


def test_the_app_takes_back_the_russian_it_gave(client, world):  # type: ignore[no-untyped-def]
    doc_id = _english_document(world)
    login(client, "tanya")
    got = client.get(f"/doc/{doc_id}/ru/xliff")
    assert got.status_code == 200
    root = etree.fromstring(got.content)
    unit = root.findall(f".//{X}trans-unit")[1]
    unit.find(X + "target").text = "Суд оштрафовал 12 человек."
    page = client.post(
        "/xliff",
        data={"csrf": csrf_of(client.get("/queue").text)},
        files={"file": ("ru.xlf", etree.tostring(root), "application/xml")},
    )
    assert page.status_code == 200 and "1 unit(s) applied, 0 refused." in page.text
    with world.store.begin() as conn:
        texts = [r.text for r in review_store.editor_rows(conn, doc_id, "ru")]
    assert texts[1] == "Суд оштрафовал 12 человек."
