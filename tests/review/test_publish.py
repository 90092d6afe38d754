"""The Publish button against a real Prefect API with no deployment served: a clear message,
nothing recorded as started. (The served deployment is exercised by the browser test.)"""

from __future__ import annotations

import asyncio

import pytest

from translate_pub.review.publishing import DEPLOYMENT

from .conftest import csrf_of, login


async def _forget_deployment() -> None:
    """The session's Prefect server may remember the deployment from the browser test."""
    from prefect.client.orchestration import get_client
    from prefect.exceptions import ObjectNotFound

    async with get_client() as client:
        try:
            deployment = await client.read_deployment_by_name(DEPLOYMENT)
        except ObjectNotFound:
            return
        await client.delete_deployment(deployment.id)


@pytest.mark.flow
def test_publish_without_the_served_deployment_says_how_to_fix_it(client, world, prefect_server):
    asyncio.run(_forget_deployment())
    login(client, "ed")
    page = client.get("/publish")
    assert page.status_code == 200 and 'id="publish"' in page.text
    response = client.post("/publish", data={"csrf": csrf_of(page.text)})
    assert response.status_code == 400 and "start `translate-pub serve`" in response.text
    assert "/publish/" not in client.get("/publish").text  # no run listed
