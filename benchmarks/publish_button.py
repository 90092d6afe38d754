"""The Publish button, click to new site live, in chromium on a warm home; prints figures, asserts nothing.

    .venv/bin/python benchmarks/publish_button.py [--clicks 10] [--baseline CHECKOUT]

For each variant: a fresh home (`init`, an editor, the bundled samples ingested and machine-translated
with the recorded engine), `translate-pub serve` started (with the home's Prefect server) and left
to warm up with one publish; then an editor logs in in Debian's chromium and clicks Publish --clicks
times. A click's time runs from the click until the home's `site` link points at a new build (the
new site is live), read from the file system; the next click waits for the run's page to say
Completed. Printed: each variant's p50, min and max, and the target (p50 ≤ 3 s).
--baseline runs the same against another checkout (its src/ and flows/ first on the path), e.g.
`git worktree add /tmp/base266 266958c`, in the same run, after this one.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "src" / "translate_pub" / "data" / "samples"
CHROMIUM = "/usr/bin/chromium"
PASSWORD = "benchmark password 42"
# Run with the variant's own code: approve documents as a reviewer would (a new edition each time, so
# every publish has a changed article to put live). Written against what both checkouts have.
APPROVE = """
import sys
from sqlalchemy import update
from translate_pub import config
from translate_pub.model import Status
from translate_pub.store import open_store, schema
from translate_pub.store.editions import create_edition
settings = config.load(sys.argv[1])
with open_store(settings.db_url) as store, store.begin() as conn:
    ids = [int(a) for a in sys.argv[2:]] or [r[0] for r in conn.execute(schema.documents.select())]
    for doc in ids:
        conn.execute(update(schema.doc_status).where(schema.doc_status.c.document_id == doc)
                     .values(status=int(Status.APPROVED)))
        create_edition(conn, doc, "en", "rev")
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Variant:
    def __init__(self, name: str, checkout: Path, tmp: Path) -> None:
        self.name, self.home = name, tmp / name / "home"
        self.cwd = (
            tmp / name
        )  # not this checkout: `python -c` puts the working folder first on the path
        self.cwd.mkdir(parents=True, exist_ok=True)
        self.env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("PREFECT_", "TRANSLATE_PUB_"))
        }
        self.env["TRANSLATE_PUB_TARGETS"] = "en"
        if checkout != ROOT:
            self.env["PYTHONPATH"] = f"{checkout / 'src'}{os.pathsep}{checkout}"
        self.cli = [
            sys.executable,
            "-c",
            "from translate_pub.cli import console; console()",
            "--home",
            str(self.home),
        ]

    def run(self, *argv: str, stdin: str | None = None) -> None:
        done = subprocess.run(
            [*self.cli, *argv],
            env=self.env,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=900,
            cwd=self.cwd,
        )
        if done.returncode:
            sys.exit(
                f"{self.name}: {' '.join(argv)} failed: {done.stderr.strip()[-400:]}"
            )

    def prepare(self) -> None:
        self.run("init")
        self.run(
            "user",
            "add",
            "ed",
            "--role",
            "editor",
            "--password-stdin",
            stdin=PASSWORD + "\n",
        )
        self.run(
            "ingest",
            *sorted(str(p) for p in SAMPLES.glob("*.md") if p.name != "ATTRIBUTION.md"),
        )
        self.run("translate", "--engine", "recorded")
        self.approve()

    def approve(self, *docs: int) -> None:
        done = subprocess.run(
            [sys.executable, "-c", APPROVE, str(self.home), *map(str, docs)],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
            cwd=self.cwd,
        )
        if done.returncode:
            sys.exit(f"{self.name}: approving failed: {done.stderr.strip()[-400:]}")

    def live(self) -> str:
        try:
            return os.readlink(self.home / "site")
        except OSError:
            return ""


def serve(variant: Variant, port: int) -> subprocess.Popen[bytes]:
    import httpx

    proc = subprocess.Popen(
        [*variant.cli, "serve", "--port", str(port)],
        env=variant.env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=variant.cwd,
    )
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"{variant.name}: serve exited {proc.returncode}")
        try:
            if (
                httpx.get(f"http://127.0.0.1:{port}/login", timeout=2).status_code
                == 200
            ):
                return proc
        except httpx.TransportError:
            pass
        time.sleep(0.2)  # polling a starting server
    sys.exit(f"{variant.name}: serve did not answer")


def clicks(variant: Variant, base: str, count: int) -> list[float]:
    from playwright.sync_api import expect, sync_playwright

    times = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page()
        page.goto(f"{base}/login")
        page.fill('input[name="name"]', "ed")
        page.fill('input[name="password"]', PASSWORD)
        page.click('button[type="submit"]')
        page.wait_for_url(f"{base}/queue")
        for n in range(count + 1):  # the first one warms the runner up: not counted
            variant.approve(
                1 + n % 3
            )  # an editor approved an article; now they publish it
            page.goto(f"{base}/publish")
            before = variant.live()
            started = time.perf_counter()
            page.click("#publish")
            while variant.live() == before:
                if time.perf_counter() - started > 120:
                    state = (
                        page.locator("#run-state").text_content()
                        if page.locator("#run-state").count()
                        else "?"
                    )
                    reason = (
                        page.locator("#run-reason").text_content()
                        if page.locator("#run-reason").count()
                        else ""
                    )
                    sys.exit(
                        f"{variant.name}: click {n}: the site did not change within 120 s (run: {state} {reason})"
                    )
                time.sleep(0.01)  # the file system has nothing to wait on
            if n:
                times.append(time.perf_counter() - started)
            expect(page.locator("#run-state")).to_have_text(
                re.compile("^(Completed|Failed|Crashed)"), timeout=120_000
            )
        browser.close()
    return times


def measure(variant: Variant, count: int) -> list[float]:
    variant.prepare()
    port = free_port()
    proc = serve(variant, port)
    try:
        return clicks(variant, f"http://127.0.0.1:{port}", count)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=60)
        subprocess.run(
            [*variant.cli, "server", "stop"],
            env=variant.env,
            capture_output=True,
            timeout=120,
            cwd=variant.cwd,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clicks", type=int, default=10)
    parser.add_argument(
        "--baseline",
        type=Path,
        help="another checkout of the project, measured after this one",
    )
    args = parser.parse_args()
    variants = {
        "this": ROOT,
        **({"baseline": args.baseline.resolve()} if args.baseline else {}),
    }
    with tempfile.TemporaryDirectory(prefix="tp-bench-button-") as tmp:
        for name, checkout in variants.items():
            times = measure(Variant(name, checkout, Path(tmp)), args.clicks)
            print(
                f"{name:<9} click → site live, {len(times)} clicks: p50 {statistics.median(times):.2f} s, "
                f"min {min(times):.2f} s, max {max(times):.2f} s   (target: p50 ≤ 3 s)",
                flush=True,
            )


if __name__ == "__main__":
    main()
