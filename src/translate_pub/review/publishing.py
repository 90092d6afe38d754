"""The Publish button's link to Prefect: start the served `publish/publish` deployment and
read back the state of its flow runs. Prefect is the outside world here."""

from __future__ import annotations

from typing import Protocol
from uuid import UUID

from translate_pub.config import Settings
from translate_pub.errors import PublishError

DEPLOYMENT = "publish/publish"


def site_dir(settings: Settings) -> str:
    return str((settings.home / "site").resolve())


class Publisher(Protocol):
    async def trigger(self, settings: Settings) -> str: ...

    async def state(self, run_id: str) -> str: ...


class PrefectPublisher:
    """Runs the deployment served next to the app (see `review.server`) without waiting for it."""

    async def trigger(self, settings: Settings) -> str:
        from prefect.deployments import arun_deployment
        from prefect.exceptions import ObjectNotFound

        params = {"home": str(settings.home.resolve()), "out": site_dir(settings)}
        try:
            run = await arun_deployment(DEPLOYMENT, parameters=params, timeout=0)
        except ObjectNotFound:
            raise PublishError(f"the {DEPLOYMENT} deployment is not served: start `translate-pub serve`") from None
        except Exception as exc:  # the Prefect API is down or refused: say so in one line
            raise PublishError(f"cannot start the publish flow: {exc}") from None
        return str(run.id)

    async def state(self, run_id: str) -> str:
        from prefect.client.orchestration import get_client
        from prefect.exceptions import ObjectNotFound

        try:
            async with get_client() as client:
                run = await client.read_flow_run(UUID(run_id))
        except (ObjectNotFound, ValueError):
            raise PublishError(f"no publish run {run_id}") from None
        return (run.state.name if run.state else None) or "Unknown"
