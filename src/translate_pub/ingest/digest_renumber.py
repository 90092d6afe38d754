"""`translate-pub digest renumber`: digest files written when sentences counted from 0, moved to
the editor's numbering (1 is the title).

Every `segments="…"` of a quote shortcode gets 1 added, and the front matter gets the marker
`numbering: 1` (TOML: `numbering = 1`), so a file is renumbered once: a file already marked is
refused and left as it is. `numbering: 0` marks a file still counting from 0; `translate-pub
digest` refuses such a file. A file with no marker is read from 1 by `translate-pub digest`,
so renumber refuses it (a folder may mix old files and new ones written without the marker)
unless told that unmarked files count from 0 (`--unmarked-from-zero`). A file is rewritten whole or not at all (files.write_atomic); a
bad one is reported in one line (`file:line`) and left untouched, and the others go on.
"""

from __future__ import annotations

import re
from pathlib import Path

from translate_pub.errors import InputError, ParseError
from translate_pub.files import read_capped, write_atomic
from translate_pub.ingest.digest import MARKER, SHORTCODE
from translate_pub.ingest.encoding import decode
from translate_pub.ingest.files import expand
from translate_pub.ingest.markdown import split_front_matter

_SEGMENTS = re.compile(r"(\bsegments=\")([^\"]*)(\")")
_RANGE = re.compile(r"\s*([0-9]{1,9})\s*(?:-\s*([0-9]{1,9})\s*)?")


def renumbered(text: str, where: str, unmarked_from_zero: bool = False) -> str:
    """The file's text with every quoted sentence number one higher and the marker set."""
    meta, body = split_front_matter(text, where)
    if not meta:
        raise ParseError(f"{where}:1", "no front matter: is this a digest?")
    if MARKER not in meta and not unmarked_from_zero:
        raise ParseError(
            f"{where}:1",
            f"no {MARKER} marker, so it is read from 1: left as it is (give "
            "--unmarked-from-zero if files without the marker count from 0)",
        )
    if meta.get(MARKER) == 1:
        raise ParseError(
            f"{where}:1",
            f"already numbered from 1 ({MARKER}: 1): left as it is",
        )
    if MARKER in meta and meta[MARKER] != 0:
        raise ParseError(f"{where}:1", f"{MARKER}: {meta[MARKER]}: expected 0 or 1")
    head = text[: len(text) - len(body)]
    first = head.count("\n") + 1
    lines = body.splitlines(keepends=True)
    shifted = "".join(
        _shift(line, f"{where}:{first + n}") for n, line in enumerate(lines)
    )
    return _marked(head) + shifted


def _marked(head: str) -> str:
    """The front matter with `numbering` set to 1 (replacing a 0, else first after the fence)."""
    toml = head.startswith("+++")
    line = re.compile(rf"^{MARKER}\s*[:=].*$", re.M)
    value = f"{MARKER} = 1" if toml else f"{MARKER}: 1"
    if line.search(head):
        return line.sub(value, head, count=1)
    fence, _, rest = head.partition("\n")
    return f"{fence}\n{value}\n{rest}"


def _shift(line: str, where: str) -> str:
    def call(m: re.Match[str]) -> str:
        return _SEGMENTS.sub(
            lambda s: s.group(1) + _plus_one(s.group(2), where) + s.group(3), m.group(0)
        )

    return SHORTCODE.sub(call, line)


def _plus_one(span: str, where: str) -> str:
    m = _RANGE.fullmatch(span)
    if m is None:
        raise ParseError(
            where, f'bad segments="{span[:40]}": write one number or a range like 3-5'
        )
    first, last = int(m.group(1)) + 1, m.group(2)
    return str(first) if last is None else f"{first}-{int(last) + 1}"


def renumber(
    path: Path, max_bytes: int, unmarked_from_zero: bool = False
) -> tuple[list[str], list[str]]:
    """(one line per file renumbered, one error line per file refused) for a file or folder;
    a file without the marker only with `unmarked_from_zero`."""
    done, errors = [], []
    files, notes = expand(path)
    done.extend(notes)
    for f in files:
        if f.suffix.lower() not in (".md", ".markdown"):
            continue
        try:
            text = decode(read_capped(f, max_bytes), str(f))
            new = renumbered(text, str(f), unmarked_from_zero)
            write_atomic(f, new.encode())
        except (InputError, OSError) as exc:
            errors.append(
                str(exc) if isinstance(exc, InputError) else f"{f}: {exc.strerror}"
            )
            continue
        done.append(f"{f}: renumbered from 1 ({MARKER}: 1)")
    return done, errors
