"""The in-process worker (orchestra/worker.py) against a real `prefect server start`: a run it
cannot load, or whose job variables ask for what a thread cannot have (its own env), ends
Crashed with the reason instead of staying Pending, and the worker goes on to the next run;
two workers on one pool run every run exactly once, each recorded Completed with its logs;
which job variables it refuses (`refused`, no server)."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.pg import PgCluster
from tests.prefect_stack import PrefectStack, prefect_stack, wait_until
from translate_pub.orchestra.worker import refused
from translate_pub_flows.deploy import POOL

DEADLINE = 180.0  # seconds for any one phase: a hang fails
HELLO = "tests/scale/hello_flow.py:hello"


def deploy(
    stack: PrefectStack, name: str, entrypoint: str, flow: str = "hello", **job: Any
) -> str:
    """A deployment of `flow` on the pool; returns its `flow/deployment` name."""
    flow_id = stack.http.post("/flows/", json={"name": flow}).raise_for_status()
    body = {
        "name": name,
        "flow_id": flow_id.json()["id"],
        "entrypoint": entrypoint,
        "work_pool_name": POOL,
        "job_variables": job,
    }
    stack.http.post("/deployments/", json=body).raise_for_status()
    return f"{flow}/{name}"


@pytest.mark.flow
def test_a_run_the_worker_cannot_run_ends_crashed_with_the_reason(
    pg_cluster: PgCluster, tmp_path
):
    with prefect_stack(pg_cluster, timeout=DEADLINE) as stack:
        stack.register(str(tmp_path / "home"), str(tmp_path / "site"), "libretranslate")
        missing = deploy(stack, "missing", "tests/scale/no_such_flow.py:hello")
        own_db = deploy(
            stack, "own-db", HELLO, env={"TRANSLATE_PUB_DB": "sqlite:///elsewhere.db"}
        )
        good = deploy(stack, "good", HELLO)
        stack.start_workers(1, {}, "in-process")
        runs = [stack.submit(name, {}) for name in (missing, own_db, good)]
        states = stack.wait(runs)
        found = {r["id"]: r["state"]["message"] or "" for r in stack.read_runs(runs)}
        logs = stack.logs()
    by_run = [(states[run], found[str(run)]) for run in runs]
    assert [state for state, _ in by_run] == ["CRASHED", "CRASHED", "COMPLETED"], logs
    assert "no_such_flow.py" in by_run[0][1], by_run[0]
    assert "TRANSLATE_PUB_DB" in by_run[1][1], by_run[1]
    assert "in-process worker cannot run it" in by_run[1][1], by_run[1]


def test_job_variables_the_worker_already_has_are_not_refused(
    monkeypatch: pytest.MonkeyPatch,
):
    monkeypatch.setenv("TRANSLATE_PUB_DB", "sqlite:///same.db")
    assert refused({}) is None
    assert refused({"env": {}, "working_dir": None, "command": None}) is None
    assert refused({"env": {"TRANSLATE_PUB_DB": "sqlite:///same.db"}}) is None
    assert refused({"env": {"UNSET_HERE": None}}) is None  # a template's empty value
    assert refused({"working_dir": Path.cwd()}) is None


def test_job_variables_a_thread_cannot_have_are_refused_by_name(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    monkeypatch.setenv("TRANSLATE_PUB_DB", "sqlite:///same.db")
    monkeypatch.delenv("TRANSLATE_PUB_HOME", raising=False)
    env = {"TRANSLATE_PUB_DB": "postgresql://db/x", "TRANSLATE_PUB_HOME": "/srv/h"}
    reason = refused({"env": env}) or ""
    assert "['TRANSLATE_PUB_DB', 'TRANSLATE_PUB_HOME']" in reason
    assert str(tmp_path) in (refused({"working_dir": tmp_path}) or "")
    assert "python -m x" in (refused({"command": "python -m x"}) or "")


def test_prefects_process_type_stays_prefects_process_worker():
    from prefect.workers.base import BaseWorker
    from prefect.workers.process import ProcessWorker

    assert BaseWorker.get_worker_class_from_type("process") is ProcessWorker


def gate() -> type[BaseHTTPRequestHandler]:
    """An HTTP handler that answers no request until two are waiting at once, then every
    one at once."""
    lock, opened, waiting = threading.Lock(), threading.Event(), [0]

    class Gate(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            with lock:
                waiting[0] += 1
                if waiting[0] >= 2:
                    opened.set()
            self.send_response(200 if opened.wait(DEADLINE) else 504)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    return Gate


@pytest.mark.flow
def test_two_in_process_workers_run_every_run_once_recorded_with_its_logs(
    pg_cluster: PgCluster, tmp_path: Path
):
    """The first two runs wait for each other (the gate): each worker runs one at a time,
    so both workers take runs; after them, the workers race for the rest."""
    record = tmp_path / "runs.txt"
    server = ThreadingHTTPServer(("127.0.0.1", 0), gate())
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with prefect_stack(pg_cluster, timeout=DEADLINE) as stack:
            stack.register(
                str(tmp_path / "home"), str(tmp_path / "site"), "libretranslate"
            )
            name = deploy(
                stack, "counted", "tests/scale/hello_flow.py:counted", "counted"
            )
            stack.start_workers(2, {"PREFECT_LOGGING_LEVEL": "INFO"}, "in-process")
            parameters = {"record": str(record), "gate": url}
            runs = [stack.submit(name, parameters) for _ in range(8)]
            states = stack.wait(runs)
            logs = stack.logs()
            wait_until(  # log lines reach the API in batches, after the final state
                lambda: all(
                    any(f"counted {run}" in m for m in stack.run_logs(run))
                    for run in runs
                ),
                DEADLINE,
                "every run's line in its Prefect log",
            )
            found = stack.read_runs(runs)
            running = {
                str(run): [
                    s["type"]
                    for s in stack.http.get(
                        "/flow_run_states/", params={"flow_run_id": str(run)}
                    ).json()
                ].count("RUNNING")
                for run in runs
            }
    finally:
        server.shutdown()
        server.server_close()
    assert set(states.values()) == {"COMPLETED"}, logs
    executed = record.read_text(encoding="utf-8").split()
    assert sorted(executed) == sorted(str(run) for run in runs), executed
    assert running == dict.fromkeys(running, 1)
    workers = {r["labels"]["prefect.worker.name"] for r in found}
    assert len(workers) == 2, workers
