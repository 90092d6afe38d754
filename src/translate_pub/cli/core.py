"""The pipeline commands: init, ingest, translate, publish, serve, status, user add."""

from __future__ import annotations

import argparse
import getpass
import socket
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from translate_pub.cli import bars, startup
from translate_pub.config import Settings, as_parameter
from translate_pub.errors import ConfigError, InputError
from translate_pub.model import Role

if TYPE_CHECKING:  # the store (SQLAlchemy, Alembic) loads when a command opens it
    from translate_pub.store import Store


def settings_of(args: argparse.Namespace) -> Settings:
    """The command's settings, loaded once by `main` (from the environment and --home)."""
    return args.settings  # type: ignore[no-any-return]


def check_store(settings: Settings) -> None:
    """Fail fast, in one line, before starting Prefect, if the store is missing or unmigrated."""
    from translate_pub.store import open_store

    open_store(settings.db_url).dispose()


def connect(args: argparse.Namespace, settings: Settings) -> None:
    """Point this process's flows at a Prefect server (the home's, or PREFECT_API_URL's)."""
    connecting(args, settings)()


def connecting(args: argparse.Namespace, settings: Settings) -> Callable[[], str]:
    """`connect` in two steps (see translate_pub.orchestra.supervisor.connecting): the home's server starts now, and
    calling the result waits for it."""
    from translate_pub.orchestra.supervisor import connecting as start_connecting

    wait = start_connecting(settings, args.verbose)
    args.log.attach()
    return wait


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("init", help="create or migrate the store and load glossary/")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser(
        "ingest", help="ingest files, folders, page URLs or RSS/Atom feed URLs"
    )
    p.add_argument("sources", nargs="+", metavar="SOURCE")
    p.add_argument(
        "--outlet",
        default="local",
        help="outlet name for sources that do not say (default local)",
    )
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("translate", help="machine-translate what is pending")
    p.add_argument(
        "--engine", help="engine name (default $TRANSLATE_PUB_ENGINE or recorded)"
    )
    p.add_argument(
        "--target",
        action="append",
        help="target language (repeatable; default all configured, and the source language for English-first digests)",
    )
    p.set_defaults(func=cmd_translate)

    p = sub.add_parser(
        "publish", help="publish approved documents as the bilingual site"
    )
    p.add_argument("--out", required=True, help="site folder (replaced atomically)")
    p.set_defaults(func=cmd_publish)

    p = sub.add_parser("serve", help="run the review web app")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=port_number, default=8000)
    p.add_argument(
        "--workers",
        type=int,
        default=1,
        help="app processes sharing the store (default 1)",
    )
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("status", help="documents per status and language")
    p.set_defaults(func=cmd_status)

    user = sub.add_parser("user", help="manage review-app users").add_subparsers(
        dest="user_command", required=True
    )
    p = user.add_parser(
        "add", help="create a user, or reset an existing user's role and password"
    )
    p.add_argument("name")
    p.add_argument(
        "--role", required=True, help="translator, reviewer, editor or admin"
    )
    p.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from standard input",
    )
    p.set_defaults(func=cmd_user_add)


def init_store(settings: Settings) -> tuple[Store, str]:
    """Migrate the store and record the glossary version; returns the store and a summary line."""
    from translate_pub.store import open_store
    from translate_pub.store.glossary import record_glossary
    from translate_pub.terms.glossary import load_glossary

    store = open_store(settings.db_url, migrate=True)
    glossary = load_glossary(settings.glossary)
    with store.begin() as conn:
        record_glossary(conn, glossary.version, len(glossary.terms), glossary.csv)
    return (
        store,
        f"store ready ({settings.home}); glossary: {len(glossary.terms)} terms, version {glossary.version[:12]}",
    )


def cmd_init(args: argparse.Namespace) -> int:
    print(init_store(settings_of(args))[1])
    return 0


def cmd_ingest(args: argparse.Namespace) -> int:
    settings = settings_of(args)
    with startup.loading():
        check_store(settings)
        for source in args.sources:
            if (
                not source.strip()
            ):  # Path("") is the current folder: never read it unasked
                raise InputError(
                    repr(source), "an empty name is no file, folder or URL"
                )
            if "://" not in source and not Path(source).exists():
                raise InputError(source, "no such file or folder")
        connect(args, settings)
        from translate_pub.orchestra.local import quick_runs
        from translate_pub_flows.ingest import ingest_flow

    with bars.shown(), quick_runs():
        reports = ingest_flow(as_parameter(settings), list(args.sources), args.outlet)
    failed = 0
    for report in reports:
        for note in report.skipped:
            print(f"translate-pub: {note}", file=sys.stderr)
        for error in report.errors:
            print(f"translate-pub: {error}", file=sys.stderr)
        failed += len(report.errors)
        print(report.summary())
    return 1 if failed else 0


def cmd_translate(args: argparse.Namespace) -> int:
    from translate_pub.mt.registry import get_engine

    settings = settings_of(args)
    engine = args.engine or settings.engine
    get_engine(engine)  # an unknown or misconfigured engine fails here, in one line
    # The source language too: English-first digests are translated into it.
    targets = args.target or [*settings.targets, settings.source_lang]
    unknown = [t for t in targets if t not in settings.languages]
    if unknown:
        raise ConfigError(
            f"target language {unknown[0]!r} is not configured (TRANSLATE_PUB_TARGETS={','.join(settings.targets)})"
        )
    with startup.loading():
        check_store(settings)
        connect(args, settings)
        from translate_pub.orchestra.local import quick_runs
        from translate_pub_flows.translate import translate_flow

    with bars.shown(), quick_runs():
        reports = translate_flow(as_parameter(settings), engine, targets)
    for lang, report in reports.items():
        print(report.summary(lang))
    # Segments the engine failed on (unreachable, refusing, given up on) are work left undone; honest
    # misses (the engine has no output for a sentence) and segments another live run holds are not.
    return 1 if any(report.errors for report in reports.values()) else 0


def cmd_publish(args: argparse.Namespace) -> int:
    from translate_pub.publish.site import check_out

    settings = settings_of(args)
    with startup.loading():
        check_store(settings)
        check_out(
            Path(args.out).absolute()
        )  # before a Prefect server is started for nothing
        connect(args, settings)
        from translate_pub.orchestra.local import quick_runs
        from translate_pub_flows.publish import publish_flow

    with bars.shown(), quick_runs():
        report = publish_flow(as_parameter(settings), str(Path(args.out).absolute()))
    print(report.summary())
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    settings = settings_of(args)
    check_store(settings)
    check_listenable(
        args.host, args.port
    )  # before a Prefect server or a publish runner is started for nothing
    connect(args, settings)
    from translate_pub.orchestra.publisher import serve

    if args.workers < 1:
        raise ConfigError("--workers must be at least 1")
    serve(settings, args.host, args.port, args.workers)
    return 0


def port_number(text: str) -> int:
    """argparse's type for --port: a TCP port, 0 (any free one) to 65535."""
    value = int(text) if text.isascii() and text.isdigit() and len(text) <= 5 else -1
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(
            f"{text[:20]!r} is not a port number (0-65535)"
        )
    return value


def check_listenable(host: str, port: int) -> None:
    """Refuse a busy port or an address not on this machine before anything starts. (The port is
    let go again: the server binds it a moment later, so a race is possible but only ever ends in
    the server's own error.)"""
    try:
        family, kind, proto, _name, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(
                socket.SOL_SOCKET, socket.SO_REUSEADDR, 1
            )  # as uvicorn binds it
            probe.bind(address)
    except OSError as exc:
        raise InputError(
            f"{host}:{port}", f"cannot listen there ({exc.strerror or exc})"
        ) from None


def cmd_status(args: argparse.Namespace) -> int:
    from translate_pub.store import open_store
    from translate_pub.store.documents import status_counts

    settings = settings_of(args)
    with open_store(settings.db_url).begin() as conn:
        rows = [
            (lang, status, n)
            for lang, counts in status_counts(conn).items()
            for status, n in counts.items()
            if n
        ]
    if not rows:
        print("no documents yet: `translate-pub ingest SOURCE…`")
        return 0
    print(f"{'language':<10}{'status':<22}{'documents':>9}")
    for lang, status, count in rows:
        print(f"{lang:<10}{status.name:<22}{count:>9}")
    return 0


def cmd_user_add(args: argparse.Namespace) -> int:
    from translate_pub.passwords import account_name, check_new_password, hash_password
    from translate_pub.store import open_store
    from translate_pub.store.users import add_user, audit

    settings = settings_of(args)
    try:
        role = Role.parse(args.role)
    except ValueError as exc:
        raise ConfigError(str(exc)) from None
    name = account_name(args.name)
    password = read_password(args.password_stdin)
    check_new_password(password)
    with open_store(settings.db_url).begin() as conn:
        user = add_user(conn, name, role, hash_password(password))
        audit(conn, "cli", "user.add", f"{user.name} as {role.label}")
    print(f"user {user.name} ({role.label}) saved")
    return 0


def read_password(from_stdin: bool) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\n")
    elif sys.stdin.isatty():
        password = getpass.getpass("password: ")
        if getpass.getpass("again: ") != password:
            raise ConfigError("passwords differ")
    else:
        raise ConfigError("no terminal to ask for a password: use --password-stdin")
    return password
