"""Errors a person can read, in real processes: one line naming the log file, no Prefect
traceback on the terminal, the traceback in the log; `--verbose` shows everything."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.scale.conftest import approve_all, make_documents, save_all
from translate_pub import config
from translate_pub.store import open_store

CLI = Path(sys.executable).with_name("translate-pub")


def run(
    home: Path, *argv: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CLI), "--home", str(home), *argv],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=300,
    )


@pytest.fixture
def home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    assert run(home, "init").returncode == 0
    return home


def log_of(home: Path) -> Path:
    return (home / "logs" / "translate-pub.log").resolve()


@pytest.fixture
def prefect_api(prefect_server: None) -> str:
    """The session's Prefect server, for commands in subprocesses (via PREFECT_API_URL)."""
    from prefect.settings import PREFECT_API_URL

    return str(PREFECT_API_URL.value())


@pytest.mark.flow
def test_an_error_inside_a_flow_is_one_line_and_the_traceback_goes_to_the_log(
    home, tmp_path, prefect_api
):
    store = open_store(config.load(home).db_url)
    approve_all(store, save_all(store, make_documents(count=1, sentences=2)))
    store.dispose()
    # Deploying to object storage that refuses connections: a PublishError raised in a Prefect task,
    # which Prefect logs with its traceback.
    env = {
        "PREFECT_API_URL": prefect_api,
        "TRANSLATE_PUB_DEPLOY": "s3://site/news",
        "TRANSLATE_PUB_S3_ENDPOINT": "http://127.0.0.1:9",
        "AWS_ACCESS_KEY_ID": "k",
        "AWS_SECRET_ACCESS_KEY": "s",
    }
    done = run(home, "publish", "--out", str(tmp_path / "site"), env=env)
    assert done.returncode == 1
    [line] = done.stderr.strip().splitlines()
    assert line.startswith("translate-pub: error: S3 ") and line.endswith(
        f"(log: {log_of(home)})"
    )
    assert "Traceback" in log_of(home).read_text()
    assert not (
        home / "prefect" / "server.json"
    ).exists()  # PREFECT_API_URL's server, not the home's

    verbose = run(
        home, "--verbose", "publish", "--out", str(tmp_path / "site"), env=env
    )
    assert verbose.returncode == 1 and "Traceback" in verbose.stderr
    assert verbose.stderr.strip().splitlines()[-1] == line


def test_an_expected_error_before_any_flow_is_one_line(home):
    done = run(home, "translate", "--engine", "babelfish")
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"translate-pub: error: {done.stderr.split('error: ', 1)[1].split(' (log: ')[0]} (log: {log_of(home)})"
    ]
    assert "unknown engine 'babelfish'" in done.stderr
    assert "Traceback" in log_of(home).read_text()


def test_a_store_under_a_file_is_one_expected_line_naming_the_log(home):
    (home / "plain-file").write_text("")
    done = run(
        home,
        "status",
        env={"TRANSLATE_PUB_DB": f"sqlite:///{home / 'plain-file' / 'x.sqlite'}"},
    )
    assert done.returncode == 1
    [line] = done.stderr.strip().splitlines()
    assert line.startswith(
        f"translate-pub: error: cannot open the store {home / 'plain-file' / 'x.sqlite'}: "
    )
    assert (
        line.endswith(f"(log: {log_of(home)})")
        and "Traceback" in log_of(home).read_text()
    )


def test_without_a_home_there_is_no_log_and_still_one_line(tmp_path):
    (tmp_path / "file").write_text("")
    done = run(
        tmp_path / "file", "status"
    )  # a "home" that is a file: the store cannot be made there
    assert done.returncode == 1
    assert done.stderr == (
        f"translate-pub: error: cannot open the store {tmp_path / 'file' / 'translate-pub.sqlite'}: "
        "File exists\n"
    )
    missing = run(
        tmp_path / "nowhere", "glossary", "match", "--json", str(tmp_path / "no.txt")
    )
    assert (
        missing.stderr == f"translate-pub: error: {tmp_path / 'no.txt'}: no such file\n"
    )
    assert not (tmp_path / "nowhere").exists()


def test_a_bad_setting_is_one_line_without_a_traceback(tmp_path):
    done = run(tmp_path / "home", "status", env={"TRANSLATE_PUB_MAX_BYTES": "abc"})
    assert done.returncode == 1
    assert (
        done.stderr
        == "translate-pub: error: TRANSLATE_PUB_MAX_BYTES='abc': expected a positive whole number\n"
    )


def test_a_bad_or_busy_port_is_one_line_before_anything_starts(home):
    import socket

    bad = run(home, "serve", "--port", "-1")
    assert (
        bad.returncode == 2
        and "argument --port: '-1' is not a port number (0-65535)" in bad.stderr
    )
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = run(
            home,
            "serve",
            "--port",
            str(port),
            env={"PREFECT_API_URL": "http://127.0.0.1:9/api"},
        )
    assert done.returncode == 1
    assert done.stderr.startswith(
        f"translate-pub: error: 127.0.0.1:{port}: cannot listen there (Address already in use)"
    )
    assert len(done.stderr.splitlines()) == 1 and not (home / "prefect").exists()


def test_publish_out_where_no_site_can_go_is_one_line(home, tmp_path):
    for out in ("/proc/self/site", str(tmp_path / ("s" * 300))):
        done = run(home, "publish", "--out", out)
        assert done.returncode == 1 and len(done.stderr.splitlines()) == 1
        assert (
            "cannot publish there" in done.stderr
            or "the name is too long" in done.stderr
        )
    assert not (
        home / "prefect"
    ).exists()  # refused before a Prefect server was started


@pytest.mark.flow
def test_translate_with_an_unreachable_engine_says_so_and_exits_non_zero(
    home, prefect_api
):
    """Segments the engine failed on are work left undone: exit 1, not 0 (#23 item 9)."""
    store = open_store(config.load(home).db_url)
    save_all(store, make_documents(count=1, sentences=2))
    store.dispose()
    env = {
        "PREFECT_API_URL": prefect_api,
        "LIBRETRANSLATE_URL": "http://127.0.0.1:9",
    }  # nothing listens there
    done = run(
        home, "translate", "--engine", "libretranslate", "--target", "en", env=env
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "en: 0 machine-translated" in done.stdout and "libretranslate" in done.stdout
    assert "Traceback" not in done.stderr


def test_demo_on_a_busy_port_is_one_line_before_any_work(tmp_path):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = run(tmp_path / "home", "demo", "--port", str(port))
    assert done.returncode == 1
    assert (
        done.stderr
        == f"translate-pub: error: 127.0.0.1:{port}: cannot listen there (Address already in use)\n"
    )
    assert not (tmp_path / "home").exists()
