"""Flows that need nothing (no home, no store): what tests/scale/test_inprocess_worker.py
deploys to see the in-process worker run, or refuse, a run."""

from __future__ import annotations

import httpx
from prefect import flow, get_run_logger
from prefect.runtime import flow_run


@flow(name="hello")
def hello() -> str:
    return "hello"


@flow(name="counted")
def counted(record: str, gate: str) -> str:
    """Asks `gate` (the test's HTTP server) when it may go on, then appends its run's id
    to the file `record` and logs it: what shows each run executed exactly once."""
    httpx.get(gate, timeout=180).raise_for_status()
    run_id = str(flow_run.get_id())
    with open(record, "a", encoding="utf-8") as out:
        out.write(run_id + "\n")
    get_run_logger().info("counted %s", run_id)
    return run_id
