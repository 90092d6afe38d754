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
        assert (
            main(["--home", str(home), "translate", "--engine", "babelfish"]) == 1
        )  # a failure is logged
        capsys.readouterr()
        store, log = home / "translate-pub.sqlite", home / "logs" / "translate-pub.log"
        assert (_mode(home), _mode(store), _mode(log.parent), _mode(log)) == (
            0o700,
            0o600,
            0o700,
            0o600,
        )
        home.chmod(0o755)  # even inside an open home, the files themselves stay shut
        log.parent.chmod(0o755)
        assert as_nobody(lambda: (_readable(store), _readable(log))) == (False, False)


def test_an_old_store_is_made_private_by_init(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with shared_folder() as shared:
        home = shared / "home"
        assert main(["--home", str(home), "init"]) == 0
        (home / "translate-pub.sqlite").chmod(
            0o644
        )  # as made before modes were set on purpose
        assert main(["--home", str(home), "init"]) == 0
        capsys.readouterr()
        assert _mode(home / "translate-pub.sqlite") == 0o600


def test_a_home_that_cannot_be_made_or_entered_is_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from tests.unprivileged import as_nobody

    with shared_folder() as shared:
        (shared / "shut").mkdir(mode=0o700)  # not ours to enter
        (shared / "read-only").mkdir(mode=0o755)  # not ours to write in

        def status(home: Path) -> tuple[int, str]:
            code = main(["--home", str(home), "status"])
            return code, capsys.readouterr().err

        # Python's own library may be where nobody cannot read it: load what `status` needs first.
        assert (
            main(["--home", str(shared / "warm"), "init"]) == 0
            and status(shared / "warm")[0] == 0
        )

        for home, why in (
            (shared / "read-only" / "home", "Permission denied"),
            (shared / "shut" / "home", "Permission denied"),
        ):
            code, err = as_nobody(lambda home=home: status(home))  # type: ignore[misc]
            assert code == 1
            assert (
                err
                == f"translate-pub: error: cannot open the store {home / 'translate-pub.sqlite'}: {why}\n"
            )
