"""One Prefect server per home, and no orphans, in real processes.

The first flow command on a fresh home starts the home's server and says so; later ones
reuse it silently; `server stop` ends it. Commands killed mid-run — translate while its flow
waits on the MT service (the fake, slowed down), ingest while a page is being fetched from
a stalled web server, serve once the review app answers — leave nothing running in their
process group; only the home's server, in a session of its own, stays.
"""

from __future__ import annotations

import base64
import json
import os
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.fakes.mt_service import Behaviour, FakeMT, serve
from tests.prefect_stack import wait_until

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

CLI = Path(sys.executable).with_name("translate-pub")
SAMPLE = FIXTURES.parent.parent / "src" / "translate_pub" / "data" / "samples"

pytestmark = pytest.mark.flow


class Home:
    def __init__(self, path: Path, env: dict[str, str]) -> None:
        self.path, self.env = path, env

    def run(
        self, *argv: str, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(CLI), "--home", str(self.path), *argv],
            capture_output=True,
            text=True,
            env={**self.env, **(env or {})},
            timeout=300,
        )

    def start(
        self, *argv: str, env: dict[str, str] | None = None
    ) -> subprocess.Popen[str]:
        """A command in a process group of its own, as a shell runs a job."""
        return subprocess.Popen(
            [str(CLI), "--home", str(self.path), *argv],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**self.env, **(env or {})},
            start_new_session=True,
        )

    def server(self) -> dict[str, Any]:
        return dict(json.loads((self.path / "prefect" / "server.json").read_text()))


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Home]:
    env = {**os.environ, "TRANSLATE_PUB_TARGETS": "en"}
    for var in (
        "PREFECT_API_URL",
        "PREFECT_HOME",
    ):  # the home's own server, not the test session's
        env.pop(var, None)
    home = Home(tmp_path_factory.mktemp("server") / "home", env)
    assert home.run("init").returncode == 0
    yield home
    home.run("server", "stop")


def group(pgid: int) -> list[int]:
    """Live processes in process group `pgid` (zombies count as ended)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def samples() -> list[str]:
    return sorted(str(p) for p in SAMPLE.glob("*.md") if p.name != "ATTRIBUTION.md")


def test_the_first_flow_command_starts_the_home_server_and_later_ones_reuse_it(
    home: Home,
):
    assert home.run("server", "status").returncode == 3
    first = home.run("ingest", *samples()[:2])
    assert first.returncode == 0, first.stderr
    server = home.server()
    assert (
        f"started this home's Prefect server, UI at http://127.0.0.1:{server['port']}/"
        in first.stderr
    )

    again = home.run("ingest", *samples()[2:4])
    assert again.returncode == 0 and again.stderr == ""
    assert home.server() == server
    status = home.run("server", "status")
    assert status.returncode == 0 and f"pid {server['pid']}" in status.stdout
    assert "already running" in home.run("server", "start").stdout

    # Real flow runs, with their task runs, in the server's UI.
    secret = (
        (home.path / "prefect" / "api-secret").read_text().strip()
    )  # Prefect's API auth string
    api = httpx.Client(
        base_url=f"http://127.0.0.1:{server['port']}/api",
        auth=None,
        headers={
            "Authorization": "Basic " + base64.b64encode(secret.encode()).decode()
        },
    )
    runs = api.post("/flow_runs/filter", json={}).json()
    assert sorted(r["state_type"] for r in runs) == ["COMPLETED", "COMPLETED"]
    assert (
        api.post("/task_runs/count", json={}).json() == 4
    )  # one ingest-source task per source

    # Its logs are on the server when the command has exited (it skips the interpreter's
    # teardown, not Prefect's drains at exit): the last one the run writes too.
    info = {"PREFECT_LOGGING_LEVEL": "INFO"}  # the session's is WARNING
    assert home.run("ingest", samples()[4], env=info).returncode == 0
    (last,) = api.post(
        "/flow_runs/filter", json={"sort": "START_TIME_DESC", "limit": 1}
    ).json()
    logs = api.post(
        "/logs/filter", json={"logs": {"flow_run_id": {"any_": [last["id"]]}}}
    ).json()
    assert last["state_type"] == "COMPLETED"
    assert any("Finished in state Completed" in log["message"] for log in logs)


def translating(home: Home, fake: FakeMT, sample: str) -> subprocess.Popen[str]:
    """A translate run, once its first MT request is out. A new sample each time: an earlier killed
    run's leases hold the segments it claimed until they expire (store/leases.py)."""
    assert home.run("ingest", sample).returncode == 0
    proc = home.start(
        "translate", "--engine", "libretranslate", env={"LIBRETRANSLATE_URL": fake.url}
    )

    def asked() -> bool:
        assert proc.poll() is None, proc.communicate()
        return fake.stats.requests > 0

    wait_until(asked, 120, "the translate run's first MT request")
    return proc


@pytest.mark.parametrize(
    "sig, status, sample", [(signal.SIGTERM, 143, 4), (signal.SIGINT, 130, 5)]
)
def test_a_signalled_command_stops_and_leaves_only_the_home_server(
    home: Home, sig: signal.Signals, status: int, sample: int
):
    with serve(Behaviour(latency=60)) as fake:
        proc = translating(home, fake, samples()[sample])
        proc.send_signal(sig)
        _out, err = proc.communicate(timeout=60)
    assert proc.returncode == status, err
    assert "Traceback" not in err
    assert group(proc.pid) == []
    assert home.run("server", "status").returncode == 0


def test_a_sigkilled_command_leaves_only_the_home_server(home: Home):
    with serve(Behaviour(latency=60)) as fake:
        proc = translating(home, fake, samples()[6])
        proc.kill()
        proc.wait(timeout=30)
    assert group(proc.pid) == []
    assert home.run("server", "status").returncode == 0


class StalledSite(BaseHTTPRequestHandler):
    """A web server that takes a request and does not answer until the test is done."""

    asked = threading.Event()
    release = threading.Event()

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        StalledSite.asked.set()
        StalledSite.release.wait(120)
        self.send_error(503)

    def log_message(self, *_args: object) -> None:
        pass


@contextmanager
def stalled_site() -> Iterator[str]:
    StalledSite.asked.clear()
    StalledSite.release.clear()
    server = ThreadingHTTPServer(("127.0.0.1", 0), StalledSite)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/article"
    finally:
        StalledSite.release.set()
        server.shutdown()
        server.server_close()


def test_a_sigterm_during_ingest_of_a_page_leaves_only_the_home_server(home: Home):
    with stalled_site() as url:
        proc = home.start("ingest", url, env={"TRANSLATE_PUB_ALLOW_HOSTS": "127.0.0.1"})

        def fetching() -> bool:
            assert proc.poll() is None, proc.communicate()
            return StalledSite.asked.is_set()

        wait_until(fetching, 120, "the ingest run's request for the page")
        sigterm_leaves_only_the_home_server(home, proc)


def sigterm_leaves_only_the_home_server(
    home: Home, proc: subprocess.Popen[str]
) -> None:
    """SIGTERM `proc`: it exits 143 with no traceback, its process group is gone, the home's server runs."""
    proc.send_signal(signal.SIGTERM)
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 143, err
    assert "Traceback" not in err
    assert group(proc.pid) == []
    assert home.run("server", "status").returncode == 0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_the_app(proc: subprocess.Popen[str], port: int) -> None:
    """Wait until the review app that `proc` serves answers its login page on `port` (serve answers
    once the publish deployment is registered); fail at once if `proc` ends."""

    def answering() -> bool:
        assert proc.poll() is None, proc.communicate()
        try:
            return (
                httpx.get(f"http://127.0.0.1:{port}/login", timeout=5).status_code
                == 200
            )
        except httpx.TransportError:
            return False

    wait_until(answering, 180, "the review app's port")


def test_a_sigterm_to_serve_leaves_only_the_home_server(home: Home):
    port = free_port()
    proc = home.start("serve", "--port", str(port))
    wait_for_the_app(proc, port)
    sigterm_leaves_only_the_home_server(home, proc)


def test_server_stop_ends_the_server_and_its_process_group(home: Home):
    pid = home.server()["pid"]
    assert group(pid)  # the server's own group: `prefect server start` and its children
    stop = home.run("server", "stop")
    assert stop.returncode == 0 and f"pid {pid}" in stop.stdout
    assert group(pid) == []
    assert home.run("server", "status").returncode == 3
