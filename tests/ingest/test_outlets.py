"""The outlets file: what the scheduled poll reads, with one-line errors naming the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from translate_pub.config import PROJECT_DIR
from translate_pub.errors import InputError
from translate_pub.ingest.outlets import Outlet, load_outlets


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "outlets.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_outlets_are_read_with_their_feeds_and_language(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '[[outlet]]\nname = "OVD-Info"\nfeeds = ["https://ovd.info/rss.xml"]\n\n'
        '[[outlet]]\nname = "Meduza EN"\nlanguage = "en"\n'
        'feeds = ["https://meduza.io/rss/en/all", "https://meduza.io/rss/en/news"]\n',
    )
    assert load_outlets(path) == [
        Outlet("OVD-Info", ("https://ovd.info/rss.xml",), "ru"),
        Outlet(
            "Meduza EN",
            ("https://meduza.io/rss/en/all", "https://meduza.io/rss/en/news"),
            "en",
        ),
    ]


def test_the_sample_outlets_file_is_valid() -> None:
    outlets = load_outlets(PROJECT_DIR / "samples" / "outlets.toml")
    assert {"OVD-Info", "Caucasian Knot", "Novaya gazeta"} <= {o.name for o in outlets}


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("[[outlet]\nname=1", "not valid TOML"),
        ("title = 'x'", "no [[outlet]] tables"),
        ('[[outlet]]\nfeeds = ["https://a/rss"]', "outlet 1: missing name"),
        ('[[outlet]]\nname = "A"', "outlet 1 (A): feeds must be a non-empty list"),
        (
            '[[outlet]]\nname = "A"\nfeeds = ["ftp://a/rss"]',
            "outlet 1 (A): feed 'ftp://a/rss' is not an http(s) URL",
        ),
        (
            '[[outlet]]\nname = "A"\nfeeds = ["https://a"]\n[[outlet]]\nname = "A"\nfeeds = ["https://b"]',
            "outlet named twice: A",
        ),
    ],
)
def test_bad_outlets_files_name_the_file_and_the_problem(
    tmp_path: Path, text: str, reason: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(InputError) as err:
        load_outlets(path)
    assert str(err.value).startswith(str(path)) and reason in str(err.value)


def test_a_missing_outlets_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such outlets file"):
        load_outlets(tmp_path / "none.toml")


def test_an_outlet_may_allow_hosts_on_private_addresses(tmp_path: Path) -> None:
    path = tmp_path / "outlets.toml"
    path.write_text(
        '[[outlet]]\nname = "Archive"\nfeeds = ["http://archive.internal/rss"]\n'
        'allow_hosts = ["Archive.Internal"]\n',
        encoding="utf-8",
    )
    assert load_outlets(path)[0].allow_hosts == ("archive.internal",)
    path.write_text(
        '[[outlet]]\nname = "Archive"\nfeeds = ["http://a/rss"]\nallow_hosts = "a"\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="allow_hosts must be a list of host names"):
        load_outlets(path)
