"""The context tagger's answers kept under the home, so a window read once is not read again.

A tag is a pure function of its window of tokens (the tagger's convolutions see nothing
beyond `radius` tokens either side), of the model and of the code that runs it, and the
window a function of the stretch of text around the word (`windows.Key`, what an answer
is kept under): the file's name holds a digest of natasha's, slovnet's, numpy's and
razdel's versions and of `tagger.py` and `windows.py`, so a change of any of them starts
a new file. Matching a text seen
before (`glossary check` after `glossary match`, an editor's page shown again) then
needs neither numpy nor the model.

The file is a log: a run that tagged new windows appends one record (its length, a
CRC-32, the record in marshal's format: loading it never runs code), so a web request
writes only what it tagged. A record that fails its checksum or does not parse ends
the log: it is removed and started afresh. A final record shorter than its length says
is one another process is still writing: reading stops quietly before it. Past
`LIMIT` bytes the log is started afresh too.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import os
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from translate_pub.terms.installed import version
from translate_pub.terms.windows import Key

FORMAT = 2  # bump when a record changes shape
LIMIT = 32 << 20  # bytes: a log past it is started afresh
_MEMORY = (
    200_000  # answers a long-running process keeps in memory before starting afresh
)
_PREFIX = "tags-"
_HEAD = 8  # a record's length and CRC-32, 4 bytes each
log = logging.getLogger(__name__)

Answer = tuple[str, dict[str, str]]  # part of speech, features


@dataclass
class Kept:
    """What the log holds: the tagger's radius (None before anything was kept) and its answers."""

    path: Path | None
    radius: int | None = None
    tags: dict[Key, Answer] = field(default_factory=dict)


@lru_cache
def _digest() -> str:
    parts = [
        f"format={FORMAT}",
        *(f"{lib}={version(lib)}" for lib in ("natasha", "slovnet", "numpy", "razdel")),
        *(
            hashlib.sha256((Path(__file__).parent / name).read_bytes()).hexdigest()
            for name in ("tagger.py", "windows.py")
        ),
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]


def kept(folder: Path | None) -> Kept:
    """The answers kept in `folder` (read once per process; the caller holds the tagger's
    lock); without a folder, none: each call asks the model."""
    return Kept(None) if folder is None else _kept(folder)


@lru_cache(maxsize=8)
def _kept(folder: Path) -> Kept:
    found = Kept(folder / f"{_PREFIX}{_digest()}.log")
    try:
        data = found.path.read_bytes()  # type: ignore[union-attr]
    except FileNotFoundError:
        return found
    except OSError as exc:
        log.warning(
            "tagger cache %s is unreadable (%s); tagging afresh", found.path, exc
        )
        return found
    if not _load(data, found):
        log.warning("tagger cache %s is damaged; starting it afresh", found.path)
        found.path.unlink(missing_ok=True)  # type: ignore[union-attr]
        if found.radius is not None:  # the sound records before the damage, kept
            _write(found, found.radius, found.tags)
    return found


def _load(data: bytes, into: Kept) -> bool:
    """Read the records into `into`, up to a short final one; False at the first damaged one."""
    at = 0
    while at < len(data):
        size = int.from_bytes(data[at : at + 4], "little")
        if at + _HEAD + size > len(data):  # a record another process is still writing
            return True
        body = data[at + _HEAD : at + _HEAD + size]
        if zlib.crc32(body) != int.from_bytes(data[at + 4 : at + _HEAD], "little"):
            return False
        try:
            radius, rows = marshal.loads(body)
            into.tags.update(
                ((text, at, lowered), (pos, feats))
                for text, at, lowered, pos, feats in rows
            )
        except (EOFError, ValueError, TypeError):
            return False
        into.radius = radius
        at += _HEAD + size
    return True


def keep(known: Kept, radius: int, new: dict[Key, Answer]) -> None:
    """Add the new answers, in memory and at the end of the log."""
    known.radius = radius
    if len(known.tags) > _MEMORY:
        known.tags.clear()
    known.tags.update(new)
    if not new:
        return
    _write(known, radius, new)


def _write(known: Kept, radius: int, answers: dict[Key, Answer]) -> None:
    if known.path is None:
        return
    body = marshal.dumps(
        (
            radius,
            [
                (text, at, lowered, pos, feats)
                for (text, at, lowered), (pos, feats) in answers.items()
            ],
        )
    )
    record = len(body).to_bytes(4, "little") + zlib.crc32(body).to_bytes(4, "little")
    try:
        _append(known.path, record + body)
    except OSError as exc:  # tagging works without it, only slower next time
        log.warning("cannot write the tagger cache %s (%s)", known.path, exc)


def _append(path: Path, record: bytes) -> None:
    """One write to a file opened for appending: a record is never interleaved with another
    process's. A new log replaces the files of other keys."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fresh = not path.exists() or path.stat().st_size + len(record) > LIMIT
    if fresh:
        for old in path.parent.glob(f"{_PREFIX}*"):
            old.unlink(missing_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, record)
    finally:
        os.close(fd)
