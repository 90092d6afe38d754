"""A work-pool worker that runs its flow runs in its own process, one Python for all of them.

    python -m translate_pub.orchestra.worker --pool translate-pub [--name NAME] [--limit 1]

Prefect's process worker starts a new interpreter for every flow run, which then imports
Prefect and the pipeline again: seconds per run before the flow starts. This worker is that
process worker (same pool type, polling, claiming and heartbeats; the pool's deployments are
unchanged) except where a claimed run executes: in a thread of the worker, where the flows
are imported once (those of the pool's deployments as the worker starts, before it polls).
Besides Prefect's polling at its interval (PREFECT_WORKER_QUERY_SECONDS), it polls the pool
at once when a run ends, so a queued run does not wait for the next interval, and when a
run it tried to claim was claimed by another worker first. The run is recorded in Prefect as any other, with its states and logs,
and a deployment run is still checked against the worker's own home (orchestra/guard.py).
A run that raises ends Failed, as in a process; a flow that cannot be loaded, or an engine
that fails outside the flow (the API), ends the run Crashed with the reason; a crash of the
worker takes its running runs with it, as a crashed process worker's children would be.

What a process worker takes from the pool's job template per run, a thread cannot have: its
own environment, working directory or command. A run whose job variables ask for any of them
(other than what this worker process already has) is refused: Crashed with the reason,
rather than run silently against the worker's own settings (say, its TRANSLATE_PUB_DB).
Cancelling a running run is not supported (a thread cannot be killed).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any
from uuid import UUID

import anyio
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import WorkPoolFilter, WorkPoolFilterName
from prefect.client.schemas.objects import FlowRun
from prefect.flow_engine import run_flow
from prefect.flows import Flow, load_flow_from_entrypoint
from prefect.utilities.dispatch import get_registry_for_type
from prefect.workers.base import BaseWorker
from prefect.workers.process import (
    ProcessJobConfiguration,
    ProcessWorker,
    ProcessWorkerResult,
)
from pydantic import PrivateAttr

from translate_pub.orchestra.local import quick_runs

if TYPE_CHECKING:
    from prefect.client.schemas.objects import Flow as APIFlow
    from prefect.client.schemas.objects import WorkPool
    from prefect.client.schemas.responses import DeploymentResponse


class InProcessJob(ProcessJobConfiguration):
    """The process worker's job settings, remembering what the run's job variables asked
    for before Prefect adds the worker's environment and its default command."""

    _asked: dict[str, Any] = PrivateAttr(default_factory=dict)
    _entrypoint: str | None = PrivateAttr(default=None)

    def prepare_for_flow_run(
        self,
        flow_run: FlowRun,
        deployment: DeploymentResponse | None = None,
        flow: APIFlow | None = None,
        work_pool: WorkPool | None = None,
        worker_name: str | None = None,
        worker_id: UUID | None = None,
    ) -> None:
        self._asked = {
            "env": dict(self.env or {}),
            "working_dir": self.working_dir,
            "command": self.command,
        }
        self._entrypoint = deployment.entrypoint if deployment else None
        super().prepare_for_flow_run(
            flow_run, deployment, flow, work_pool, worker_name, worker_id
        )


def refused(asked: dict[str, Any]) -> str | None:
    """Why a run whose job variables are `asked` cannot run in this process, or None."""
    env = {
        key: value
        for key, value in asked.get("env", {}).items()
        if value is not None and os.environ.get(key) != str(value)
    }
    if env:
        return f"job variables set env {sorted(env)}, unlike this worker's environment"
    workdir = asked.get("working_dir")
    if workdir is not None and Path(workdir).resolve() != Path.cwd().resolve():
        return (
            f"job variables set working_dir {workdir}, not this worker's {Path.cwd()}"
        )
    if asked.get("command"):
        return f"job variables set command {asked['command']!r}"
    return None


class InProcessWorker(ProcessWorker):
    """A process worker whose flow runs execute in its own process, on its own threads."""

    job_configuration = InProcessJob

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._threads = ThreadPoolExecutor(
            max_workers=self._limit or 4, thread_name_prefix="flow-run"
        )
        self._loader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="flow-load")
        self._flows: dict[str, Future[Flow[..., Any]]] = {}

    async def setup(self) -> None:
        """The pool's flows imported, then Prefect's set-up, which shows the worker online:
        a run never waits for an import, nor for the worker's other runs' imports."""
        await self._preload()
        await super().setup()

    async def run(
        self,
        flow_run: FlowRun,
        configuration: ProcessJobConfiguration,
        task_status: anyio.abc.TaskStatus[int] | None = None,
    ) -> ProcessWorkerResult:
        """Raising before `started` is the run's Crashed state, with the reason (Prefect's
        worker proposes it); after, a failure outside the flow is proposed here."""
        reason = refused(getattr(configuration, "_asked", {}))
        if reason:
            raise RuntimeError(f"the in-process worker cannot run it: {reason}")
        entrypoint = getattr(configuration, "_entrypoint", None)
        if not entrypoint:
            raise ValueError(f"flow run {flow_run.id} has no deployment entrypoint")
        flow = await asyncio.wrap_future(self._flow(entrypoint))
        if task_status is not None:
            task_status.started(os.getpid())
        loop = asyncio.get_running_loop()
        try:
            await loop.run_in_executor(self._threads, _run_here, flow_run, flow)
        except Exception as exc:  # the engine's own failure: the run would stay Running
            self._logger.exception("flow run %s failed outside its flow", flow_run.id)
            await self._propose_crashed_state(
                flow_run, f"in-process worker: {type(exc).__name__}: {exc}"
            )
        self._poll_soon()  # Prefect frees the run's slot as this returns
        return ProcessWorkerResult(status_code=0, identifier=str(os.getpid()))

    async def _propose_pending_state(self, flow_run: FlowRun) -> bool:
        """Prefect's claim of a run; a run another worker claimed first is followed by a
        new poll at once, not at the next interval, for the runs still waiting."""
        claimed = await super()._propose_pending_state(flow_run)
        if not claimed and await self._taken(flow_run.id):
            self._poll_soon()
        return claimed

    def _flow(self, entrypoint: str) -> Future[Flow[..., Any]]:
        """The flow at `entrypoint`, imported once per worker (again if that failed)."""
        loading = self._flows.get(entrypoint)
        if loading is None or (loading.done() and loading.exception() is not None):
            loading = self._loader.submit(load_flow_from_entrypoint, entrypoint)
            self._flows[entrypoint] = loading
        return loading

    async def _preload(self) -> None:
        """Import the flows of the pool's deployments before their first run asks."""
        pool = WorkPoolFilter(name=WorkPoolFilterName(any_=[self._work_pool_name]))
        try:
            async with get_client() as client:
                deployments = await client.read_deployments(work_pool_filter=pool)
        except Exception:  # the API not reachable yet: each run loads its own flow
            self._logger.warning("could not list the pool's deployments", exc_info=True)
            return
        for entrypoint in sorted({d.entrypoint for d in deployments if d.entrypoint}):
            with contextlib.suppress(Exception):  # its run is told why (Crashed)
                await asyncio.wrap_future(self._flow(entrypoint))

    async def _taken(self, run_id: UUID) -> bool:
        """Whether the run left Scheduled (another worker claimed it)."""
        try:
            run = await self.client.read_flow_run(run_id)
        except Exception:
            return False
        return run.state is not None and not run.state.is_scheduled()

    def _poll_soon(self) -> None:
        """Query the pool for scheduled runs now, besides Prefect's interval polling."""
        if self._runs_task_group is not None:
            self._runs_task_group.start_soon(self._poll_now)

    async def _poll_now(self) -> None:
        try:
            await self.get_and_submit_flow_runs()
        except Exception:  # the next interval's poll tries again
            self._logger.debug("poll after a run failed", exc_info=True)

    async def __aexit__(self, *exc_info: Any) -> None:
        try:
            await super().__aexit__(*exc_info)
        finally:
            self._threads.shutdown(wait=False, cancel_futures=True)
            self._loader.shutdown(wait=False, cancel_futures=True)


# Subclassing registered InProcessWorker as Prefect's `process` type for this Python (what a
# pool's default job template is looked up by): that type stays Prefect's process worker.
_registry: dict[str, Any] | None = get_registry_for_type(BaseWorker)
if _registry is not None:
    _registry[ProcessWorker.type] = ProcessWorker


def _run_here(flow_run: FlowRun, flow: Flow[..., Any]) -> None:
    """Run `flow_run` (Pending, claimed) in this thread: Prefect's engine records its states, and
    a failure is the run's Failed state, not this worker's. A module path's flow is imported
    once per worker. No heartbeats, as for a command's runs (orchestra/local.py): waiting for
    the heartbeat thread cost every run up to a second."""
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
