"""XLIFF 1.2 and TMX exchange: state mapping both ways, all-or-nothing import with unit-level
errors, placeholders as inline codes, files that translate-toolkit (as CAT tools) can read."""

from __future__ import annotations

import re

import pytest
from lxml import etree
from translate.storage.tmx import tmxfile
from translate.storage.xliff import xlifffile

from tests import steps
from tests.pg import while_held
from translate_pub.cli import main
from translate_pub.errors import ParseError
from translate_pub.model import Document, Origin, Role, Segment, Status, User
from translate_pub.review.checks import load_glossaries
from translate_pub.review.xliff import NS, export_xliff
from translate_pub.review.xliff_import import ImportRejected, import_xliff
from translate_pub.store import documents as doc_store
from translate_pub.store import review as review_store
from translate_pub.store import translations as tr_store
from translate_pub.store import workflow

from .conftest import FIXTURES, login, make_document

X = f"{{{NS}}}"


def _export(world, *doc_ids: int) -> etree._Element:  # type: ignore[no-untyped-def]
    with world.store.begin() as conn:
        return etree.fromstring(
            export_xliff(conn, "en", list(doc_ids or [world.doc_id]))
        )


def _import(world, root, user: str = "tanya"):  # type: ignore[no-untyped-def]
    data = etree.tostring(root) if not isinstance(root, bytes) else root
    glossaries = load_glossaries(FIXTURES / "terms.csv", ("en",))
    return import_xliff(world.store, data, "in.xlf", user, ("en",), glossaries)


def _units(root) -> list:  # type: ignore[no-untyped-def]
    return root.findall(f".//{X}trans-unit")


def _set_target(unit, text: str, state: str) -> None:  # type: ignore[no-untyped-def]
    target = unit.find(X + "target")
    for child in list(target):
        target.remove(child)
    target.text, target.attrib["state"] = text, state
    target.attrib.pop("state-qualifier", None)


def _status(world, doc_id=None) -> Status:  # type: ignore[no-untyped-def]
    with world.store.begin() as conn:
        return Status(tr_store.get_status(conn, doc_id or world.doc_id, "en").status)


def _texts(world, doc_id=None) -> list[str]:  # type: ignore[no-untyped-def]
    with world.store.begin() as conn:
        return [
            r.text for r in review_store.editor_rows(conn, doc_id or world.doc_id, "en")
        ]


def test_export_maps_states_and_placeholders_and_opens_in_translate_toolkit(world):
    root = _export(world)
    targets = [u.find(X + "target") for u in _units(root)]
    assert {(t.get("state"), t.get("state-qualifier")) for t in targets} == {
        ("needs-review-translation", "mt-suggestion")
    }
    assert (
        root.find(f".//{X}bpt").text == "<1>" and root.find(f".//{X}ept").text == "</1>"
    )
    store = xlifffile.parsestring(etree.tostring(root))
    assert [u.source for u in store.units][
        1
    ] == "Суд оштрафовал 12 человек 5 марта 2024 года."
    assert store.units[0].target == "Court fines activist"


def test_round_trip_without_changes_changes_nothing(world):
    report = _import(world, _export(world))
    assert report.units_changed == 0 and _status(world) == Status.MACHINE_TRANSLATED
    assert _texts(world)[2] == "More <1>on the website</1> https://ovd.info/news."


def test_edited_units_are_imported_with_revisions_and_translated_state_submits(world):
    root = _export(world)
    unit = _units(root)[0]
    _set_target(unit, "Court fines an activist", "translated")
    for other in _units(root)[1:]:
        other.find(X + "target").set("state", "translated")
    report = _import(world, root)
    assert report.units_changed == 1 and report.status_changes == (
        f"document {world.doc_id} (en): submit",
    )
    assert (
        _texts(world)[0] == "Court fines an activist"
        and _status(world) == Status.IN_REVIEW
    )
    with world.store.begin() as conn:
        events = review_store.history(conn, world.doc_id, "en")
    assert [(e.action, e.user, e.after) for e in events if e.status is None] == [
        ("import", "tanya", "Court fines an activist")
    ]
    assert ("submit", "tanya", Status.IN_REVIEW) in [
        (e.action, e.user, e.status) for e in events
    ]


def test_tool_written_g_and_x_inline_elements_are_read_back(world):
    root = _export(world)
    target = _units(root)[2].find(X + "target")
    for child in list(target):
        target.remove(child)
    target.text = "See "
    g = etree.SubElement(target, X + "g", id="1")
    g.text = "the site"
    g.tail = " https://ovd.info/news."
    _import(world, root)
    assert _texts(world)[2] == "See <1>the site</1> https://ovd.info/news."


def test_invalid_units_are_all_reported_and_nothing_is_written(world):
    with world.store.begin() as conn:
        other = make_document(conn, 5)
    root = _export(world)
    units = _units(root)
    _set_target(units[0], "A valid edit", "translated")
    units[1].set(
        "id", str(_units(_export(world, other))[0].get("id"))
    )  # a unit of another document
    units[2].find(X + "source").text = "Другой текст"
    with pytest.raises(ImportRejected) as caught:
        _import(world, root)
    problems = caught.value.problems
    assert len(problems) == 2
    assert "not a segment of document" in problems[0] and "in.xlf:" in problems[0]
    assert "source differs" in problems[1]
    assert _texts(world)[0] == "Court fines activist"


def test_text_changed_in_the_app_since_export_is_not_overwritten(world):
    root = _export(world)
    with world.store.begin() as conn:
        tid = review_store.editor_rows(conn, world.doc_id, "en")[0].translation_id
        tr_store.edit_translation(
            conn,
            tid,
            "Court fines activist (edited online)",
            user="rita",
            expected_version=1,
        )
    _set_target(_units(root)[0], "Court fines activist (from OmegaT)", "translated")
    with pytest.raises(ImportRejected, match="changed in the app by rita since export"):
        _import(world, root)
    assert _texts(world)[0] == "Court fines activist (edited online)"


def test_signed_off_units_approve_only_for_reviewers_and_only_without_qa_errors(world):
    root = _export(world)
    for unit in _units(root):
        unit.find(X + "target").set("state", "signed-off")
    with pytest.raises(ImportRejected, match="tanya may not do"):
        _import(world, root, "tanya")
    _set_target(
        _units(root)[1], "The court fined people on March 5, 2024.", "signed-off"
    )
    with pytest.raises(
        ImportRejected,
        match=r"unit \d+: blocks approving document \d+: number 12 is missing",
    ):
        _import(world, root, "rita")
    assert _status(world) == Status.MACHINE_TRANSLATED
    _set_target(
        _units(root)[1], "The court fined 12 people on March 5, 2024.", "signed-off"
    )
    report = _import(world, root, "rita")
    assert (
        report.status_changes[-1].endswith("approve")
        and _status(world) == Status.APPROVED
    )
    assert {t.get("state") for t in _export(world).iter(X + "target")} == {"signed-off"}


def test_malformed_and_foreign_files_fail_with_where(world):
    with pytest.raises(ParseError, match=r"in.xlf:3: not well-formed"):
        _import(world, b'<?xml version="1.0"?>\n<xliff version="1.2">\n<file></xliff>')
    with pytest.raises(ParseError, match="not an XLIFF 1.2"):
        _import(world, b"<html/>")
    entity = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        b'<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"><file original="doc-1" '
        b'target-language="en"><body><trans-unit id="1"><source>&e;</source><target>x</target>'
        b"</trans-unit></body></file></xliff>"
    )
    with pytest.raises(ImportRejected) as caught:  # the external entity is never read
        _import(world, entity)
    assert "root:" not in str(caught.value.problems)


def test_cli_export_import_and_tmx(world, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("TRANSLATE_PUB_GLOSSARY", str(FIXTURES / "terms.csv"))
    home = ["--home", str(world.settings.home)]
    xlf = tmp_path / "out.xlf"
    assert (
        main(
            [*home, "review", "export", "--xliff", str(xlf), "--doc", str(world.doc_id)]
        )
        == 0
    )
    root = etree.parse(str(xlf)).getroot()
    for target in root.iter(X + "target"):
        target.set("state", "signed-off")
    xlf.write_bytes(etree.tostring(root))
    assert main([*home, "review", "import", str(xlf), "--as", "rita"]) == 0
    assert "approve" in capsys.readouterr().out and _status(world) == Status.APPROVED
    tmx = tmp_path / "approved.tmx"
    assert main([*home, "review", "export", "--tmx", str(tmx)]) == 0
    units = tmxfile.parsestring(tmx.read_bytes()).units
    pairs = {(u.source, u.target) for u in units}
    assert ("Суд оштрафовал активиста", "Court fines activist") in pairs and len(
        units
    ) == 3
    assert main([*home, "review", "import", str(xlf), "--as", "nobody"]) == 1
    assert "no active user" in capsys.readouterr().err


def test_signed_off_import_cannot_approve_past_untranslated_segments(world):
    with world.store.begin() as conn:
        doc = Document(
            source_lang="ru",
            outlet="ovd-info",
            title="Суд",
            url="https://ovd.info/news/88",
            canonical_url="https://ovd.info/news/88",
            content_hash="h88",
            segments=(
                Segment(0, 0, 0, "Суд оштрафовал активиста", block="title"),
                Segment(1, 1, 0, "Суд оштрафовал 12 человек.", block="p"),
            ),
        )
        doc_id = doc_store.save_document(conn, doc, ("en",)).document_id
        title = doc_store.current_segments(conn, doc_id)[0]
        tr_store.save_machine(
            conn,
            title.id,
            "en",
            "Court fines activist",
            origin=Origin.MACHINE,
            engine="recorded",
            glossary_version="",
        )  # the paragraph has no draft at all
        workflow.mark_machine_translated(conn, {doc_id}, "en")
    root = _export(world, doc_id)
    for unit in _units(root):
        unit.find(X + "target").set("state", "signed-off")
    with pytest.raises(
        ImportRejected,
        match="segment 2: blocks approving document .*: the translation is empty",
    ):
        _import(world, root, "rita")
    assert (
        _status(world, doc_id) == Status.NEW
    )  # nothing written: not submitted, not approved


def test_a_unit_repeated_in_the_file_is_a_unit_level_problem(world):
    root = _export(world)
    first = _units(root)[0]
    twin = etree.fromstring(etree.tostring(first))
    _set_target(first, "Court fines an activist", "translated")
    _set_target(twin, "A court fines the activist", "translated")
    first.addnext(twin)
    with pytest.raises(ImportRejected, match="more than once") as rejected:
        _import(world, root)
    assert len(rejected.value.problems) == 1
    assert (
        _texts(world)[0] == "Court fines activist"
        and _status(world) == Status.MACHINE_TRANSLATED
    )


@pytest.mark.parametrize(
    ("node", "what"),
    [
        ("&court;", "an entity reference (&court;)"),
        ("<!-- check with Rita -->", "a comment (<!-- check with Rita -->)"),
        ("<?tool keep?>", "a processing instruction (<?tool keep?>)"),
    ],
)
def test_a_target_holding_an_entity_comment_or_instruction_is_refused_with_file_and_line(
    world, node, what
):
    text = etree.tostring(_export(world), encoding="unicode")
    first = text.index("<target", text.index("<trans-unit"))
    text = text[:first] + text[first:].replace("</target>", f"\n{node}</target>", 1)
    data = (
        '<?xml version="1.0"?>\n<!DOCTYPE xliff [<!ENTITY court "Суд">]>\n' + text
    ).encode()
    line = data.decode()[: data.decode().index(node)].count("\n") + 1
    with pytest.raises(ImportRejected) as caught:
        _import(world, data)
    unit = _units(_export(world))[0].get("id")
    assert caught.value.problems == [
        f"in.xlf:{line}: unit {unit}: {what} inside the text; write plain text instead"
    ]
    assert _texts(world)[0] == "Court fines activist"


def test_unit_resnames_are_the_editors_sentence_numbers(client, world):  # type: ignore[no-untyped-def]
    login(client, "rita")
    editor = client.get(f"/doc/{world.doc_id}/en").text
    shown = re.findall(r'<section class="seg [^"]*" id="seg-(\d+)"', editor)
    assert shown[:2] == ["1", "2"]  # the title is sentence 1
    assert [u.get("resname") for u in _units(_export(world))] == [
        f"seg-{n}" for n in shown
    ]


def test_a_translator_imports_into_a_document_in_review_only_after_taking_it_back(
    world,
):
    with world.store.begin() as conn:
        steps.submit(conn, world.doc_id)
    root = _export(world, world.doc_id)
    _set_target(
        _units(root)[1], "The court fined 12 people on 5 March 2024.", "translated"
    )
    with pytest.raises(
        ImportRejected,
        match="is in review; take it back to translation before importing",
    ):
        _import(world, root)
    assert _status(world) == Status.IN_REVIEW
    with world.store.begin() as conn:
        workflow.act(
            conn,
            world.doc_id,
            "en",
            "take-back",
            user=User("tanya", Role.TRANSLATOR),
            expected_version=workflow.current_version(conn, world.doc_id, "en"),
        )
    root = _export(world, world.doc_id)
    _set_target(
        _units(root)[1], "The court fined 12 people on 5 March 2024.", "translated"
    )
    assert _import(world, root).units_changed == 1
    assert (
        _import(world, root, user="rita").units_changed == 0
    )  # a reviewer's import in review is allowed too


def test_an_import_during_an_approval_waits_and_is_refused(world):
    """An import holds the status row as a save does (PostgreSQL): started while an approval
    is under way, it waits for it, then finds the document approved; the edition never
    freezes text an import changed under the gate."""
    if world.store.engine.dialect.name != "postgresql":
        pytest.skip("SQLite writes one transaction at a time: there is no race")
    root = _export(world)
    _set_target(_units(root)[0], "Court fines an activist", "translated")
    refused = while_held(
        world.store.engine,
        lambda c: steps.approve(c, world.doc_id, "en"),
        lambda: _import(world, root),
    )
    assert [type(e) for e in refused] == [ImportRejected]
    assert _texts(world)[0] != "Court fines an activist"
