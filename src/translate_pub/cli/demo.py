"""`translate-pub demo`: the whole path on embedded defaults, offline.

Ingests the bundled samples, applies the glossary, machine-translates them with the
`recorded` engine (real Google output recorded for FLORES-200; misses are shown as
untranslated), queues the drafts, creates demo users with fresh passwords, then starts
a local Prefect server and the review app and prints their URLs.
"""

from __future__ import annotations

import argparse
import os
import secrets
import subprocess
import sys
import time

import httpx

from translate_pub.cli.core import init_store, prefect_env, settings_of
from translate_pub.config import DATA_DIR, Settings
from translate_pub.errors import ConfigError
from translate_pub.model import Role
from translate_pub.passwords import hash_password
from translate_pub.store import Store
from translate_pub.store.users import add_user, audit

SAMPLES = DATA_DIR / "samples"
DEMO_USERS = (("translator", Role.TRANSLATOR), ("reviewer", Role.REVIEWER), ("editor", Role.EDITOR),
              ("admin", Role.ADMIN))


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("demo", help="run the whole pipeline on bundled samples, then serve it")
    p.add_argument("--no-serve", action="store_true", help="do everything, then exit instead of serving")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000, help="review app port (default 8000)")
    p.add_argument("--prefect-port", type=int, default=4200, help="Prefect server port (default 4200)")
    p.set_defaults(func=cmd_demo)


def cmd_demo(args: argparse.Namespace) -> int:
    started = time.monotonic()
    settings = settings_of(args)
    settings.home.mkdir(parents=True, exist_ok=True)
    prefect_env(settings)
    server = None
    if not args.no_serve:
        server = start_prefect_server(settings, args.host, args.prefect_port)
    try:
        store, summary = init_store(settings)
        print(summary)
        run_pipeline(settings)
        print_users(create_users(store))
        if server is None:
            from translate_pub.cli.core import cmd_status

            return cmd_status(args)
        print(f"\nreview app:  http://{args.host}:{args.port}/")
        print(f"Prefect UI:  http://{args.host}:{args.prefect_port}/")
        print(f"(ready in {time.monotonic() - started:.1f} s; Ctrl-C stops both)", flush=True)
        from translate_pub.review.server import serve

        serve(settings, args.host, args.port)
        return 0
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)


def start_prefect_server(settings: Settings, host: str, port: int) -> subprocess.Popen[bytes]:
    """A real local Prefect server, so the demo's flow runs stay visible in its UI."""
    with (settings.home / "prefect-server.log").open("ab") as log:  # the child keeps its own handle
        server = subprocess.Popen(
            [sys.executable, "-m", "prefect", "server", "start", "--host", host, "--port", str(port)],
            stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "PREFECT_UI_ENABLED": "true"})
    os.environ["PREFECT_API_URL"] = f"http://{host}:{port}/api"
    wait_healthy(f"http://{host}:{port}/api/health", server)
    return server


def wait_healthy(url: str, server: subprocess.Popen[bytes], limit: float = 120.0) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise ConfigError(f"Prefect server exited (code {server.returncode}); see prefect-server.log")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)  # polling a child process for readiness; nothing else to wait on
    raise ConfigError(f"Prefect server not healthy at {url} after {limit:.0f} s")


def run_pipeline(settings: Settings) -> None:
    from flows.ingest import ingest_flow
    from flows.translate import translate_flow

    samples = sorted(str(p) for p in SAMPLES.glob("*.md") if p.name != "ATTRIBUTION.md")
    results = ingest_flow(str(settings.home), samples, "demo")
    created, updated = (sum(int(r[k]) for r in results) for k in ("created", "updated"))  # type: ignore[call-overload]
    failed = sum(len(r["errors"]) for r in results)  # type: ignore[arg-type]
    print(f"ingest: {created} new, {updated} updated, {len(samples) - created - updated - failed} unchanged, "
          f"{failed} failed")
    for line in translate_flow(str(settings.home), "recorded", list(settings.targets)):
        print(f"translate: {line}")


def create_users(store: Store) -> list[tuple[str, str, Role]]:
    users = []
    with store.begin() as conn:
        for name, role in DEMO_USERS:
            password = secrets.token_urlsafe(9)
            add_user(conn, name, role, hash_password(password))
            audit(conn, "demo", "user.add", f"{name} as {role.label}")
            users.append((name, password, role))
    return users


def print_users(users: list[tuple[str, str, Role]]) -> None:
    print("\ndemo users (passwords are new on every demo run):")
    for name, password, role in users:
        print(f"  {name:<11} {password:<14} {role.label}")
