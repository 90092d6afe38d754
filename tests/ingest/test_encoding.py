"""Russian text in any of its three encodings decodes to the same string, never mojibake."""

from __future__ import annotations

import pytest

from translate_pub.errors import InputError
from translate_pub.ingest.encoding import declared_charset, decode

from .conftest import FIXTURES

TEXT = (FIXTURES / "2013-01-29-courts.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("encoding", ["utf-8", "cp1251", "koi8_r"])
@pytest.mark.parametrize("header", [None, "windows-1251", "koi8-r", "utf-8"])
def test_every_encoding_decodes_whatever_the_header_claims(
    encoding: str, header: str | None
) -> None:
    assert decode(TEXT.encode(encoding), "x", header) == TEXT


def test_meta_charset_is_read_from_the_page() -> None:
    raw = (FIXTURES / "courts-koi8r.html").read_bytes()
    assert declared_charset(raw) == "koi8-r"
    assert "Данные по мировым судам" in decode(raw, "x")


def test_a_short_word_is_not_guessed_into_mojibake() -> None:
    assert decode("Суд".encode("koi8_r"), "x", "koi8-r") == "Суд"
    assert decode("Суд".encode("cp1251"), "x") == "Суд"


@pytest.mark.parametrize(
    "raw", [b"%PDF-1.4\n...", b"\x89PNG\r\n\x1a\n", b"abc\x00\x01\x02"]
)
def test_binary_content_is_refused(raw: bytes) -> None:
    with pytest.raises(InputError, match="content, not a text article"):
        decode(raw, "file.bin")


@pytest.mark.parametrize("header", [None, "utf-8"])
def test_one_stray_byte_in_utf8_does_not_turn_the_article_into_mojibake(
    header: str | None,
) -> None:
    text = "<p>Задержания в Москве: 2341 административное дело, суды и полиция.</p>"
    raw = text.encode()
    decoded = decode(
        raw[:3] + b"\xff" + raw[3:], "page.html", header
    )  # a stray byte after <p>
    assert decoded.replace("\ufffd", "") == text
