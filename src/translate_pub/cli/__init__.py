"""The `translate-pub` command. Subcommand names are a stable, scripted interface.

Start-up costs only what a command needs: the subcommand modules import their heavy
dependencies (Prefect, FastAPI, the MT and ingest stacks) inside the commands that use
them, so `--help`, `status`, `user add`, `glossary …` and `review export` never load
Prefect or FastAPI.

Every failure is one line on the terminal and a non-zero exit: status 1 for an expected
one (`TranslatePubError`), 70 for a bug. The traceback goes to the log file under the home
(`logs/translate-pub.log`), which that line names; `--verbose` shows it on the terminal too,
with Prefect's own logs. argparse usage errors exit 2; SIGINT exits 130 and SIGTERM 143,
after stopping what the command started.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import traceback
from types import FrameType

from translate_pub import config
from translate_pub.cli import core, demo, digest, glossary, logs, mt, review, server
from translate_pub.errors import TranslatePubError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="translate-pub", description=__doc__.splitlines()[0])
    parser.add_argument("--home", help="data home (default $TRANSLATE_PUB_HOME or ./.translate-pub/)")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="show tracebacks and Prefect's logs on the terminal")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in (core, server, digest, glossary, review, mt, demo):
        module.register(sub)
    return parser


class Terminated(BaseException):
    """SIGTERM, raised in the main thread so every `finally` stops what the command started."""


def _terminate(_signum: int, _frame: FrameType | None) -> None:
    raise Terminated


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    args.log = log = logs.Log(config.load(args.home).home, verbose=args.verbose)
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        return int(args.func(args) or 0)
    except TranslatePubError as exc:
        return _fail(f"error: {exc}", log, args.verbose, 1)
    except KeyboardInterrupt:
        print("translate-pub: interrupted", file=sys.stderr)
        return 130
    except Terminated:
        print("translate-pub: terminated", file=sys.stderr)
        return 143
    except Exception as exc:  # a bug: still one line, with the traceback in the log
        return _fail(f"unexpected error: {type(exc).__name__}: {exc}", log, args.verbose, 70)
    finally:
        signal.signal(signal.SIGTERM, previous)
        log.close()


def _fail(message: str, log: logs.Log, verbose: bool, status: int) -> int:
    where = log.exception(message)
    if verbose:
        traceback.print_exc()
    print(f"translate-pub: {message} ({where})", file=sys.stderr)
    return status


def console() -> None:
    """The console script: `main`, except that an interrupted command exits at once, without
    waiting for worker threads stuck in a network call (their work is lost, not half-saved)."""
    status = main()
    if status in (130, 143):
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)
    sys.exit(status)


if __name__ == "__main__":
    console()
