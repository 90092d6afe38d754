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
from translate_pub.cli.core import (
    check_listenable,
    cmd_status,
    connecting,
    init_store,
    port_number,
    settings_of,
)
from translate_pub.config import DATA_DIR, Settings, as_parameter
from translate_pub.model import Role

if TYPE_CHECKING:
    from fastapi import FastAPI

    from translate_pub.store import Store

SAMPLES = DATA_DIR / "samples"
DEMO_USERS = (
    ("translator", Role.TRANSLATOR),
    ("reviewer", Role.REVIEWER),
    ("editor", Role.EDITOR),
    ("admin", Role.ADMIN),
)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "demo", help="run the whole pipeline on bundled samples, then serve it"
    )
    p.add_argument(
        "--no-serve",
        action="store_true",
        help="do everything, then exit instead of serving",
    )
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument(
        "--port", type=port_number, default=8000, help="review app port (default 8000)"
    )
    p.set_defaults(func=cmd_demo)


def cmd_demo(args: argparse.Namespace) -> int:
    started = time.monotonic()
    settings = settings_of(args)
    if not args.no_serve:
        check_listenable(
            args.host, args.port
        )  # a busy port says so now, not after the whole demo ran
    settings.home.mkdir(parents=True, exist_ok=True)
    prefect_ready = connecting(
        args, settings
    )  # the home's server starts while the work below runs
    store, summary = init_store(settings)
    print(summary)
    users = create_users(store)
    warm_glossary(settings)
    app = None if args.no_serve else review_app(settings)
    from translate_pub_flows import ingest, translate  # noqa: F401  (importing Prefect takes seconds: done meanwhile too)

    api = prefect_ready()
    if args.no_serve:
        run_pipeline(settings)
        print_users(users)
        return cmd_status(args)
    from translate_pub.orchestra.publisher import publishing
    from translate_pub.review.serve import run

    with publishing(
        settings
    ) as registered:  # the Publish button's deployment registers during the flows
        run_pipeline(settings)
        print_users(users)
        registered()
        print_urls(args, api, time.monotonic() - started)
        assert app is not None  # built above unless --no-serve, which returned already
        run(app, settings, args.host, args.port)
    return 0


def review_app(settings: Settings) -> FastAPI:
    from translate_pub.orchestra.publisher import review_app as build

    return build(settings)


def warm_glossary(settings: Settings) -> None:
    """Build the glossary's matcher (from the home's cache, or compiled into it): the translate
    flow, which runs in this process, then finds it in memory."""
    from translate_pub.terms.glossary import load_glossary
    from translate_pub.terms.match import matcher_for

    matcher_for(load_glossary(settings.glossary), settings.glossary_cache)


def print_urls(args: argparse.Namespace, api: str, elapsed: float) -> None:
    print(f"\nreview app:  http://{args.host}:{args.port}/")
    print(f"Prefect UI:  {api.removesuffix('/api')}/")
    print(f"(ready in {elapsed:.1f} s; Ctrl-C stops the review app)", flush=True)


def samples() -> list[str]:
    return sorted(str(p) for p in SAMPLES.glob("*.md") if p.name != "ATTRIBUTION.md")


def run_pipeline(settings: Settings) -> None:
    from translate_pub.orchestra.local import quick_runs
    from translate_pub_flows.ingest import ingest_flow
    from translate_pub_flows.translate import translate_flow

    sources = samples()
    with bars.shown(), quick_runs():
        reports = ingest_flow(as_parameter(settings), sources, "demo")
    created, updated = (
        sum(r.count(k) for r in reports) for k in ("created", "updated")
    )
    failed = sum(len(r.errors) for r in reports)
    print(
        f"ingest: {created} new, {updated} updated, {len(sources) - created - updated - failed} unchanged, "
        f"{failed} failed"
    )
    with bars.shown(), quick_runs():
        translated = translate_flow(
            as_parameter(settings), "recorded", list(settings.targets)
        )
    for lang, report in translated.items():
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
