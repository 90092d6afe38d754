"""No orphans when a command is SIGKILLed, in real processes (translate_pub.lifeline).

A SIGKILLed process runs no clean-up, so its children must end on their own: each child we
start asks Linux to SIGKILL it when its parent dies. First each way a child is tied, under a
parent that is SIGKILLed; then `serve` SIGKILLed while its publish flow run deploys the site
with rsync over a remote shell that never answers: the run, rsync and the shell all end,
and only the home's Prefect server stays; and so for a demo SIGKILLed once it serves.
"""

from __future__ import annotations

import base64
import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.cli.test_server import Home, free_port, group, wait_for_the_app
from tests.prefect_stack import wait_until
from tests.publish.newsroom import build_newsroom
from translate_pub import config
from translate_pub.store import open_store

pytestmark = pytest.mark.flow

# A parent that starts one child tied to it (`child`: its pid), prints that pid and waits to be killed.
PARENTS = {
    "preexec": """
        import subprocess, sys, time
        from translate_pub import lifeline
        child = subprocess.Popen(["sleep", "300"], preexec_fn=lifeline.preexec()).pid
    """,
    "environment": """
        import subprocess, sys, time
        from translate_pub import lifeline
        lifeline.mark_parent()
        proc = subprocess.Popen([sys.executable, "-c", "import time\\nfrom translate_pub import lifeline\\n"
                                  "lifeline.tie_to_parent()\\nprint('tied', flush=True)\\ntime.sleep(300)"],
                                 stdout=subprocess.PIPE, text=True)
        assert proc.stdout.readline() == "tied\\n"
        child = proc.pid
    """,
    "fork": """
        import os, sys, time
        from translate_pub import lifeline
        parent = os.getpid()
        child = os.fork()
        if child == 0:
            lifeline.die_with(parent)
            time.sleep(300)
            os._exit(0)
    """,
}
WAIT = "\nprint(child, flush=True)\ntime.sleep(300)\n"


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.parametrize("way", sorted(PARENTS))
def test_a_tied_child_dies_with_its_sigkilled_parent(way: str):
    parent = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(PARENTS[way]) + WAIT],
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        child = int(parent.stdout.readline())  # type: ignore[union-attr]
        assert alive(child)
        parent.kill()
        parent.wait(timeout=30)
        wait_until(lambda: not alive(child), 30, f"the {way} child's end")
    finally:
        for pid in group(parent.pid):
            os.kill(pid, signal.SIGKILL)


def test_a_child_whose_parent_died_before_it_was_tied_ends_when_it_ties_itself():
    script = textwrap.dedent("""
        import os, subprocess, sys
        from translate_pub import lifeline
        lifeline.mark_parent()
        child = subprocess.Popen([sys.executable, "-c", "import os, sys, time\\nfrom translate_pub import lifeline\\n"
                                  "sys.stdin.read()\\nlifeline.tie_to_parent()\\nprint('survived', flush=True)"],
                                 stdin=subprocess.PIPE, stdout=sys.stdout)
        print(child.pid, flush=True)
        os._exit(0)  # the child's stdin closes: it ties itself to a parent that has ended
    """)
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    child = int(done.stdout.split()[0])
    wait_until(lambda: not alive(child), 30, "the late child's end")
    assert "survived" not in done.stdout


REMOTE_SHELL = """#!/bin/sh
# rsync's remote shell, standing in for ssh to a host that never answers: it keeps rsync's
# pipe open (fd 3) and, like ssh, ends when rsync closes its input.
echo $$ > "{pidfile}"
exec cat 3>&1 >/dev/null
"""


@pytest.fixture
def newsroom(tmp_path: Path) -> Iterator[tuple[Home, Path]]:
    pidfile = tmp_path / "remote-shell.pid"
    shell = tmp_path / "remote-shell"
    shell.write_text(REMOTE_SHELL.format(pidfile=pidfile))
    shell.chmod(0o755)
    env = {
        **os.environ,
        "TRANSLATE_PUB_TARGETS": "en",
        "TRANSLATE_PUB_DEPLOY": "site.invalid:/srv/www/",
        "TRANSLATE_PUB_RSYNC_SSH": str(shell),
    }
    for var in ("PREFECT_API_URL", "PREFECT_HOME", "TRANSLATE_PUB_DB"):
        env.pop(var, None)
    home = Home(tmp_path / "home", env)
    assert home.run("init").returncode == 0
    store = open_store(config.load(home.path).db_url)
    build_newsroom(store)
    store.dispose()
    yield home, pidfile
    home.run("server", "stop")


@pytest.mark.skipif(
    not Path("/usr/bin/rsync").exists(), reason="rsync is not installed"
)
def test_a_sigkilled_serve_takes_its_publish_run_and_rsync_down(
    newsroom: tuple[Home, Path], tmp_path: Path
):
    home, pidfile = newsroom
    port = free_port()
    serve = home.start("serve", "--port", str(port))
    try:
        wait_for_the_app(serve, port)
        secret = (
            (home.path / "prefect" / "api-secret").read_text().strip()
        )  # the locked server's
        api = httpx.Client(
            base_url=f"http://127.0.0.1:{home.server()['port']}/api",
            timeout=30,
            headers={
                "Authorization": "Basic " + base64.b64encode(secret.encode()).decode()
            },
        )
        deployment = api.get("/deployments/name/publish/publish").json()
        params = {
            "settings": {"home": str(home.path.resolve())},
            "out": str((home.path / "site").resolve()),
        }  # its own only
        assert api.post(
            f"/deployments/{deployment['id']}/create_flow_run",
            json={"parameters": params},
        ).is_success
        wait_until(
            lambda: pidfile.exists() and pidfile.read_text().endswith("\n"),
            180,
            "rsync's remote shell, started by the publish run",
        )
        shell = int(pidfile.read_text())
        assert {shell, serve.pid} < set(
            group(serve.pid)
        )  # the run and rsync too, in serve's group

        serve.kill()
        serve.wait(timeout=30)
        wait_until(
            lambda: group(serve.pid) == [], 30, "the end of serve's process group"
        )
        assert not alive(shell)
        assert home.run("server", "status").returncode == 0
    finally:
        for pid in group(serve.pid):
            os.kill(pid, signal.SIGKILL)


def test_a_sigkilled_demo_leaves_only_the_home_server(newsroom: tuple[Home, Path]):
    home, _pidfile = newsroom
    port = free_port()
    demo = home.start("demo", "--port", str(port))
    try:
        for line in demo.stdout:  # type: ignore[union-attr]
            if line.startswith("Prefect UI:"):
                break
        else:
            pytest.fail(f"the demo ended without its URLs: {demo.communicate()}")
        demo.kill()
        demo.wait(timeout=30)
        wait_until(
            lambda: group(demo.pid) == [], 30, "the end of the demo's process group"
        )
        assert home.run("server", "status").returncode == 0
    finally:
        for pid in group(demo.pid):
            os.kill(pid, signal.SIGKILL)
