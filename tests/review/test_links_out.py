"""Links out of the review app (the original article, the published site) open in a new tab, with
rel="noopener" so the page opened cannot reach back into the app's window."""

from __future__ import annotations

from lxml import html

from tests import steps
from tests.publish.newsroom import publish

from .conftest import login


def _links_out(page: str) -> list[html.HtmlElement]:
    return html.fromstring(page).xpath("//a[starts-with(@href, 'http')]")


def test_every_link_out_of_the_app_opens_a_new_tab_without_opener(
    client, world, tmp_path
):  # type: ignore[no-untyped-def]
    with world.store.begin() as conn:
        steps.approve(conn, world.doc_id, "en", "rita")
    publish(world.store, world.settings, tmp_path / "site")
    login(client, "ed")
    pages = {
        path: client.get(path).text
        for path in ("/queue", f"/doc/{world.doc_id}/en", "/publish")
    }
    found = {path: _links_out(text) for path, text in pages.items()}
    assert (
        found[f"/doc/{world.doc_id}/en"] and len(found["/publish"]) == 2
    )  # the original; the site, the article
    for path, links in found.items():
        for a in links:
            assert (
                a.get("target") == "_blank" and "noopener" in a.get("rel", "").split()
            ), (path, html.tostring(a))
