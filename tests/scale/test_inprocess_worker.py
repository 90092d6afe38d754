"""The in-process worker (orchestra/worker.py) against a real `prefect server start`: a run it
cannot load, or whose job variables ask for what a thread cannot have (its own env), ends
Crashed with the reason instead of staying Pending, and the worker goes on to the next run;
which job variables it refuses (`refused`, no server)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.pg import PgCluster
from tests.prefect_stack import PrefectStack, prefect_stack
from translate_pub.orchestra.worker import refused
from translate_pub_flows.deploy import POOL

DEADLINE = 180.0  # seconds for any one phase: a hang fails
HELLO = "tests/scale/hello_flow.py:hello"


def deploy(stack: PrefectStack, name: str, entrypoint: str, **job: Any) -> str:
    """A deployment of the `hello` flow on the pool; returns its `flow/deployment` name."""
    flow_id = stack.http.post("/flows/", json={"name": "hello"}).raise_for_status()
    body = {
        "name": name,
        "flow_id": flow_id.json()["id"],
        "entrypoint": entrypoint,
        "work_pool_name": POOL,
        "job_variables": job,
    }
    stack.http.post("/deployments/", json=body).raise_for_status()
    return f"hello/{name}"


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
