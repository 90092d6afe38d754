"""The home's Prefect server is locked (#23 item 1), through its real HTTP API: no secret is a 401, a
foreign page's origin gets no CORS grant, a foreign Host header no answer, and a deployment run asked
to publish another home is refused, logged in Prefect and in the audit log. A publish started through
the API rather than the app's button is audited with who started it."""

from __future__ import annotations

import base64
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.cli.test_server import Home, free_port, wait_for_the_app
from tests.cli.test_server_record import fresh_home
from tests.prefect_stack import wait_until
from translate_pub import config
from translate_pub.orchestra.guard import REFUSED, STARTED
from translate_pub.store import open_store
from translate_pub.store.review import audit_entries

pytestmark = pytest.mark.flow
EVIL = "http://evil.example"


@pytest.fixture(scope="module")
def served(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Home, httpx.Client, subprocess.Popen[str]]]:
    """`translate-pub serve` on a fresh home (so its server and the publish deployment run), and a
    client of the home's Prefect API that knows the secret."""
    home = fresh_home(tmp_path_factory.mktemp("lock"))
    port = free_port()
    proc = home.start("serve", "--port", str(port))
    try:
        wait_for_the_app(proc, port)
        secret = (home.path / "prefect" / "api-secret").read_text().strip()
        token = base64.b64encode(secret.encode()).decode()
        with httpx.Client(
            base_url=f"http://127.0.0.1:{home.server()['port']}/api",
            timeout=30,
            headers={"Authorization": f"Basic {token}"},
        ) as api:
            yield home, api, proc
    finally:
        proc.terminate()
        proc.communicate(timeout=60)
        home.run("server", "stop")


def test_the_secret_is_a_private_file_and_the_api_refuses_who_lacks_it(served):
    home, api, _ = served
    mode = (home.path / "prefect" / "api-secret").stat().st_mode
    assert stat.S_IMODE(mode) == 0o600
    assert api.post("/flow_runs/filter", json={}).status_code == 200
    anonymous = httpx.post(f"{api.base_url}flow_runs/filter", json={})
    assert anonymous.status_code == 401
    wrong = httpx.post(
        f"{api.base_url}flow_runs/filter",
        json={},
        headers={"Authorization": "Basic d3Jvbmc="},
    )
    assert wrong.status_code == 401


def test_a_foreign_origin_gets_no_cors_grant_and_a_foreign_host_no_answer(served):
    _, api, _ = served
    preflight = api.options(
        "/flow_runs/filter",
        headers={"Origin": EVIL, "Access-Control-Request-Method": "POST"},
    )
    assert "access-control-allow-origin" not in preflight.headers
    simple = api.post("/flow_runs/filter", json={}, headers={"Origin": EVIL})
    assert (
        simple.status_code == 200
        and "access-control-allow-origin" not in simple.headers
    )
    own = f"http://127.0.0.1:{api.base_url.port}"
    assert (
        api.post("/flow_runs/filter", json={}, headers={"Origin": own}).headers[
            "access-control-allow-origin"
        ]
        == own
    )  # its own UI still works
    rebound = api.get("/health", headers={"Host": f"evil.example:{api.base_url.port}"})
    assert rebound.status_code == 400


def _start_publish(api: httpx.Client, parameters: dict[str, str]) -> str:
    deployment = api.get("/deployments/name/publish/publish").raise_for_status().json()
    created: list[str] = []

    def create() -> bool:
        # Prefect answers 503 while its own SQLite database is busy (a loaded machine);
        # its client retries that, and so does this one. Any other error fails the test.
        run = api.post(
            f"/deployments/{deployment['id']}/create_flow_run",
            json={"parameters": parameters},
        )
        if run.status_code == 503:
            return False
        created.append(str(run.raise_for_status().json()["id"]))
        return True

    wait_until(create, 60, "the publish run created")
    return created[0]


def _finished(api: httpx.Client, run_id: str) -> dict[str, Any]:
    def final() -> bool:
        return api.get(f"/flow_runs/{run_id}").json()["state_type"] in (
            "COMPLETED",
            "FAILED",
            "CRASHED",
        )

    wait_until(final, 180, f"publish run {run_id}")
    return dict(api.get(f"/flow_runs/{run_id}").json())


def _audit(home: Home, action: str) -> list[str]:
    with open_store(config.load(home.path).db_url) as store, store.begin() as conn:
        return [f"{e.user} {e.detail}" for e in audit_entries(conn, action)]


def test_a_run_for_another_home_is_refused_logged_and_audited(served, tmp_path: Path):
    home, api, _ = served
    other = fresh_home(tmp_path)  # another store, as in the probe
    target = tmp_path / "live-site"
    run_id = _start_publish(
        api, {"settings": {"home": str(other.path)}, "out": str(target)}
    )
    run = _finished(api, run_id)
    assert run["state_type"] == "FAILED"
    assert not target.exists()

    def logged() -> (
        bool
    ):  # the run's log lines reach the API in batches, after its final state
        logs = api.post(
            "/logs/filter", json={"logs": {"flow_run_id": {"any_": [run_id]}}}
        ).json()
        return any(
            "refused" in entry["message"] and str(other.path) in entry["message"]
            for entry in logs
        )

    wait_until(logged, 60, "the refusal in the run's log")
    assert any(
        run_id in line and "not this server's home" in line
        for line in _audit(home, REFUSED)
    )


def test_a_publish_started_outside_the_app_is_audited_with_who_started_it(served):
    home, api, _ = served
    site = str((home.path / "site").resolve())
    run_id = _start_publish(
        api, {"settings": {"home": str(home.path.resolve())}, "out": site}
    )
    assert _finished(api, run_id)["state_type"] == "COMPLETED"
    assert any(
        line.startswith("prefect:api ") and run_id in line
        for line in _audit(home, STARTED)
    )
