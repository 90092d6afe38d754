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
import atexit
import gc
import os
import signal
import sys
import threading
import traceback
from types import FrameType

from translate_pub import arenas, config
from translate_pub.cli import (
    core,
    demo,
    digest,
    glossary,
    logs,
    memory,
    mt,
    preview,
    review,
    server,
)
from translate_pub.errors import TranslatePubError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="translate-pub", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--home", help="data home (default $TRANSLATE_PUB_HOME or ./.translate-pub/)"
    )
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="show tracebacks and Prefect's logs on the terminal",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in (core, server, digest, glossary, review, memory, mt, preview, demo):
        module.register(sub)
    return parser


GRACE = 5.0  # seconds a signalled command has to stop what it started before it exits regardless


class Terminated(BaseException):
    """SIGTERM, raised in the main thread so every `finally` stops what the command started."""


def _on_signal(signum: int, _frame: FrameType | None) -> None:
    raise KeyboardInterrupt if signum == signal.SIGINT else Terminated


def _watch_signals() -> None:
    """Exit GRACE seconds after SIGINT or SIGTERM, whoever handles it meanwhile.

    The main thread unwinds (and Prefect, which swaps in its own SIGTERM handler during a flow
    run, marks the run crashed), but a worker thread may sit in a network call that nothing
    interrupts, and Prefect waits for its threads. Python writes every handled signal's number
    to the wake-up fd, whichever handler is installed: a thread reading it starts the clock.
    """
    read, write = os.pipe()
    os.set_blocking(write, False)
    signal.set_wakeup_fd(write, warn_on_full_buffer=False)

    def watch() -> None:
        while (got := os.read(read, 1)) and got[0] not in (
            signal.SIGINT,
            signal.SIGTERM,
        ):
            pass
        if got:
            clock = threading.Timer(GRACE, _give_up, (got[0],))
            clock.daemon = True
            clock.start()

    threading.Thread(target=watch, name="signal-watchdog", daemon=True).start()


def _give_up(signum: int) -> None:
    print(
        f"translate-pub: {'interrupted' if signum == signal.SIGINT else 'terminated'}, "
        "without waiting for the work in progress",
        file=sys.stderr,
    )
    _exit_now(128 + signum)


def _exit_now(status: int) -> None:
    """Flush what was printed and exit at once. Output that cannot be flushed (a closed
    pipe, a closed stdout) makes the status 120, as the interpreter's own exit does."""
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            status = status or 120
    os._exit(status)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        args.settings = config.load(
            args.home
        )  # the command's one Settings, passed on from here
    except TranslatePubError as exc:  # a bad setting: there is no home to log to yet
        print(f"translate-pub: error: {exc}", file=sys.stderr)
        return 1
    args.log = log = logs.Log(args.settings.home, verbose=args.verbose)
    previous = {
        sig: signal.signal(sig, _on_signal) for sig in (signal.SIGINT, signal.SIGTERM)
    }
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
        return _fail(
            f"unexpected error: {type(exc).__name__}: {exc}", log, args.verbose, 70
        )
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        log.close()


def _fail(message: str, log: logs.Log, verbose: bool, status: int) -> int:
    where = log.exception(message)
    if verbose:
        traceback.print_exc()
    elif where is None and status != 1:
        where = "--verbose shows the traceback"
    print(f"translate-pub: {message}{f' ({where})' if where else ''}", file=sys.stderr)
    return status


def console() -> None:
    """The console script: `main`, except that an interrupted command exits at once, without
    waiting for worker threads stuck in a network call (their work is lost, not half-saved)."""
    arenas.share()  # before the first thread
    _watch_signals()
    status = main()
    if status in (130, 143):
        _exit_now(status)
    gc.freeze()  # exiting: the interpreter's last collection need not walk all the command loaded
    if any(
        not t.daemon for t in threading.enumerate() if t is not threading.main_thread()
    ):
        sys.exit(status)  # Python waits for such a thread before it exits
    # What exiting must do is done, in the interpreter's own order: threading's exit hooks
    # (where Prefect's queue services drain their logs and events to the server), then atexit's
    # (logging's shutdown flushes and closes the log files). Then no interpreter teardown (~30 ms
    # of a flow command: every module and object freed one by one, for nothing).
    threading._shutdown()  # type: ignore[attr-defined]
    atexit._run_exitfuncs()
    _exit_now(status)


if __name__ == "__main__":
    console()
