"""`translate-pub preview`: the last published site served on 127.0.0.1, following each new build."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx

from tests.publish.newsroom import build_newsroom, publish
from translate_pub import config
from translate_pub.store import Store

CLI = Path(sys.executable).with_name("translate-pub")


def test_preview_serves_the_live_build_and_stops_on_sigterm(tmp_path: Path) -> None:
    home = tmp_path / "home"
    settings = config.load(home)
    store = Store(settings.db_url)
    store.migrate()
    build_newsroom(store)
    out = tmp_path / "site"
    publish(store, settings, out)
    child = subprocess.Popen(
        [str(CLI), "--home", str(home), "preview", "--out", str(out), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )
    try:
        line = child.stdout.readline()  # type: ignore[union-attr]
        assert line.startswith(f"serving {out} at http://127.0.0.1:"), line
        base = line.split(" at ")[1].split()[0]
        page = httpx.get(base + "en/index.html")
        assert (
            page.status_code == 200 and "Detentions at a protest in Moscow" in page.text
        )
        first = out.resolve()
        publish(
            store, settings, out
        )  # a new build goes live: the preview serves it, no restart
        assert out.resolve() != first
        assert httpx.get(base + "ru/search.html").status_code == 200
        assert httpx.get(base + "../../etc/passwd").status_code == 404
    finally:
        child.send_signal(signal.SIGTERM)
        child.wait(timeout=30)
        store.dispose()
    assert child.returncode == 143


def test_preview_of_a_folder_without_a_site_is_one_line(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            str(CLI),
            "--home",
            str(tmp_path / "home"),
            "preview",
            "--out",
            str(tmp_path / "none"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0
    assert (
        done.stderr.strip().count("\n") == 0 and "no published site here" in done.stderr
    )
    assert str(tmp_path / "none") in done.stderr
