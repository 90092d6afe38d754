"""Files on disk written whole or not at all: the one atomic-write helper (caches, seeds, exports).

A reader (another process, the web app, a second run) sees the old file or the new
one, never half of either: the bytes go to a temporary file beside the target,
which one rename puts in place. An interrupted write leaves the old file and no
temporary behind. A symlink at the target is followed, not replaced, as a plain
write would.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO


@contextlib.contextmanager
def replacing(path: Path | str, perms: int = 0o666) -> Iterator[BinaryIO]:
    """A binary file to write that replaces `path` in one rename when the block ends without error.

    `perms` are the new file's permission bits before the umask, as with `open`.
    """
    target = Path(os.path.realpath(path))
    tmp = target.with_name(f".{target.name[:200]}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
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
