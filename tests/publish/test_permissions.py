"""Who may read what, on purpose: the published site is world-readable (folders 0755, files 0644),
or readable by one group only with TRANSLATE_PUB_SITE_GROUP (0750, 0640); a web server running as
another user reads it (checked with `runuser -u nobody` where the tests run as root)."""

from __future__ import annotations

import grp
import os
import stat
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from tests.unprivileged import runuser_available, shared_folder
from translate_pub.config import Settings
from translate_pub.publish import search
from translate_pub.store import Store

from .newsroom import build_newsroom, publish


def _modes(out: Path) -> tuple[set[int], set[int], set[int]]:
    """The modes of the site's folders (the build's own included) and files, and their groups."""
    site = out.resolve()
    entries = [
        site.parent,
        site,
        *(p for p in site.rglob("*") if not p.is_symlink()),
    ]  # the index: on its own
    folders = {stat.S_IMODE(p.stat().st_mode) for p in entries if p.is_dir()}
    files = {stat.S_IMODE(p.stat().st_mode) for p in entries if p.is_file()}
    return folders, files, {p.stat().st_gid for p in entries}


def _read_as(user: str, path: Path) -> subprocess.CompletedProcess[bytes]:
    argv = (
        ["cat", str(path)]
        if os.geteuid() != 0
        else ["runuser", "-u", user, "--", "cat", str(path)]
    )
    return subprocess.run(argv, capture_output=True, timeout=60)


def test_the_site_is_world_readable_whatever_the_umask(
    store: Store, site_settings: Settings
) -> None:
    runuser_available()
    build_newsroom(store)
    mask = os.umask(0o077)  # a private umask must not make a private site
    try:
        with shared_folder() as shared:
            out = shared / "site"
            publish(store, site_settings, out)
            folders, files, _groups = _modes(out)
            assert folders == {0o755} and files == {0o644}
            assert stat.S_IMODE((shared / ".site.builds").stat().st_mode) == 0o755
            page = next(out.resolve().rglob("*.html"))
            read = _read_as("nobody", out / page.relative_to(out.resolve()))
            assert read.returncode == 0 and read.stdout == page.read_bytes()
            publish(
                store, site_settings, out, search=True
            )  # incremental: linked pages keep their modes
            assert _modes(out)[:2] == ({0o755}, {0o644})
            search.index_site(out)  # Pagefind's index, served beside the site
            index = (shared / ".site.builds" / "search").resolve()
            assert _modes(index / "live")[:2] == ({0o755}, {0o644})
            indexed = out / "pagefind" / "indexed.json"
            assert _read_as("nobody", indexed).stdout == indexed.read_bytes()
    finally:
        os.umask(mask)


@pytest.mark.skipif(
    os.geteuid() != 0, reason="setting another group on files needs root"
)
def test_a_site_group_alone_may_read_it(store: Store, site_settings: Settings) -> None:
    runuser_available()
    build_newsroom(store)
    with shared_folder() as shared:
        out = shared / "site"
        publish(store, replace(site_settings, site_group="nogroup"), out)
        folders, files, groups = _modes(out)
        assert folders == {0o750} and files == {0o640}
        assert groups == {grp.getgrnam("nogroup").gr_gid}
        page = next(out.resolve().rglob("*.html"))
        assert _read_as("nobody", page).returncode == 0  # nobody's group is nogroup
        assert _read_as("daemon", page).returncode != 0  # another user is kept out
