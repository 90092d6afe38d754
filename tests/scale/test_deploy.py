"""flows/deploy.py registers the newsroom's set-up with a real Prefect server."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.flow


def test_register_creates_pool_limits_and_deployments_idempotently(
    prefect_server, tmp_path
):
    from prefect.client.orchestration import get_client

    from translate_pub_flows.deploy import POOL, mt_limits, register

    home, site = str(tmp_path / "home"), str(tmp_path / "site")
    first = register(home, site, engine="deepl", poll_minutes=15)
    assert sorted(register(home, site, engine="deepl", poll_minutes=15)) == sorted(
        first
    )  # rerun updates

    with get_client(sync_client=True) as client:
        assert client.read_work_pool(POOL).type == "process"
        limits = {
            gcl.name: gcl.limit
            for gcl in client.read_global_concurrency_limits(limit=100)
        }
        assert {f"mt-{e}": n for e, n in mt_limits().items()}.items() <= limits.items()
        deployments = {
            f"{client.read_flow(d.flow_id).name}/{d.name}": d
            for d in (client.read_deployment(i) for i in first)
        }
    assert set(deployments) == {
        "poll-outlets/scheduled",
        "translate/on-demand",
        "publish/publish",
    }
    assert all(d.work_pool_name == POOL for d in deployments.values())
    ingest = deployments["poll-outlets/scheduled"]
    assert [s.schedule.interval.total_seconds() for s in ingest.schedules] == [900]
    assert (
        deployments["translate/on-demand"].entrypoint
        == "translate_pub_flows.translate.translate_flow"
    )
    assert deployments["translate/on-demand"].parameters["engine"] == "deepl"
    # As the CLI's translate: English-first digests go into Russian on the schedule too.
    assert deployments["translate/on-demand"].parameters["targets"] == ["en", "ru"]
    assert deployments["publish/publish"].global_concurrency_limit.limit == 1
    published = deployments["publish/publish"].parameters
    assert published["out"] == site
    # The home's settings as the registering process has them, without the database:
    # a worker runs them with its own (orchestra/guard.py).
    assert published["settings"]["home"] == home
    assert published["settings"]["db_url"] == ""
    assert published["settings"]["targets"] == ["en"]
