"""`server.json` proves itself (#23 item 8): it records the server's pid, port, start time and home,
and a record that does not match its process (stale, copied from another home, a recycled pid) is
dropped without killing anything; a folder in its place, a busy port or a bad port is one line, and
leaves no server behind; "started" is said only once the port answers as that pid."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.test_server import Home
from translate_pub.lifeline import boot_id, start_time

pytestmark = pytest.mark.flow


def fresh_home(parent: Path) -> Home:
    """An initialised home whose commands use its own Prefect server, not the test session's."""
    env = {**os.environ, "TRANSLATE_PUB_TARGETS": "en"}
    for var in (
        "PREFECT_API_URL",
        "PREFECT_HOME",
        "PREFECT_API_AUTH_STRING",
        "TRANSLATE_PUB_HOME",
    ):
        env.pop(var, None)
    home = Home(parent / "home", env)
    done = home.run("init")
    assert done.returncode == 0, done.stderr
    return home


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    home = fresh_home(tmp_path_factory.mktemp("record"))
    start = home.run("server", "start")
    assert start.returncode == 0, start.stderr
    yield home
    home.run("server", "stop")


def test_the_record_names_pid_port_start_time_and_home(running: Home):
    record = running.server()
    assert (
        record["started"] == start_time(record["pid"]) and record["boot"] == boot_id()
    )
    assert record["home"] == str((running.path / "prefect").resolve())
    assert (
        f"pid {record['pid']}" in running.run("server", "start").stdout
    )  # already running: the same one


def test_a_copied_record_neither_uses_nor_stops_the_other_home_s_server(
    running: Home, tmp_path: Path
):
    other = fresh_home(tmp_path)
    (other.path / "prefect").mkdir(exist_ok=True)
    shutil.copy(
        running.path / "prefect" / "server.json", other.path / "prefect" / "server.json"
    )
    assert other.run("server", "status").returncode == 3
    assert other.run("server", "stop").stdout.strip() == "Prefect server not running"
    assert running.run("server", "status").returncode == 0  # still up


def test_a_stale_record_of_a_live_process_is_dropped_not_killed(
    running: Home, tmp_path: Path
):
    other = fresh_home(tmp_path)
    # A live process whose command line even says "prefect", as a recycled pid's might.
    bystander = subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(300)", "prefect"]
    )
    try:
        record = {
            **running.server(),
            "pid": bystander.pid,
            "home": str((other.path / "prefect").resolve()),
        }
        (other.path / "prefect").mkdir(exist_ok=True)
        (other.path / "prefect" / "server.json").write_text(
            json.dumps(record)
        )  # the pid's start time differs
        assert (
            other.run("server", "stop").stdout.strip() == "Prefect server not running"
        )
        assert bystander.poll() is None
        assert not (other.path / "prefect" / "server.json").exists()
    finally:
        bystander.kill()
        bystander.wait()


def test_a_folder_at_server_json_is_one_line_and_no_server(tmp_path: Path):
    home = fresh_home(tmp_path)
    (home.path / "prefect" / "server.json").mkdir(parents=True)
    done = home.run("server", "start")
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert (
        "server.json is a folder" in done.stderr
        and len(done.stderr.strip().splitlines()) == 1
    )
    assert _servers_of(home) == []


def test_a_busy_or_bad_port_is_one_line_and_no_server(tmp_path: Path):
    home = fresh_home(tmp_path)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        taken = home.run("server", "start", "--port", str(port))
    assert (
        taken.returncode != 0
        and f"port {port} is in use" in taken.stderr
        and "Traceback" not in taken.stderr
    )
    assert "started" not in taken.stdout
    bad = home.run("server", "start", "--port", "-1")
    assert (
        bad.returncode != 0
        and "port -1" in bad.stderr
        and "Traceback" not in bad.stderr
    )
    assert (
        not (home.path / "prefect" / "server.json").exists() and _servers_of(home) == []
    )


def _servers_of(home: Home) -> list[int]:
    """Pids of Prefect servers started for `home` (their environment names its Prefect folder)."""
    mark = f"PREFECT_HOME={home.path / 'prefect'}".encode()
    found = []
    for environ in Path("/proc").glob("[0-9]*/environ"):
        try:
            if (
                mark in environ.read_bytes().split(b"\0")
                and b"prefect_app" in (environ.parent / "cmdline").read_bytes()
            ):
                found.append(int(environ.parent.name))
        except OSError:
            continue
    return found
