"""A work-pool worker that runs its flow runs in its own process, one Python for all of them.

    python -m translate_pub.orchestra.worker --pool translate-pub [--name NAME] [--limit 1]

Prefect's process worker starts a new interpreter for every flow run, which then imports
Prefect and the pipeline again: seconds per run before the flow starts. This worker is that
process worker (same pool type, polling, claiming and heartbeats; the pool's deployments are
unchanged) except where a claimed run executes: in a thread of the worker, where the flows
are imported once. The run is recorded in Prefect as any other, with its states and logs,
and a deployment run is still checked against the worker's own home (orchestra/guard.py).
A run that raises ends Failed, as in a process; a crash of the worker takes its running runs
with it, as a crashed process worker's children would be.
"""

from __future__ import annotations

import argparse
import asyncio
import os
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

import anyio
from prefect.client.orchestration import get_client
from prefect.flow_engine import run_flow
from prefect.flows import Flow, load_flow_from_entrypoint
from prefect.workers.process import (
    ProcessJobConfiguration,
    ProcessWorker,
    ProcessWorkerResult,
)

from translate_pub.orchestra.local import quick_runs

if TYPE_CHECKING:
    from prefect.client.schemas.objects import FlowRun


class InProcessWorker(ProcessWorker):
    """A process worker whose flow runs execute in its own process, on its own threads."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._threads = ThreadPoolExecutor(
            max_workers=self._limit or 4, thread_name_prefix="flow-run"
        )

    async def run(
        self,
        flow_run: FlowRun,
        configuration: ProcessJobConfiguration,
        task_status: anyio.abc.TaskStatus[int] | None = None,
    ) -> ProcessWorkerResult:
        entrypoint = await _entrypoint(flow_run)
        if task_status is not None:
            task_status.started(os.getpid())
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(self._threads, _run_here, flow_run, entrypoint)
        return ProcessWorkerResult(status_code=0, identifier=str(os.getpid()))

    async def __aexit__(self, *exc_info: Any) -> None:
        try:
            await super().__aexit__(*exc_info)
        finally:
            self._threads.shutdown(wait=False, cancel_futures=True)


async def _entrypoint(flow_run: FlowRun) -> str:
    """The flow's module path, as the run's deployment names it (`translate_pub_flows.…`)."""
    if flow_run.deployment_id is None:
        raise ValueError(f"flow run {flow_run.id} has no deployment")
    async with get_client() as client:
        deployment = await client.read_deployment(flow_run.deployment_id)
    if not deployment.entrypoint:
        raise ValueError(f"deployment {deployment.name} has no entrypoint")
    return deployment.entrypoint


def _run_here(flow_run: FlowRun, entrypoint: str) -> None:
    """Run `flow_run` (Pending, claimed) in this thread: Prefect's engine records its states, and
    a failure is the run's Failed state, not this worker's. A module path's flow is imported
    once per worker. No heartbeats, as for a command's runs (orchestra/local.py): waiting for
    the heartbeat thread cost every run up to a second."""
    flow: Flow[..., Any] = load_flow_from_entrypoint(entrypoint)
    with quick_runs():
        run_flow(flow, flow_run=flow_run, return_type="state")


def main() -> None:
    parser = argparse.ArgumentParser(
        prog="python -m translate_pub.orchestra.worker",
        description=__doc__.splitlines()[0],
    )
    parser.add_argument("--pool", required=True, help="the work pool to poll")
    parser.add_argument("--name", help="this worker's name in Prefect")
    parser.add_argument(
        "--limit", type=int, default=1, help="flow runs at once (default 1)"
    )
    args = parser.parse_args()
    worker = InProcessWorker(work_pool_name=args.pool, name=args.name, limit=args.limit)
    asyncio.run(worker.start())


if __name__ == "__main__":
    main()
