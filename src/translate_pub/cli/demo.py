"""`translate-pub demo`: the whole path on embedded defaults, offline.

Ingests the bundled samples, applies the glossary, machine-translates them with the
`recorded` engine (real Google output recorded for FLORES-200; misses are shown as
untranslated), queues the drafts and creates demo users with fresh passwords, all as flow
runs on this home's Prefect server (started if needed); then serves the review app, whose
Publish button runs the publish deployment on that server, and prints both URLs.
"""

from __future__ import annotations

import argparse
import secrets
import time
from typing import TYPE_CHECKING

from translate_pub.cli import bars
from translate_pub.cli.core import cmd_status, connect, init_store, settings_of
from translate_pub.config import DATA_DIR, Settings
from translate_pub.model import Role

if TYPE_CHECKING:
    from translate_pub.store import Store

SAMPLES = DATA_DIR / "samples"
DEMO_USERS = (("translator", Role.TRANSLATOR), ("reviewer", Role.REVIEWER), ("editor", Role.EDITOR),
              ("admin", Role.ADMIN))


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("demo", help="run the whole pipeline on bundled samples, then serve it")
    p.add_argument("--no-serve", action="store_true", help="do everything, then exit instead of serving")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000, help="review app port (default 8000)")
    p.set_defaults(func=cmd_demo)


def cmd_demo(args: argparse.Namespace) -> int:
    started = time.monotonic()
    settings = settings_of(args)
    settings.home.mkdir(parents=True, exist_ok=True)
    store, summary = init_store(settings)
    print(summary)
    connect(args, settings)
    with bars.shown():
        run_pipeline(settings)
    print_users(create_users(store))
    if args.no_serve:
        return cmd_status(args)
    from flows.publisher import serve
    from flows.server import HomeServer, prefect_home

    running = HomeServer(prefect_home(settings)).status()
    print(f"\nreview app:  http://{args.host}:{args.port}/")
    if running is not None:
        print(f"Prefect UI:  {running.ui}")
    print(f"(ready in {time.monotonic() - started:.1f} s; Ctrl-C stops the review app)", flush=True)
    serve(settings, args.host, args.port)
    return 0


def samples() -> list[str]:
    return sorted(str(p) for p in SAMPLES.glob("*.md") if p.name != "ATTRIBUTION.md")


def run_pipeline(settings: Settings) -> None:
    from flows.ingest import ingest_flow
    from flows.translate import translate_flow

    sources = samples()
    reports = ingest_flow(str(settings.home), sources, "demo")
    created, updated = (sum(r.count(k) for r in reports) for k in ("created", "updated"))
    failed = sum(len(r.errors) for r in reports)
    print(f"ingest: {created} new, {updated} updated, {len(sources) - created - updated - failed} unchanged, "
          f"{failed} failed")
    for lang, report in translate_flow(str(settings.home), "recorded", list(settings.targets)).items():
        print(f"translate: {report.summary(lang)}")


def create_users(store: Store) -> list[tuple[str, str, Role]]:
    from translate_pub.passwords import hash_password
    from translate_pub.store.users import add_user, audit

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
