"""Engine output is cleaned once, by its declared format, before anything stores or shows it."""

from __future__ import annotations

import pytest

from translate_pub.entities import stray_entities
from translate_pub.mt.base import HTML, TEXT
from translate_pub.mt.clean import clean
from translate_pub.mt.recorded import DEFAULT_RECORDING, RecordedEngine


@pytest.mark.parametrize(
    ("output", "expected"),
    [
        ("the prime minister&#39;s office", "the prime minister's office"),
        ("&quot;Memorial&quot; &amp; OVD-Info", '"Memorial" & OVD-Info'),
        ("&#x27;hex&#x27; and &nbsp;named", "'hex' and \u00a0named"),
        (
            "AT&amp;amp;T",
            "AT&amp;T",
        ),  # decoded exactly once: a source that says "&amp;" keeps it
    ],
)
def test_escaped_output_is_decoded_once(output: str, expected: str) -> None:
    assert clean(output, "источник", HTML) == expected


def test_literal_text_is_never_decoded() -> None:
    assert (
        clean("Write &amp; for an ampersand", "Пишите &amp; вместо амперсанда", TEXT)
        == "Write &amp; for an ampersand"
    )


def test_stray_tags_and_whitespace_go_placeholders_and_source_tags_stay() -> None:
    out = clean(
        "  <b>Detained</b>\u200b in <1>Moscow</1>,\n\tsays <code>x</code><2/> ",
        "… <code>x</code>",
        TEXT,
    )
    assert out == "Detained in <1>Moscow</1>, says <code>x</code><2/>"


def test_stray_entities_are_those_the_source_lacks() -> None:
    assert stray_entities("AT&amp;T", "AT&amp;T&#39;s &quot;x&quot; &#39;") == [
        "&#39;",
        "&quot;",
    ]
    assert stray_entities("x", "R&D and AT & T; &nosuch") == []


def test_a_recording_says_whether_it_is_escaped() -> None:
    assert (
        RecordedEngine(DEFAULT_RECORDING).output_format == HTML
    )  # Google's web output
    assert (
        RecordedEngine(
            DEFAULT_RECORDING.with_name("flores-dev.ru-en.microsoft.tsv")
        ).output_format
        == TEXT
    )
