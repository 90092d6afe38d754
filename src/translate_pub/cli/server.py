"""`translate-pub server start|stop|status`: this home's Prefect server (see src/translate_pub/orchestra/supervisor.py).

Flow commands start it themselves when it is not running; `server stop` is the only thing
that ends it. Exit status of `server status`: 0 running, 3 not running (as LSB init scripts).
"""

from __future__ import annotations

import argparse

NOT_RUNNING = 3


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add `server start`, `server stop` and `server status`."""
    parser = sub.add_parser(
        "server",
        help="this home's Prefect server: start, stop, status",
        description=__doc__.splitlines()[0],
    )
    commands = parser.add_subparsers(
        dest="server_command", required=True, metavar="SUBCOMMAND"
    )
    start = commands.add_parser(
        "start", help="start it (on a free loopback port) unless it runs"
    )
    start.add_argument(
        "--port", type=int, help="port to listen on (default: a free one)"
    )
    start.set_defaults(func=cmd_start)
    commands.add_parser("stop", help="stop it").set_defaults(func=cmd_stop)
    commands.add_parser("status", help="say whether it runs, and where").set_defaults(
        func=cmd_status
    )


def _server(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from translate_pub.orchestra.supervisor import HomeServer, prefect_env, prefect_home

    settings = args.settings
    prefect_env(settings)
    return HomeServer(prefect_home(settings))


def cmd_start(args: argparse.Namespace) -> int:
    server = _server(args)
    running, started = server.ensure(args.port)
    print(
        f"Prefect server {'started' if started else 'already running'}: UI at {running.ui}, "
        f"API at {running.api} (pid {running.pid}); its password is in {server.secret_path}"
    )
    return 0


def cmd_stop(args: argparse.Namespace) -> int:
    stopped = _server(args).stop()
    print(
        f"Prefect server stopped (pid {stopped.pid})"
        if stopped
        else "Prefect server not running"
    )
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    server = _server(args)
    running = server.status()
    if running is None:
        print("Prefect server not running")
        return NOT_RUNNING
    print(
        f"Prefect server running: UI at {running.ui}, API at {running.api} (pid {running.pid}); "
        f"its password is in {server.secret_path}"
    )
    return 0
