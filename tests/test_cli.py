"""CLI user errors: one clear line on stderr, no traceback, non-zero exit."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from translate_pub.cli import main
from translate_pub.store import open_store
from translate_pub.store.users import get_user

CLI = Path(sys.executable).with_name("translate-pub")


@pytest.fixture
def home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    assert main(["--home", str(home), "init"]) == 0
    return home


def one_error_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    assert err[0].startswith("translate-pub: error: ")
    return err[0]


def test_init_reports_store_and_glossary(tmp_path, capsys):
    assert main(["--home", str(tmp_path / "h"), "init"]) == 0
    out = capsys.readouterr().out
    assert "store ready" in out and "glossary:" in out


def test_missing_file_is_one_line(home, capsys):
    assert main(["--home", str(home), "ingest", "no/such/report.md"]) == 1
    assert "no/such/report.md: no such file or folder" in one_error_line(capsys)


def test_command_before_init_says_run_init(tmp_path, capsys):
    assert main(["--home", str(tmp_path / "fresh"), "status"]) == 1
    assert "translate-pub init" in one_error_line(capsys)


def test_bad_database_url(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("TRANSLATE_PUB_DB", "nosuchdialect://user:secret@127.0.0.1/x")
    assert main(["--home", str(tmp_path), "status"]) == 1
    line = one_error_line(capsys)
    assert "bad database URL" in line and "secret" not in line


def test_unknown_engine_lists_the_known_ones(home, capsys):
    assert main(["--home", str(home), "translate", "--engine", "babelfish"]) == 1
    line = one_error_line(capsys)
    assert "unknown engine 'babelfish'" in line and "recorded" in line


def test_unconfigured_target_language(home, capsys):
    assert main(["--home", str(home), "translate", "--target", "fr"]) == 1
    assert "'fr' is not configured" in one_error_line(capsys)


def test_user_add_hashes_the_password(home, monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO("correct horse battery\n"))
    assert (
        main(
            [
                "--home",
                str(home),
                "user",
                "add",
                "anna",
                "--role",
                "reviewer",
                "--password-stdin",
            ]
        )
        == 0
    )
    from translate_pub import config

    with open_store(config.load(home).db_url).begin() as conn:
        account = get_user(conn, "anna")
    assert account is not None and account.user.role.label == "reviewer"
    assert (
        "correct horse" not in account.password_hash
        and account.password_hash.startswith("$argon2")
    )


def test_user_add_unknown_role(home, monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO("correct horse battery\n"))
    assert (
        main(
            [
                "--home",
                str(home),
                "user",
                "add",
                "anna",
                "--role",
                "boss",
                "--password-stdin",
            ]
        )
        == 1
    )
    assert "unknown role 'boss'" in one_error_line(capsys)


def test_real_process_prints_no_traceback(home):
    result = subprocess.run(
        [str(CLI), "--home", str(home), "ingest", "/nonexistent/feed.xml"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    log = (home / "logs" / "translate-pub.log").resolve()
    assert (
        result.stderr.strip()
        == f"translate-pub: error: /nonexistent/feed.xml: no such file or folder (log: {log})"
    )
    assert "Traceback" in log.read_text()


@pytest.mark.parametrize(
    ("name", "password", "error"),
    [
        ("", "a long enough pass", "user name: '': use 1 to 100 letters"),
        (
            "ada lovelace",
            "a long enough pass",
            "user name: 'ada lovelace': use 1 to 100 letters",
        ),
        ("anna", "eightchr", "password: too short: use at least 12 characters"),
        (
            "anna",
            "QWERTY123456",
            "password: it is on a list of common passwords; choose another",
        ),
    ],
)
def test_user_add_applies_the_web_apps_rules(
    home, monkeypatch, capsys, name, password, error
):
    monkeypatch.setattr(sys, "stdin", io.StringIO(password + "\n"))
    assert (
        main(
            [
                "--home",
                str(home),
                "user",
                "add",
                name,
                "--role",
                "reviewer",
                "--password-stdin",
            ]
        )
        == 1
    )
    assert one_error_line(capsys).startswith(f"translate-pub: error: {error}")


def test_user_add_trims_the_name(home, monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO("a long enough pass\n"))
    assert (
        main(
            [
                "--home",
                str(home),
                "user",
                "add",
                "  anna\t",
                "--role",
                "reviewer",
                "--password-stdin",
            ]
        )
        == 0
    )
    assert capsys.readouterr().out.strip() == "user anna (reviewer) saved"
