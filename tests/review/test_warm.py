"""The first editor page as fast as the tenth: the app loads the editor's models as it starts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import inspect, text

from tests import steps
from tests.fresh import fresh_json
from tests.review.conftest import SOURCES, World, make_document
from translate_pub.orchestra.publisher import PrefectPublisher
from translate_pub.review import warm
from translate_pub.review.app import create_app
from translate_pub.store import Store

ROOT = Path(__file__).resolve().parents[2]

# A fresh process (the models load once per process): start the app, wait for its warm-up,
# and say what is loaded before any request has come.
SCRIPT = """
import json, sys
from pathlib import Path
from fastapi.testclient import TestClient
from translate_pub import config
from translate_pub.store import Store
from translate_pub.review.app import create_app
from translate_pub.orchestra.publisher import PrefectPublisher
from translate_pub.terms import context, tags

settings = config.load(Path(sys.argv[1]))
Store(settings.db_url).migrate()
app = create_app(settings, PrefectPublisher())
loaded_before = "lemminflect" in sys.modules
with TestClient(app):
    done = app.state.warmed.wait(300)
print(json.dumps({"done": done, "before": loaded_before, "lemminflect": "lemminflect" in sys.modules,
                  "tagger": context.tagger.cache_info().currsize,
                  "kept": tags._kept.cache_info().currsize,
                  "templates": len(app.state.templates.cache or {})}))
"""


def test_the_editors_models_are_loaded_before_the_first_request(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "home")],
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    ).stdout
    loaded = json.loads(out.strip().splitlines()[-1])
    assert (
        loaded["done"] and not loaded["before"]
    )  # loaded by the warm-up, not by building the app
    assert loaded["lemminflect"] and loaded["tagger"] == 1
    assert loaded["kept"] == 1  # the tagger's answers kept in the home, read
    assert loaded["templates"] >= 10  # every template compiled, the editor's among them


# A fresh process (FastAPI keeps what a route's first request builds for the process): a store
# with one document, the app started and warmed, a translator logged in; then the editor page,
# a sentence saved, the document's history, and every source file read meanwhile.
FIRST_USE = """
import inspect, json, sys
from pathlib import Path
from fastapi.testclient import TestClient
from translate_pub import config
from translate_pub.orchestra.publisher import PrefectPublisher
from translate_pub.review.app import create_app
from translate_pub.store import Store
from tests.review.conftest import login, populate, save

settings = config.load(Path(sys.argv[1]))
store = Store(settings.db_url)
store.migrate()
world = populate(settings, store)
store.dispose()
doc_id = world.doc_id
app = create_app(world.settings, PrefectPublisher())
read, sourcelines = [], inspect.getsourcelines
with TestClient(app, base_url="https://testserver", follow_redirects=False) as client:
    done = app.state.warmed.wait(300)
    login(client, "tanya")
    inspect.getsourcelines = lambda obj: read.append(obj.__qualname__) or sourcelines(obj)
    page = client.get(f"/doc/{doc_id}/en")
    saved = save(client, page.text, 0, "Court fines an activist")
    history = client.get(f"/doc/{doc_id}/en/history")
    warmed = list(read)
    found = client.get("/concordance/en?q=суд")  # a route the warm-up leaves: read now
app.state.store.dispose()
print(json.dumps({"done": done, "read": warmed, "then": read[len(warmed):],
                  "statuses": [page.status_code, saved.status_code, history.status_code,
                               found.status_code]}))
"""


def test_the_editors_routes_have_met_their_first_request_before_a_person_does(
    tmp_path: Path,
) -> None:
    """FastAPI reads an endpoint's source (for its error messages) at the route's first
    request: the warm-up's requests with no session have done it for the editor's."""
    seen = fresh_json(
        FIRST_USE,
        str(tmp_path / "home"),
        env={**os.environ, "PYTHONPATH": str(ROOT)},  # `tests` from any folder
    )
    assert seen["done"] and seen["statuses"] == [200, 200, 200, 200]
    assert seen["read"] == []
    assert seen["then"] == ["concordance"]  # the spy sees a route's first request


NEWEST = [
    ("title", "Активиста оштрафовали за пикет"),
    ("p", "Суд назначил активисту штраф как иностранному агенту."),
]
NEXT = [
    ("title", "Задержаны участники акции"),
    ("p", "Полиция задержала трёх человек у здания суда."),
]


def _everything(store: Store) -> dict[str, list[str]]:
    """Every row of every table (the full-text index's own tables too), as text."""
    with store.begin() as conn:
        return {
            name: sorted(
                repr(tuple(row))
                for row in conn.execute(text(f'SELECT * FROM "{name}"'))
            )
            for name in inspect(conn).get_table_names()
        }


def test_the_warm_up_renders_the_queues_first_editors_and_changes_nothing(
    world: World, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(warm, "FIRST", 2)  # two of the queue's three documents
    with world.store.begin() as conn:
        steps.approve(conn, world.doc_id)  # the approved memory, for the fuzzy lookups
        make_document(conn, 2, NEXT, ["Protesters detained", "Police detained three."])
        make_document(conn, 3, NEWEST, ["Activist fined", "The court fined him."])
    before = _everything(world.store)
    app = create_app(world.settings, PrefectPublisher())  # nobody logs in
    with TestClient(app):
        assert app.state.warmed.wait(300)
    app.state.store.dispose()
    assert not [r for r in caplog.records if r.name == warm.__name__ and r.exc_info]
    glossary = app.state.glossaries["en"]
    # the two newest documents' editors were built: their sentences matched and checked
    assert glossary.matches.cache_info().currsize == len(NEWEST) + len(NEXT)
    assert glossary.qa.cache_info().currsize == len(NEWEST) + len(NEXT)
    missed = glossary.matches.cache_info().misses
    glossary.matches(NEXT[1][1])
    assert glossary.matches.cache_info().misses == missed  # kept
    glossary.matches(SOURCES[1][1])  # the oldest document's: not among the first two
    assert glossary.matches.cache_info().misses == missed + 1
    assert _everything(world.store) == before


def test_a_failed_warm_up_step_is_logged_and_the_others_still_run(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from translate_pub import config

    settings = config.load(tmp_path / "home")
    store = Store(settings.db_url)
    store.migrate()
    with (
        store.begin() as conn
    ):  # a damaged store: every page looks up its session first
        conn.execute(text("DROP TABLE sessions"))
    store.dispose()
    app = create_app(settings, PrefectPublisher())
    with TestClient(app):
        assert app.state.warmed.wait(300)
    app.state.store.dispose()
    failed = [
        r.getMessage() for r in caplog.records if r.name == warm.__name__ and r.exc_info
    ]
    assert failed == ["warm-up failed: pages"]
    assert (
        len(app.state.templates.cache or {}) >= 10
    )  # the templates, warmed after the pages
