"""The Publish button against a real Prefect API with no deployment served: a clear message,
nothing recorded as started. (The served deployment is exercised by the browser test.)"""

from __future__ import annotations

import asyncio
from dataclasses import replace

import pytest

from tests import steps
from translate_pub.orchestra.publisher import DEPLOYMENT

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
def test_publish_without_the_served_deployment_says_how_to_fix_it(
    client, world, prefect_server
):
    asyncio.run(_forget_deployment())
    login(client, "ed")
    page = client.get("/publish")
    assert page.status_code == 200 and 'id="publish"' in page.text
    response = client.post("/publish", data={"csrf": csrf_of(page.text)})
    assert (
        response.status_code == 400 and "start `translate-pub serve`" in response.text
    )
    assert "/publish/" not in client.get("/publish").text  # no run listed


def test_the_publish_page_shows_the_finished_runs_summary(client, world, tmp_path):
    from tests.publish.newsroom import publish

    with world.store.begin() as conn:
        steps.approve(conn, world.doc_id, "en", "rita")
    publish(world.store, world.settings, tmp_path / "site")
    login(client, "ed")
    page = client.get("/publish").text
    report = page[page.index('<section class="report"') : page.index("</section>")]
    # No site URL configured: the folder it went to, and the command that serves it for a look.
    site = "http://127.0.0.1:8001/"
    assert (
        f"The site was written to {tmp_path / 'site'}. To look at it, run this command and open {site}:"
        in report
    )
    assert (
        f'<code id="preview-command">translate-pub --home {world.settings.home} preview --out {tmp_path / "site"}'
        "</code>"
    ) in report
    assert (
        f'href="{site}" id="site-link" target="_blank" rel="noopener">Open the preview</a>'
        in report
    )
    pages = sum(1 for p in (tmp_path / "site").resolve().rglob("*") if p.is_file())
    assert (
        f"{pages} pages written, 0 changed, 0 removed; {pages} in the site." in report
    )
    assert f'Triggered by <a href="/doc/{world.doc_id}/en">' in report
    assert f'<a href="{site}en/articles/' in report


def test_the_publish_page_links_to_the_configured_site_url(client, world, tmp_path):
    from tests.publish.newsroom import publish

    client.app.state.settings = replace(
        world.settings, site_url="https://example.org/rights/"
    )
    with world.store.begin() as conn:
        steps.approve(conn, world.doc_id, "en", "rita")
    publish(world.store, client.app.state.settings, tmp_path / "site")
    login(client, "ed")
    page = client.get("/publish").text
    report = page[page.index('<section class="report"') : page.index("</section>")]
    assert (
        'href="https://example.org/rights/" id="site-link" target="_blank" rel="noopener">Open the site</a>'
        in report
    )
    assert "preview" not in report and str(tmp_path) not in report
    assert '<a href="https://example.org/rights/en/articles/' in report
