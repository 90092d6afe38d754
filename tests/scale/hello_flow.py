"""A flow that needs nothing (no home, no store): what tests/scale/test_inprocess_worker.py
deploys to see the in-process worker run, or refuse, a run."""

from __future__ import annotations

from prefect import flow


@flow(name="hello")
def hello() -> str:
    return "hello"
