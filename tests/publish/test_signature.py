"""The incremental build's signature of an article is derived from every field of its editions."""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import UTC, datetime, timedelta

import pytest

from translate_pub.model import Edition, EditionSegment, QuoteRef
from translate_pub.publish.plan import SIGNED, UNSIGNED, _signature

EDITION = Edition(
    document_id=7,
    lang="en",
    source_lang="ru",
    outlet="ovd",
    title_source="Суд",
    title_target="Court",
    url="https://example.org/a",
    slug="sud",
    published_at=datetime(2024, 1, 2, tzinfo=UTC),
    approved_at=datetime(2024, 1, 3, tzinfo=UTC),
    translated_by=("ann",),
    reviewed_by=("bob",),
    engine="deepl",
    glossary_version="g1",
    segments=(EditionSegment(0, "p", "Суд.", "Court."),),
    tags=("courts",),
    quotes=(QuoteRef(3, 1, 0, 2),),
)


def _other(value: object) -> object:
    """A different value of the same type."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, str):
        return value + "x"
    if isinstance(value, datetime):
        return value + timedelta(seconds=1)
    if isinstance(value, tuple):
        return value[:-1] if value else ("x",)
    raise AssertionError(f"no other value for {value!r}: teach _other this type")


@pytest.mark.parametrize("name", [f.name for f in fields(Edition)])
def test_every_field_but_the_bodies_changes_the_signature(name: str) -> None:
    changed = replace(EDITION, **{name: _other(getattr(EDITION, name))})
    assert (_signature([changed]) == _signature([EDITION])) == (name in UNSIGNED)


def test_only_the_bodies_are_left_out() -> None:
    assert {"segments"} == UNSIGNED
    assert set(SIGNED) | UNSIGNED == {f.name for f in fields(Edition)}
