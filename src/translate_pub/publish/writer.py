"""The only code that writes site files: one build folder, pages reused from the previous build.

A page whose inputs (its key) are unchanged is hard-linked from the previous build
instead of rendered; a page rendered to the same bytes is linked too, so only pages
whose content changed are written anew. The folder may already hold an older build
(`present`, its manifest): then only files that differ from it are replaced (unlinked
first, never written through: they may be links into the live build) and files the
new build lacks are deleted, so an incremental build touches a handful of files, not
every page. `site` decides which folder a build goes to; `build` renders into a `Writer`.
"""

from __future__ import annotations

import grp
import hashlib
import os
import re
import shutil
import stat
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

import orjson

from translate_pub.errors import ConfigError, PublishError

_SAFE_PATH = re.compile(
    r"[a-z0-9][a-z0-9_.-]*(?:/[a-z0-9][a-z0-9_.-]*)*"
)  # no "..", no leading "/"


class Writer:
    """Writes pages into one build folder, reusing the previous build's files where it can."""

    def __init__(
        self,
        root: Path,
        previous: Path | None,
        version: str,
        present: dict[str, dict[str, str]] | None = None,
        modes: Modes | None = None,
    ) -> None:
        self.root = root
        self.modes = modes or Modes()
        self.present = (
            present or {}
        )  # what the folder already holds: path → key and content hash
        self.previous_root = previous / "site" if previous else None
        self.old: dict[str, dict[str, str]] = manifest(previous) if previous else {}
        self.pages: dict[str, dict[str, str]] = {}
        self.old_fragments: dict[str, str] = _fragments(previous) if previous else {}
        self.fragments: dict[str, str] = {}
        self.written: list[str] = []
        self.version = version
        self._dirs: set[str] = set()
        self._pool: tuple[int, ThreadPoolExecutor] | None = None
        self._pending: list[Future[None]] = []

    def key(self, *parts: object) -> str:
        """A hash of a page's inputs: strings, numbers and containers of them, whose repr is stable."""
        return hashlib.sha256(repr((self.version, *parts)).encode()).hexdigest()[:32]

    def reuse(self, path: str, key: str) -> bool:
        """Link the previous build's page if its inputs are unchanged; False if it must be rendered."""
        old = self.old.get(path)
        if old is None or old["key"] != key or not self._place(path, old["sha"]):
            return False
        self.pages[path] = old
        return True

    def page(
        self, path: str, render: Callable[[], str | bytes], *inputs: object
    ) -> None:
        """The page at `path`: the previous build's when its inputs (hashed by `key`) are unchanged,
        else `render()`ed and written."""
        key = self.key(*inputs)
        if not self.reuse(path, key):
            self.write(path, key, render())

    def write(self, path: str, key: str, content: str | bytes) -> None:
        data = content.encode() if isinstance(content, str) else content
        sha = hashlib.sha256(data).hexdigest()
        self.pages[path] = {"key": key, "sha": sha}
        old = self.old.get(path)
        if old and old["sha"] == sha and self._place(path, sha):
            return
        if path in self.present:
            os.unlink(
                self._target(path)
            )  # it may be a link into the live build: never write through it
        # Creating a file costs this file system far more than rendering it: let threads wait on
        # the kernel while the caller renders the next page.
        self._pending.append(
            self._threads().submit(_write_file, self._target(path), data, self.modes)
        )
        self.written.append(path)

    def fragment(self, key: str) -> str | None:
        """A piece of rendered HTML kept between builds (feed entries), carried on when used."""
        found = self.fragments.get(key) or self.old_fragments.get(key)
        if found is not None:
            self.fragments[key] = found
        return found

    def keep_fragment(self, key: str, html: str) -> None:
        self.fragments[key] = html

    def flush(self) -> None:
        """Wait for every queued write; raises the first write error."""
        pending, self._pending = self._pending, []
        for future in pending:
            future.result()

    def _threads(self) -> ThreadPoolExecutor:
        if (
            self._pool is None or self._pool[0] != os.getpid()
        ):  # threads do not survive a fork
            self._pool = (
                os.getpid(),
                ThreadPoolExecutor(4, thread_name_prefix="site-writer"),
            )
        return self._pool[1]

    def save_manifest(self, build_dir: Path) -> None:
        """Finish: wait for the writes, drop what the folder held that this build lacks, record the pages."""
        self.flush()
        for path in self.present.keys() - self.pages.keys():
            os.unlink(self._target(path))
            with suppress(
                OSError
            ):  # its folder, once empty (a tag nobody uses any more)
                os.rmdir(os.path.dirname(self._target(path)))
        (build_dir / "manifest.json").write_bytes(
            orjson.dumps({"version": self.version, "pages": self.pages})
        )
        (build_dir / "fragments.json").write_bytes(orjson.dumps(self.fragments))

    def _target(self, path: str) -> str:
        """The file's place in the build (plain strings: tens of thousands of these per build)."""
        if not _SAFE_PATH.fullmatch(path):
            raise PublishError(f"refusing to write outside the site: {path!r}")
        folder, _, _name = path.rpartition("/")
        if folder not in self._dirs:
            self._make_folder(folder)
        return f"{self.root}/{path}"

    def _make_folder(self, folder: str) -> None:
        """`folder` and its missing parents under the root, each with the site's folder mode."""
        parts = folder.split("/") if folder else []
        for n in range(len(parts) + 1):
            sub = "/".join(parts[:n])
            if sub not in self._dirs:
                path = self.root / sub if sub else self.root
                path.mkdir(exist_ok=True)
                self.modes.apply(path, self.modes.folder)
                self._dirs.add(sub)

    def _place(self, path: str, sha: str) -> bool:
        """Have the previous build's page (content `sha`) at `path`: already there, or linked now."""
        held = self.present.get(path)
        if held and held["sha"] == sha:
            return True
        if held:
            os.unlink(self._target(path))
            del self.present[path]
        return self._link(path)

    def _link(self, path: str) -> bool:
        if self.previous_root is None:
            return False
        source, target = f"{self.previous_root}/{path}", self._target(path)
        try:
            os.link(source, target)
        except FileNotFoundError:
            return False
        except OSError:  # a file system without hard links: copy instead
            shutil.copy2(source, target)
        return True


def _write_file(target: str, data: bytes, modes: Modes) -> None:
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, modes.file)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
        modes.apply(
            fd, modes.file
        )  # whatever the umask: a web server running as another user reads it


@dataclass(frozen=True)
class Modes:
    """Who may read the published site: everyone (folders 0755, files 0644), or, with
    TRANSLATE_PUB_SITE_GROUP, that group only (0750 / 0640, the group set on each)."""

    folder: int = 0o755
    file: int = 0o644
    gid: int = -1

    @classmethod
    def for_group(cls, group: str) -> Modes:
        if not group:
            return cls()
        try:
            gid = grp.getgrnam(group).gr_gid if not group.isdigit() else int(group)
        except KeyError:
            raise ConfigError(
                f"TRANSLATE_PUB_SITE_GROUP={group!r}: no such group"
            ) from None
        return cls(0o750, 0o640, gid)

    @classmethod
    def like(cls, folder: Path) -> Modes:
        """The modes a site folder was given: for what is served beside it (the search index)."""
        info = folder.stat()
        mode = stat.S_IMODE(info.st_mode)
        return cls(mode, mode & 0o666, info.st_gid if mode & 0o007 == 0 else -1)

    def apply_tree(self, root: Path) -> None:
        """These modes on `root` and every folder and file under it (made by another program)."""
        self.apply(root, self.folder)
        for folder, dirs, files in os.walk(root):
            for name in dirs:
                self.apply(Path(folder, name), self.folder)
            for name in files:
                self.apply(Path(folder, name), self.file)

    def apply(self, target: Path | int, mode: int) -> None:
        """Set `mode` (and the group) on a path or an open file descriptor."""
        if isinstance(target, int):
            os.fchmod(target, mode)
            if self.gid >= 0:
                os.fchown(target, -1, self.gid)
        else:
            os.chmod(target, mode)
            if self.gid >= 0:
                os.chown(target, -1, self.gid)


def _fragments(build_dir: Path) -> dict[str, str]:
    try:
        return dict(orjson.loads((build_dir / "fragments.json").read_bytes()))
    except (OSError, ValueError, TypeError):
        return {}


def manifest(build_dir: Path) -> dict[str, dict[str, str]]:
    try:
        return dict(orjson.loads((build_dir / "manifest.json").read_bytes())["pages"])
    except (OSError, ValueError, KeyError, TypeError):
        return {}  # no usable manifest: a full build
