"""Local sources: Markdown (with front matter), HTML and plain text files, and folders of them."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from translate_pub.errors import InputError
from translate_pub.files import MAX_BYTES, SPECIAL, read_capped
from translate_pub.ingest.digest import SHORTCODE
from translate_pub.ingest.encoding import decode
from translate_pub.ingest.fetch import Fetched
from translate_pub.ingest.html import (
    blocks_from_html,
    content_hash,
    escape_text,
    plain_text,
)
from translate_pub.ingest.markdown import front_matter_date, parse_markdown
from translate_pub.ingest.page import FULL_PAGE, page_document
from translate_pub.model import Document
from translate_pub.segment import Block, segment_blocks, with_names

SUFFIXES = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".txt": "text",
}
DATED_NAME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-")
CONTENT_TYPES = {"markdown": "text/markdown", "html": "text/html", "text": "text/plain"}


def expand(path: Path) -> tuple[list[Path], list[str]]:
    """A file, or the supported files under a folder (sorted, hidden ones skipped), and a note for
    each entry of the folder left alone: the walk stays inside the folder, so symbolic links are
    not followed, and sockets, FIFOs and devices are never opened."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise InputError(str(path), "no such file or folder") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read ({exc.strerror or exc})") from None
    if not stat.S_ISDIR(mode):
        return [
            path
        ], []  # a file named by the user: read_file refuses anything but a regular one
    found, notes = [], []
    unreadable: list[OSError] = []
    for folder, dirs, files in os.walk(
        path, onerror=unreadable.append
    ):  # linked folders are not entered
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in [*dirs, *files]:
            entry = Path(folder) / name
            kind = _special(entry)
            if kind and not name.startswith("."):
                notes.append(f"{entry}: skipped, {kind}")
                if name in dirs:
                    dirs.remove(name)
            elif (
                name in files
                and not name.startswith(".")
                and entry.suffix.lower() in SUFFIXES
            ):
                found.append(entry)
    for err in (
        unreadable
    ):  # os.walk skips a folder it cannot list: say so, never "0 new" in silence
        if Path(str(err.filename)) == path:
            raise InputError(str(path), f"cannot read folder ({err.strerror or err})")
        notes.append(
            f"{err.filename}: skipped, cannot read folder ({err.strerror or err})"
        )
    return sorted(found), sorted(notes)


def _special(entry: Path) -> str | None:
    """Why a folder entry is not an ordinary file or folder, or None when it is one."""
    try:
        mode = entry.lstat().st_mode
    except OSError as exc:  # gone meanwhile
        return f"unreadable ({exc.strerror or exc})"
    if stat.S_ISLNK(mode):
        return "a symbolic link (not followed)"
    if stat.S_ISDIR(mode) or stat.S_ISREG(mode):
        return None
    return SPECIAL.get(stat.S_IFMT(mode), "not a regular file")


def read_file(
    path: Path,
    outlet: str = "local",
    source_lang: str = "ru",
    *,
    max_bytes: int = MAX_BYTES,
    named: Callable[[str, str], bool] | None = None,
) -> Document:
    """The document a file holds; its tags get name segments but those `named` says the
    glossary names (terms/names.py)."""
    where = str(path)
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise InputError(where, f"unsupported file type {path.suffix or '(none)'}")
    raw = read_capped(path, max_bytes)
    if kind == "html" and FULL_PAGE.search(raw[:8192]):
        # A saved web page: extract the article exactly as if it had been fetched.
        page = Fetched(
            url=path.resolve().as_uri(),
            status=200,
            content=raw,
            content_type="text/html",
            fetched_at=datetime.now(UTC),
        )
        return page_document(page, outlet, source_lang, where=where)
    text = decode(raw, where)
    meta: dict = {}  # type: ignore[type-arg]
    if kind == "markdown":
        if SHORTCODE.search(text):  # an article would publish the shortcodes as text
            raise InputError(
                where,
                "this is a digest (it has quote shortcodes): ingest it with `translate-pub digest`",
            )
        meta, blocks = parse_markdown(text, where)
    elif kind == "html":
        blocks = blocks_from_html(text, where)
    else:
        blocks = [
            Block("p", escape_text(p)) for p in re.split(r"\n\s*\n", text) if p.strip()
        ]
    title = str(meta.get("title") or _first_heading(blocks) or path.stem)
    blocks = [
        b
        for b in blocks
        if not (b.kind in ("h1", "h2") and plain_text(b.html) == title)
    ]
    if not blocks:
        raise InputError(where, "empty article: no text found")
    tags = tuple(str(x) for x in meta.get("tags") or ())
    segments = segment_blocks([Block("title", escape_text(title)), *blocks])
    return Document(
        source_lang=source_lang,
        outlet=str(meta.get("outlet") or outlet),
        title=title,
        url=str(meta.get("url") or path.resolve().as_uri()),
        canonical_url=str(
            meta.get("canonical_url") or meta.get("url") or path.resolve().as_uri()
        ),
        content_hash=content_hash(title, blocks),
        segments=with_names(
            segments, tags, source_lang, named
        ),  # tags translated with it
        published_at=front_matter_date(meta) or _date_from_name(path.name),
        fetched_at=datetime.now(UTC),
        tags=tags,
        raw=raw,
        raw_content_type=CONTENT_TYPES[kind],
    )


def _first_heading(blocks: list[Block]) -> str | None:
    return next((plain_text(b.html) for b in blocks if b.kind in ("h1", "h2")), None)


def _date_from_name(name: str) -> datetime | None:
    m = DATED_NAME.match(name)
    return datetime(int(m[1]), int(m[2]), int(m[3]), tzinfo=UTC) if m else None
