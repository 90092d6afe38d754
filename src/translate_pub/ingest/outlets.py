"""The outlets file (TOML): which outlets to poll, their feeds and their language.

[[outlet]]
name = "OVD-Info"
language = "ru"
feeds = ["https://ovd.info/rss.xml"]
allow_hosts = ["archive.internal"]   # optional: hosts on private addresses its links may reach
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from translate_pub.errors import InputError


@dataclass(frozen=True)
class Outlet:
    name: str
    feeds: tuple[str, ...]
    language: str = "ru"
    allow_hosts: tuple[str, ...] = ()


def load_outlets(path: Path) -> list[Outlet]:
    """Every outlet in the file; a missing name, feed list or bad URL is an InputError naming it."""
    where = str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(where, "no such outlets file") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(where, f"not valid TOML ({exc})") from None
    entries = data.get("outlet")
    if not isinstance(entries, list) or not entries:
        raise InputError(where, "no [[outlet]] tables")
    outlets = [
        _outlet(entry, f"{where}: outlet {i}") for i, entry in enumerate(entries, 1)
    ]
    names = [o.name for o in outlets]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise InputError(where, f"outlet named twice: {', '.join(duplicates)}")
    return outlets


def _outlet(entry: object, where: str) -> Outlet:
    if not isinstance(entry, dict):
        raise InputError(where, "not a table")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise InputError(where, "missing name")
    feeds = entry.get("feeds", [])
    if not isinstance(feeds, list) or not feeds:
        raise InputError(f"{where} ({name})", "feeds must be a non-empty list of URLs")
    for feed in feeds:
        if not isinstance(feed, str) or not feed.startswith(("http://", "https://")):
            raise InputError(
                f"{where} ({name})", f"feed {feed!r} is not an http(s) URL"
            )
    language = entry.get("language", "ru")
    if not isinstance(language, str) or not language.strip():
        raise InputError(
            f"{where} ({name})", "language must be a language code such as ru"
        )
    hosts = entry.get("allow_hosts", [])
    if not isinstance(hosts, list) or not all(
        isinstance(h, str) and h.strip() for h in hosts
    ):
        raise InputError(
            f"{where} ({name})", "allow_hosts must be a list of host names"
        )
    return Outlet(
        name.strip(),
        tuple(feeds),
        language.strip(),
        tuple(h.strip().lower() for h in hosts),
    )
