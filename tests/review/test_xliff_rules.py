"""XLIFF obeys the editor's rules: a digest's quote is read-only, a text is capped at the
editor's limit, an upload's report lists the first 200 problems and counts the rest, ids of any
length are a problem of their unit (never a crash), and one user applies one upload at a time."""

from __future__ import annotations

import re

import pytest
from lxml import etree

from tests.digest_newsroom import build_sources
from translate_pub.review.checks import load_glossaries
from translate_pub.review.routes import exchange
from translate_pub.review.xliff import NS, TP, export_xliff
from translate_pub.review.xliff_import import ImportRejected, import_xliff
from translate_pub.store import review as review_store

from .conftest import FIXTURES, login
from .test_digests import _compose, _digest_id
from .test_xliff_app import _set_target, _units, _upload

X = f"{{{NS}}}"


def _export(world, doc_id: int) -> etree._Element:  # type: ignore[no-untyped-def]
    with world.store.begin() as conn:
        return etree.fromstring(export_xliff(conn, "en", [doc_id]))


def _import(world, root, user: str):  # type: ignore[no-untyped-def]
    data = etree.tostring(root) if not isinstance(root, bytes) else root
    return import_xliff(
        world.store,
        data,
        "in.xlf",
        user,
        ("en",),
        load_glossaries(FIXTURES / "terms.csv", ("en",)),
    )


def _texts(world, doc_id: int) -> list[str]:  # type: ignore[no-untyped-def]
    with world.store.begin() as conn:
        return [r.text for r in review_store.editor_rows(conn, doc_id, "en")]


def test_a_quote_cannot_be_changed_by_xliff(client, world) -> None:  # type: ignore[no-untyped-def]
    build_sources(world.store)
    login(client, "ed")
    digest_id = _digest_id(_compose(client))
    before = _texts(world, digest_id)
    root = _export(world, digest_id)
    quote = next(
        u
        for u in _units(root)
        if "Out of 176" in "".join(u.find(X + "target").itertext())
    )
    _set_target(quote, "A tampered quote.")
    with pytest.raises(
        ImportRejected, match="a quote is its source's approved translation"
    ):
        _import(world, root, "ed")
    page = _upload(client, etree.tostring(root))
    assert page.status_code == 422 and "approved translation" in page.text
    assert _texts(world, digest_id) == before


def test_a_text_over_the_editors_limit_is_refused(client, world) -> None:  # type: ignore[no-untyped-def]
    root = _export(world, world.doc_id)
    _set_target(_units(root)[1], "x" * 10_001)
    before = _texts(world, world.doc_id)
    with pytest.raises(ImportRejected, match="at most 10000 characters"):
        _import(world, root, "tanya")
    login(client, "tanya")
    page = _upload(client, etree.tostring(root))
    assert page.status_code == 422 and "at most 10000 characters" in page.text
    assert _texts(world, world.doc_id) == before
    _set_target(_units(root)[1], "y" * 10_000)  # the limit itself is fine
    assert _import(world, root, "tanya").units_changed == 1


def _bogus(count: int, doc_id: int) -> bytes:
    units = "".join(
        f'<trans-unit id="x{i}"><source>a</source><target>b</target></trans-unit>'
        for i in range(count)
    )
    return (
        f'<xliff xmlns="{NS}" xmlns:tp="{TP}" version="1.2"><file original="doc-{doc_id}" '
        f'target-language="en"><body>{units}</body></file></xliff>'
    ).encode()


def test_an_uploads_report_lists_200_problems_and_counts_the_rest(
    client, world, capsys, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    login(client, "tanya")
    page = _upload(client, _bogus(1_000, world.doc_id))
    assert page.status_code == 422
    assert "0 unit(s) applied, 1000 refused." in page.text
    assert page.text.count("lacks our numeric id") == 200
    assert "800 more refused unit(s) are not listed." in page.text
    with pytest.raises(ImportRejected) as caught:
        _import(world, _bogus(1_000, world.doc_id), "tanya")
    assert len(caught.value.problems) == 200 and caught.value.unlisted == 800
    assert str(caught.value).startswith("in.xlf: 1000 problem(s), nothing imported")


@pytest.mark.parametrize("digits", [23, 5_000])
def test_ids_and_versions_of_any_length_are_problems_of_their_unit(
    client, world, digits: int
) -> None:  # type: ignore[no-untyped-def]
    root = _export(world, world.doc_id)
    _set_target(_units(root)[1], "Changed.")
    _units(root)[1].set("id", "9" * digits)
    _units(root)[2].set(f"{{{TP}}}version", "7" * digits)
    huge_doc = etree.tostring(root).replace(
        f'original="doc-{world.doc_id}"'.encode(),
        f'original="doc-{"8" * digits}"'.encode(),
    )
    with pytest.raises(ImportRejected) as caught:
        _import(world, root, "tanya")
    assert len(caught.value.problems) == 2
    assert all(
        re.fullmatch(
            r"in\.xlf:\d+: unit '\d{1,40}' lacks our numeric id and tp:version", p
        )
        for p in caught.value.problems
    ), caught.value.problems
    with pytest.raises(ImportRejected, match="is not one of our documents"):
        _import(world, huge_doc, "tanya")
    login(client, "tanya")
    assert _upload(client, huge_doc).status_code == 422


def test_one_upload_per_user_at_a_time(client, world) -> None:  # type: ignore[no-untyped-def]
    login(client, "tanya")
    data = etree.tostring(_export(world, world.doc_id))
    with exchange._one_upload_at_a_time(
        "tanya"
    ):  # as while another of tanya's uploads is being applied
        assert _upload(client, data).status_code == 429
        login(client, "rita")
        assert _upload(client, data).status_code == 200  # another user is not held up
    login(client, "tanya")
    assert _upload(client, data).status_code == 200
