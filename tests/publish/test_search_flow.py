"""The publish flow switches the site live, then builds its search index as a task of its own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.publish.newsroom import build_newsroom
from translate_pub.config import Settings
from translate_pub.store import Store

pytestmark = pytest.mark.flow


def test_the_publish_flow_indexes_the_site_it_switched_to(
    settings: Settings, prefect_server: None, tmp_path: Path
) -> None:
    from translate_pub_flows.publish import publish_flow

    store = Store(settings.db_url)
    store.migrate()
    build_newsroom(store)
    store.dispose()
    out = tmp_path / "site"
    report = publish_flow(settings, str(out))
    assert report.site is not None
    version = json.loads((out / "pagefind" / "indexed.json").read_text())["version"]
    assert f'data-version="{version}"' in (out / "en" / "search.html").read_text()
    assert {p.name for p in (out / "pagefind").glob("wasm.*.pagefind")} >= {
        "wasm.en.pagefind",
        "wasm.ru.pagefind",
    }
