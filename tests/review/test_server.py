"""`serve` leaves a work-pool `publish/publish` deployment alone instead of overwriting it
with its own in-process runner."""

from __future__ import annotations

from contextlib import suppress

import pytest

from translate_pub import config
from translate_pub.errors import ConfigError
from translate_pub.orchestra.publisher import (
    DEPLOYMENT,
    RUNNER_ENV,
    pooled_publish_deployment,
    serves_publish_runner,
)

POOL = "translate-pub-serve-test"


def test_the_environment_switch_decides_without_asking_prefect(monkeypatch):
    monkeypatch.setenv(RUNNER_ENV, "off")
    assert serves_publish_runner(config.load().publish_runner) is False
    monkeypatch.setenv(RUNNER_ENV, " ON ")
    assert serves_publish_runner(config.load().publish_runner) is True
    monkeypatch.setenv(RUNNER_ENV, "sometimes")
    with pytest.raises(ConfigError, match=f"{RUNNER_ENV}='sometimes'"):
        serves_publish_runner(config.load().publish_runner)


def test_embedded_prefect_serves_the_runner_as_before(monkeypatch):
    from prefect.settings import PREFECT_API_URL, temporary_settings

    monkeypatch.delenv(RUNNER_ENV, raising=False)
    with temporary_settings(restore_defaults={PREFECT_API_URL}):
        assert pooled_publish_deployment() is None
        assert serves_publish_runner(config.load().publish_runner) is True


def _forget(client) -> None:  # type: ignore[no-untyped-def]
    from prefect.exceptions import ObjectNotFound

    with suppress(ObjectNotFound):
        client.delete_deployment(client.read_deployment_by_name(DEPLOYMENT).id)


@pytest.mark.flow
def test_a_work_pool_deployment_on_the_prefect_api_is_left_alone(
    prefect_server, monkeypatch
):
    from prefect import deploy
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.actions import WorkPoolCreate
    from prefect.deployments.runner import EntrypointType

    from translate_pub_flows.publish import publish_flow

    monkeypatch.delenv(RUNNER_ENV, raising=False)
    with get_client(sync_client=True) as client:
        _forget(client)
        assert (
            pooled_publish_deployment() is None
            and serves_publish_runner(config.load().publish_runner) is True
        )
        client.create_work_pool(
            WorkPoolCreate(name=POOL, type="process"), overwrite=True
        )
        try:
            deploy(
                publish_flow.to_deployment(
                    "publish", entrypoint_type=EntrypointType.MODULE_PATH
                ),
                work_pool_name=POOL,
                build=False,
                push=False,
                print_next_steps_message=False,
                ignore_warnings=True,
            )
            assert pooled_publish_deployment() == POOL
            assert serves_publish_runner(config.load().publish_runner) is False
            monkeypatch.setenv(RUNNER_ENV, "on")
            assert serves_publish_runner(config.load().publish_runner) is True
        finally:
            _forget(client)
            client.delete_work_pool(POOL)
