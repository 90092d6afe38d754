"""Files on disk, read with a bound and written whole or not at all: the one bounded reader and
the one atomic-write helper (caches, seeds, exports).

Reading a file a person names (on the command line, in a setting):
- `read_capped(path, max_bytes)`: the bytes of a regular file of at most `max_bytes`
  (`Settings.max_bytes`, TRANSLATE_PUB_MAX_BYTES). A FIFO, device, socket or folder is refused
  without being read (never opened blocking: a FIFO cannot hang the command).
- `read_text(path, max_bytes)`: the same, decoded as UTF-8 (a byte-order mark is dropped).
- `open_capped(path, max_bytes)`: the same checks, for a file read as a stream (a 100 MB TMX):
  a handle whose reads fail as the file passes `max_bytes`.

Writing: a reader (another process, the web app, a second run) sees the old file or the new
one, never half of either: the bytes go to a temporary file beside the target, which one rename
puts in place. An interrupted write leaves the old file and no temporary behind. A symlink at
the target is followed, not replaced, as a plain write would.
- `replacing(path)` / `write_atomic(path, data)`: files the program owns.
- `write_output(path, data)`: an output path a person names (an export). Only a regular file is
  ever replaced, keeping its mode; a device, FIFO, socket or folder there is refused, as one
  line naming the path.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from translate_pub.errors import InputError

MAX_BYTES = 10 * 1024 * 1024  # the default of Settings.max_bytes
SPECIAL = {
    stat.S_IFIFO: "a FIFO",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFDIR: "a folder",
}


def read_capped(path: Path, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most `max_bytes`; anything else is refused unread."""
    where = str(path)
    try:
        _check_regular(
            where, os.stat(path), max_bytes
        )  # a FIFO or device is refused before opening
        # O_NONBLOCK: should a FIFO be swapped in after the check, opening it must not hang.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as handle:
            _check_regular(where, os.fstat(handle.fileno()), max_bytes)
            raw = handle.read(max_bytes + 1)  # the file may have grown since
    except FileNotFoundError:
        raise InputError(where, "no such file") from None
    except OSError as exc:  # unreadable, gone meanwhile, a name too long
        raise InputError(where, f"cannot read file ({exc.strerror or exc})") from None
    if len(raw) > max_bytes:
        raise InputError(
            where,
            f"file too large (over {size_text(max_bytes)}; the cap is {size_text(max_bytes)})",
        )
    return raw


@contextlib.contextmanager
def open_capped(path: Path, max_bytes: int = MAX_BYTES) -> Iterator[BinaryIO]:
    """A regular file of at most `max_bytes` opened for streaming; reading past the cap (the file
    grew since) raises InputError. Anything but a regular file is refused unopened."""
    where = str(path)
    try:
        _check_regular(where, os.stat(path), max_bytes)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        handle = os.fdopen(fd, "rb")
        _check_regular(where, os.fstat(handle.fileno()), max_bytes)
    except FileNotFoundError:
        raise InputError(where, "no such file") from None
    except OSError as exc:
        raise InputError(where, f"cannot read file ({exc.strerror or exc})") from None
    with handle:
        yield _Capped(handle, max_bytes, where)  # type: ignore[misc]


class _Capped:
    """Reads of a file that fail once more than `cap` bytes have come."""

    def __init__(self, raw: BinaryIO, cap: int, where: str) -> None:
        self.raw, self.cap, self.where, self.seen = raw, cap, where, 0

    def read(self, size: int = -1) -> bytes:
        chunk = self.raw.read(size if size >= 0 else self.cap + 1)
        self.seen += len(chunk)
        if self.seen > self.cap:
            raise InputError(
                self.where, f"file too large (over {size_text(self.cap)}, the cap)"
            )
        return chunk


def read_text(path: Path, max_bytes: int = MAX_BYTES) -> str:
    """A bounded UTF-8 text file (a byte-order mark is dropped)."""
    raw = read_capped(path, max_bytes)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            f"{path}:{line}", f"not valid UTF-8 (byte {exc.start})"
        ) from None


def _check_regular(where: str, info: os.stat_result, max_bytes: int) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise InputError(where, "cannot read file (it is a folder)")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(
            where,
            f"not a regular file ({SPECIAL.get(stat.S_IFMT(info.st_mode), 'special file')})",
        )
    if info.st_size > max_bytes:
        raise InputError(
            where,
            f"file too large ({size_text(info.st_size)}; the cap is {size_text(max_bytes)})",
        )


def size_text(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{size:,} bytes"


@contextlib.contextmanager
def replacing(path: Path | str, perms: int = 0o666) -> Iterator[BinaryIO]:
    """A binary file to write that replaces `path` in one rename when the block ends without error.

    `perms` are the new file's permission bits before the umask, as with `open`.
    """
    target = Path(os.path.realpath(path))
    tmp = target.with_name(
        f".{target.name[:200]}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
    )
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, perms)
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_atomic(path: Path | str, data: bytes | str, perms: int = 0o666) -> None:
    """Write `data` (text as UTF-8, newlines kept) to `path` whole or not at all."""
    with replacing(path, perms) as f:
        f.write(data.encode("utf-8") if isinstance(data, str) else data)


def write_output(path: Path, data: bytes) -> None:
    """`write_atomic` for a path a person names: only a regular file is replaced (its mode kept),
    a symlink is followed to one; a device, FIFO, socket or folder is refused untouched."""
    where = str(path)
    try:
        info: os.stat_result | None = os.stat(
            path
        )  # through a symlink: what a write would reach
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise InputError(where, f"cannot write ({exc.strerror or exc})") from None
    if info is not None and not stat.S_ISREG(info.st_mode):
        kind = SPECIAL.get(stat.S_IFMT(info.st_mode), "not a regular file")
        raise InputError(
            where, f"refused: {kind} is there, and only a regular file is ever replaced"
        )
    try:
        with replacing(path, 0o666) as f:
            f.write(data)
            if info is not None:
                os.fchmod(f.fileno(), stat.S_IMODE(info.st_mode))
    except OSError as exc:
        raise InputError(where, f"cannot write ({exc.strerror or exc})") from None
