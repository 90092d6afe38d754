"""`translate-pub serve`: the review app under uvicorn, with the Prefect publish deployment
served next to it by a Runner in a background thread (the Publish button's target)."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import uvicorn

from translate_pub.config import Settings
from translate_pub.errors import PublishError
from translate_pub.review.app import create_app
from translate_pub.review.publishing import DEPLOYMENT

READY_TIMEOUT = 120.0  # seconds to register the deployment with the Prefect API


class PublishRunner:
    """Serves the `publish/publish` deployment until stopped; flow runs execute in subprocesses."""

    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._runner: Any = None  # a prefect Runner, imported lazily (after PREFECT_HOME is set)
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._main, name="publish-runner", daemon=True)

    def start(self) -> None:
        self._thread.start()
        if not self._ready.wait(READY_TIMEOUT):
            raise PublishError(f"the {DEPLOYMENT} deployment did not register within {READY_TIMEOUT:.0f} s")
        if self._error is not None:
            raise PublishError(f"cannot serve the {DEPLOYMENT} deployment: {self._error}")

    def stop(self) -> None:
        if self._loop is not None and self._runner is not None and self._thread.is_alive():
            future = asyncio.run_coroutine_threadsafe(self._runner.astop(), self._loop)
            future.result(timeout=30)
            self._thread.join(timeout=30)

    def _main(self) -> None:
        try:
            asyncio.run(self._serve())
        except BaseException as exc:  # reported to start(); the thread must not die silently
            self._error = exc
            self._ready.set()

    async def _serve(self) -> None:
        from prefect.runner import Runner

        from flows.publish import publish_flow

        self._loop = asyncio.get_running_loop()
        self._runner = runner = Runner(name="translate-pub-publish", limit=1)
        deployment = await publish_flow.ato_deployment(name=DEPLOYMENT.split("/")[1])
        await runner.aadd_deployment(deployment)
        self._ready.set()
        await runner.start()


def serve(settings: Settings, host: str, port: int) -> None:
    """Run the review app and the publish deployment until interrupted."""
    app = create_app(settings)
    runner = PublishRunner()
    runner.start()
    try:
        # proxy_headers: behind a TLS-terminating proxy on this host, cookies become Secure.
        uvicorn.run(app, host=host, port=port, proxy_headers=True, forwarded_allow_ips="127.0.0.1",
                    log_level="info")
    finally:
        runner.stop()

