"""The core's file helpers: bounded reads, and output that replaces only regular files."""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

import pytest

from translate_pub.errors import InputError
from translate_pub.files import read_capped, read_text, write_output


def test_read_capped_reads_a_regular_file_and_refuses_more_than_the_cap(
    tmp_path: Path,
) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"12345")
    assert read_capped(path, 5) == b"12345"
    with pytest.raises(
        InputError, match=r"file too large \(5 bytes; the cap is 4 bytes\)"
    ):
        read_capped(path, 4)


def test_read_capped_refuses_special_files_unopened(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo")
    with pytest.raises(InputError, match=r"fifo: not a regular file \(a FIFO\)"):
        read_capped(
            tmp_path / "fifo"
        )  # without a writer, opening it blocking would hang
    with pytest.raises(InputError, match=r"not a regular file \(a character device\)"):
        read_capped(Path("/dev/zero"))
    with pytest.raises(InputError, match=r"cannot read file \(it is a folder\)"):
        read_capped(tmp_path)
    with pytest.raises(InputError, match=r"missing: no such file"):
        read_capped(tmp_path / "missing")


def test_read_text_names_the_line_of_a_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffодин\nдва \xff".encode()[:-2] + b"\xff")
    with pytest.raises(InputError, match=r"a\.txt:2: not valid UTF-8"):
        read_text(path)
    path.write_bytes("\ufeffодин\n".encode())
    assert read_text(path) == "один\n"


def test_write_output_replaces_a_regular_file_whole_and_keeps_its_mode(
    tmp_path: Path,
) -> None:
    path = tmp_path / "out.xlf"
    write_output(path, b"new")
    assert (
        path.read_bytes() == b"new"
        and stat.S_IMODE(path.stat().st_mode) == 0o666 & ~_umask()
    )
    path.chmod(0o600)
    write_output(path, b"newer")
    assert path.read_bytes() == b"newer" and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "out.xlf"
    ]  # no temporary file left


def test_write_output_follows_a_symlink_and_keeps_it(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "export.xlf"
    target.write_bytes(b"old")
    link = tmp_path / "link.xlf"
    link.symlink_to(target)
    write_output(link, b"new")
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in (tmp_path / "real").iterdir()) == ["export.xlf"]


def test_write_output_refuses_devices_fifos_sockets_and_folders(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(tmp_path / "sock"))
    (tmp_path / "dir").mkdir()
    (tmp_path / "to-null").symlink_to("/dev/null")
    try:
        for name, kind in [
            ("fifo", "a FIFO"),
            ("sock", "a socket"),
            ("dir", "a folder"),
            ("to-null", "a character device"),
        ]:
            with pytest.raises(InputError, match=f"{name}: refused: {kind} is there"):
                write_output(tmp_path / name, b"data")
        assert stat.S_ISFIFO((tmp_path / "fifo").lstat().st_mode)
        assert stat.S_ISSOCK((tmp_path / "sock").lstat().st_mode)
        assert (tmp_path / "to-null").is_symlink()
        assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    finally:
        server.close()


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
