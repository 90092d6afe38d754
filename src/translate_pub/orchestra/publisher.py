"""The review app's Publish button, on Prefect: `PrefectPublisher` starts the `publish/publish`
deployment and reads back its runs' states; `PublishRunner` serves that deployment from this
process; `serve` runs the review app with both.

On a server set-up `flows/deploy.py` registers `publish/publish` in a work pool, for a
worker to run; serving our own runner would overwrite that deployment with one bound to
this process. So `serve` leaves it alone when the Prefect API already has `publish/publish`
bound to a work pool. The environment variable TRANSLATE_PUB_PUBLISH_RUNNER overrides the
check: `off` never serves the runner (the Publish button then needs a deployment registered
elsewhere), `on` always serves it, `auto` (the default) decides as above.
"""

from __future__ import annotations

import asyncio
import os
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any
from uuid import UUID

from translate_pub import lifeline
from translate_pub import msgids as ids
from translate_pub.config import Settings, as_parameter, site_dir
from translate_pub.errors import ConfigError, PublishError
from translate_pub.orchestra.guard import APP_TAG

if TYPE_CHECKING:
    from fastapi import FastAPI

DEPLOYMENT = "publish/publish"
READY_TIMEOUT = 120.0  # seconds to register the deployment with the Prefect API
RUNNER_ENV = "TRANSLATE_PUB_PUBLISH_RUNNER"  # read into Settings.publish_runner
POLL_SECONDS = 1.0  # Prefect's default is 10 s, most of a click's wait when the run is not ours to start


class PrefectPublisher:
    """Runs the `publish/publish` deployment without waiting for it (the review app's `Publisher`).

    `here`: this process serves the deployment (`serve` with one worker), so a click's run is created
    Pending and run at once in this process's publish thread, where Prefect and the publish code are
    loaded already: no wait for a runner's poll, no new interpreter (a spawned flow-run process takes
    seconds to import them). The run is the deployment's, recorded in Prefect with its states and logs
    as any other. Otherwise the run is Scheduled for whoever serves the deployment.
    """

    def __init__(self, here: bool = False) -> None:
        self._here = InProcessRuns() if here else None

    async def trigger(self, settings: Settings) -> str:
        from prefect.deployments import arun_deployment
        from prefect.exceptions import ObjectNotFound

        params = {"settings": as_parameter(settings), "out": site_dir(settings)}
        try:
            if self._here is not None:
                return await self._here.start(params)
            run = await arun_deployment(
                DEPLOYMENT, parameters=params, timeout=0, tags=[APP_TAG]
            )
        except ObjectNotFound:
            raise PublishError(ids.PUBLISH_NOT_SERVED(deployment=DEPLOYMENT)) from None
        except (
            Exception
        ) as exc:  # the Prefect API is down or refused: say so in one line
            raise PublishError(ids.PUBLISH_CANNOT_START(detail=str(exc))) from None
        return str(run.id)

    async def state(self, run_id: str) -> tuple[str, str]:
        from prefect.client.orchestration import get_client
        from prefect.exceptions import ObjectNotFound

        try:
            async with get_client() as client:
                run = await client.read_flow_run(UUID(run_id))
        except (ObjectNotFound, ValueError):
            raise PublishError(ids.PUBLISH_NO_RUN(run=run_id)) from None
        if run.state is None:
            return "Unknown", ""
        failed = run.state.is_failed() or run.state.is_crashed()
        return run.state.name or "Unknown", (run.state.message or "") if failed else ""


class InProcessRuns:
    """Deployment runs of `publish/publish` executed in this process, one at a time, in order."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="publish-run")
        self._deployment: UUID | None = None

    async def start(self, parameters: dict[str, Any]) -> str:
        from prefect.client.orchestration import get_client
        from prefect.states import Pending

        async with get_client() as client:
            if self._deployment is None:
                self._deployment = (await client.read_deployment_by_name(DEPLOYMENT)).id
            run = await client.create_flow_run_from_deployment(
                self._deployment, parameters=parameters, state=Pending(), tags=[APP_TAG]
            )
        self._pool.submit(_run_here, run)
        return str(run.id)


def _run_here(run: Any) -> None:
    """Run the deployment's flow run `run` (Pending) in this thread: Prefect's engine records its states."""
    from prefect.flow_engine import run_flow

    from translate_pub_flows.publish import publish_flow

    run_flow(
        publish_flow, flow_run=run, return_type="state"
    )  # a failure is the run's Failed state


def pooled_publish_deployment() -> str | None:
    """The work pool that `publish/publish` is bound to on the configured Prefect API, if any."""
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL

    if not PREFECT_API_URL.value():
        return None  # embedded Prefect: only this process could have registered it
    try:
        with get_client(sync_client=True) as client:
            deployment = client.read_deployment_by_name(DEPLOYMENT)
    except (
        Exception
    ):  # absent, or the API is down: serve our own (whose start reports a dead API)
        return None
    return deployment.work_pool_name or None


def serves_publish_runner(setting: str) -> bool:
    """Whether `serve` runs its own publish runner, given `Settings.publish_runner` (see the module docstring)."""
    setting = setting.strip().lower() or "auto"
    if setting not in ("auto", "on", "off"):
        raise ConfigError(f"{RUNNER_ENV}={setting!r}: expected auto, on or off")
    if setting != "auto":
        return setting == "on"
    pool = pooled_publish_deployment()
    if pool is not None:
        print(
            f"translate-pub: {DEPLOYMENT} is served by work pool {pool!r}; not serving it here",
            file=sys.stderr,
        )
    return pool is None


class PublishRunner:
    """Serves the `publish/publish` deployment until stopped; flow runs execute in subprocesses."""

    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._runner: Any = None  # a prefect Runner
        self._task: asyncio.Task[None] | None = None  # _serve, while it runs
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self._thread = threading.Thread(
            target=self._main, name="publish-runner", daemon=True
        )

    def start(self) -> None:
        """Register and serve the deployment in a thread of its own; `wait_ready` waits for the registration."""
        self._thread.start()

    def wait_ready(self) -> None:
        if not self._ready.wait(READY_TIMEOUT):
            raise PublishError(
                f"the {DEPLOYMENT} deployment did not register within {READY_TIMEOUT:.0f} s"
            )
        if self._error is not None:
            raise PublishError(
                f"cannot serve the {DEPLOYMENT} deployment: {self._error}"
            )

    def stop(self) -> None:
        if self._thread.ident is not None:
            self._ready.wait(
                READY_TIMEOUT
            )  # a runner still registering would start after being stopped
        if (
            self._loop is not None
            and self._runner is not None
            and self._thread.is_alive()
        ):
            future = asyncio.run_coroutine_threadsafe(self._halt(), self._loop)
            future.result(timeout=30)
            self._thread.join(timeout=30)

    def _main(self) -> None:
        try:
            asyncio.run(self._serve())
        except (
            BaseException
        ) as exc:  # reported to wait_ready(); the thread must not die silently
            self._error = exc
            self._ready.set()

    async def _halt(self) -> None:
        """Stop the runner; one still starting (registered, `start()` not through) cannot be
        stopped by Prefect ("Runner has not yet started"), so its serving task is cancelled."""
        if self._runner is not None and self._runner.started:
            await self._runner.astop()
        elif self._task is not None:
            self._task.cancel()

    async def _serve(self) -> None:
        from prefect.runner import Runner

        from translate_pub_flows.publish import publish_flow

        self._loop = asyncio.get_running_loop()
        self._task = asyncio.current_task()
        # Runs started elsewhere (Prefect's UI, `serve --workers N`) are found within POLL_SECONDS.
        self._runner = runner = Runner(
            name="translate-pub-publish", limit=1, query_seconds=POLL_SECONDS
        )
        deployment = await publish_flow.ato_deployment(name=DEPLOYMENT.split("/")[1])
        await runner.aadd_deployment(deployment)
        self._ready.set()
        await runner.start()


@contextmanager
def publishing(
    settings: Settings, served: bool | None = None
) -> Iterator[Callable[[], None]]:
    """The publish deployment served from this process while the block runs, unless a work pool
    serves it (`served`: decided already). It registers in the background; the function yielded
    waits for that (and raises if it failed), so a caller can do other work meanwhile."""
    if served is None:
        served = serves_publish_runner(settings.publish_runner)
    runner = PublishRunner() if served else None
    if runner is None:
        yield lambda: None
        return
    lifeline.mark_parent()  # its flow runs are subprocesses: they end with this process
    os.environ["TRANSLATE_PUB_HOME"] = str(
        settings.home.resolve()
    )  # its runs' own home (orchestra/guard.py)
    runner.start()
    try:
        yield runner.wait_ready
    finally:
        runner.stop()


def review_app(settings: Settings, here: bool = False) -> FastAPI:
    """The review app, whose Publish button runs the publish deployment on Prefect (`here`: in this
    process, which serves that deployment)."""
    from translate_pub.review.app import create_app

    return create_app(settings, PrefectPublisher(here))


def serve(settings: Settings, host: str, port: int, workers: int = 1) -> None:
    """Run the review app in `workers` processes over one store, and the publish deployment unless a
    work pool serves it, until interrupted."""
    from translate_pub.review.serve import run

    served = serves_publish_runner(settings.publish_runner)
    app = review_app(
        settings, here=served and workers == 1
    )  # also with workers: a bad setting fails here
    with publishing(settings, served) as registered:
        registered()
        run(app, settings, host, port, workers, f"{__name__}:app_from_environment")


def app_from_environment() -> FastAPI:
    """The app of one `serve --workers N` process, from the settings in the environment."""
    from translate_pub import config

    lifeline.tie_to_parent()
    return review_app(config.load())
