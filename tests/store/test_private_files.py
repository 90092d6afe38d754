"""The home's private files are its user's alone: the store (password hashes, sessions, drafts)
0600 in a 0700 home, the log 0600 in a 0700 folder; another user reads none of them."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from tests.unprivileged import as_nobody, shared_folder
from translate_pub.cli import main


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _readable(path: Path) -> bool:
    try:
        path.read_bytes()
    except PermissionError:
        return False
    return True


def test_store_and_log_are_private(capsys: pytest.CaptureFixture[str]) -> None:
    with shared_folder() as shared:
        home = shared / "home"
        assert main(["--home", str(home), "init"]) == 0
        assert main(["--home", str(home), "translate", "--engine", "babelfish"]) == 1  # a failure is logged
        capsys.readouterr()
        store, log = home / "translate-pub.sqlite", home / "logs" / "translate-pub.log"
        assert (_mode(home), _mode(store), _mode(log.parent), _mode(log)) == (0o700, 0o600, 0o700, 0o600)
        home.chmod(0o755)  # even inside an open home, the files themselves stay shut
        log.parent.chmod(0o755)
        assert as_nobody(lambda: (_readable(store), _readable(log))) == (False, False)


def test_an_old_store_is_made_private_by_init(capsys: pytest.CaptureFixture[str]) -> None:
    with shared_folder() as shared:
        home = shared / "home"
        assert main(["--home", str(home), "init"]) == 0
        (home / "translate-pub.sqlite").chmod(0o644)  # as made before modes were set on purpose
        assert main(["--home", str(home), "init"]) == 0
        capsys.readouterr()
        assert _mode(home / "translate-pub.sqlite") == 0o600
