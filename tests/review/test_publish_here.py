"""The Publish button when the app's own process serves the deployment (`serve`, one worker): the click's
run starts at once in this process, and is still the deployment's run in Prefect, with its state,
its task runs and the app's tag; a failed publish says why on the run's page (#27 item 1)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from fastapi.testclient import TestClient

from tests import steps
from tests.prefect_stack import wait_until
from translate_pub.config import site_dir
from translate_pub.orchestra.guard import APP_TAG
from translate_pub.orchestra.publisher import (
    DEPLOYMENT,
    PrefectPublisher,
    PublishRunner,
)
from translate_pub.review.app import create_app

from .conftest import FIXTURES, csrf_of, login

pytestmark = pytest.mark.flow


@pytest.fixture
def here(world, prefect_server, monkeypatch) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    monkeypatch.setenv(
        "TRANSLATE_PUB_HOME", str(world.settings.home)
    )  # the run's own home (guard)
    world.settings.home.mkdir(
        parents=True, exist_ok=True
    )  # with the store on PostgreSQL, nothing made it
    monkeypatch.setenv("TRANSLATE_PUB_GLOSSARY", str(FIXTURES / "terms.csv"))
    runner = PublishRunner()  # registers publish/publish, as `serve` does
    runner.start()
    runner.wait_ready()
    app = create_app(world.settings, PrefectPublisher(here=True))
    try:
        with TestClient(
            app, base_url="https://testserver", follow_redirects=False
        ) as client:
            yield client
    finally:
        app.state.store.dispose()
        runner.stop()


def _click(client: TestClient) -> str:
    login(client, "ed")
    answer = client.post(
        "/publish", data={"csrf": csrf_of(client.get("/publish").text)}
    )
    assert answer.status_code == 303, answer.text
    return str(answer.headers["location"]).rsplit("/", 1)[1]


def _final(client: TestClient, run_id: str) -> dict[str, str]:
    def done() -> bool:
        state = client.get(
            f"/publish/{run_id}", headers={"Accept": "application/json"}
        ).json()["state"]
        return state in ("Completed", "Failed", "Crashed")

    wait_until(done, 120, f"publish run {run_id}")
    return dict(
        client.get(f"/publish/{run_id}", headers={"Accept": "application/json"}).json()
    )


async def _recorded(run_id: str) -> tuple[Any, Any, list[Any]]:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    async with get_client() as client:
        run = await client.read_flow_run(UUID(run_id))
        deployment = await client.read_deployment_by_name(DEPLOYMENT)
        tasks = await client.read_task_runs(
            flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[UUID(run_id)]))
        )
    return run, deployment, tasks


def test_a_click_publishes_in_this_process_and_the_run_is_the_deployment_s_in_prefect(
    here, world
):
    with world.store.begin() as conn:
        steps.approve(conn, world.doc_id, "en", "rita")
    run_id = _click(here)
    assert _final(here, run_id) == {
        "run_id": run_id,
        "state": "Completed",
        "reason": "",
    }
    assert any(Path(site_dir(world.settings)).rglob("*.html"))
    run, deployment, tasks = asyncio.run(_recorded(run_id))
    assert run.deployment_id == deployment.id and APP_TAG in run.tags
    assert run.state.is_completed()
    assert any(t.name.startswith("build-site") for t in tasks)
    assert {t.state.type.value for t in tasks} == {"COMPLETED"}


def test_a_failed_publish_says_why_in_the_app(here, world):
    with world.store.begin() as conn:
        steps.approve(conn, world.doc_id, "en", "rita")
    site = Path(site_dir(world.settings))
    site.parent.mkdir(parents=True, exist_ok=True)
    site.write_text("a file someone left where the site goes")
    run_id = _click(here)
    final = _final(here, run_id)
    assert final["state"] == "Failed"
    assert "is not a site built by translate-pub" in final["reason"]
    page = here.get(f"/publish/{run_id}").text
    assert "is not a site built by translate-pub" in page
    assert site.read_text() == "a file someone left where the site goes"  # nothing lost
