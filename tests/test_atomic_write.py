"""The atomic-write helper: whole or nothing, no temporary left behind, symlinks followed."""

from __future__ import annotations

import stat

import pytest

from translate_pub.files import replacing, write_atomic


def test_write_replaces_the_file_and_leaves_nothing_else(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old\n", encoding="utf-8")
    write_atomic(target, "новое\r\n")
    assert target.read_bytes() == "новое\r\n".encode()
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_a_failed_write_keeps_the_old_file_and_removes_its_temporary(tmp_path):
    target = tmp_path / "out.bin"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), replacing(target) as f:
        f.write(b"half")
        raise RuntimeError("interrupted")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.bin"]


def test_a_symlink_is_followed_not_replaced(tmp_path):
    real = tmp_path / "real.tbx"
    real.write_bytes(b"old")
    link = tmp_path / "link.tbx"
    link.symlink_to(real)
    write_atomic(link, b"new")
    assert link.is_symlink()
    assert real.read_bytes() == b"new"


def test_permissions_follow_the_umask_or_the_given_bits(tmp_path):
    write_atomic(tmp_path / "shared", b"x")
    write_atomic(tmp_path / "private", b"x", perms=0o600)
    assert stat.S_IMODE((tmp_path / "private").stat().st_mode) == 0o600
    assert (
        stat.S_IMODE((tmp_path / "shared").stat().st_mode) & 0o044
    )  # readable by others under a usual umask
