"""The first editor page as fast as the tenth: the app loads the editor's models as it starts."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

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
from translate_pub.terms import context

settings = config.load(Path(sys.argv[1]))
Store(settings.db_url).migrate()
app = create_app(settings, PrefectPublisher())
loaded_before = "lemminflect" in sys.modules
with TestClient(app):
    done = app.state.warmed.wait(300)
print(json.dumps({"done": done, "before": loaded_before, "lemminflect": "lemminflect" in sys.modules,
                  "tagger": context.tagger.cache_info().currsize,
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
    assert loaded["templates"] >= 10  # every template compiled, the editor's among them
