"""A throwaway PostgreSQL cluster for the test session (and the benchmarks).

`PgCluster` runs Debian's server binaries: initdb into a temporary folder, a server
listening only on 127.0.0.1 (and a unix socket inside that folder), one database per
test, stopped and deleted at the end. As root the server runs as the `postgres` OS user,
because PostgreSQL refuses to run as root.

Loaded from tests/conftest.py as a pytest plugin: the `pg_cluster` fixture starts the
cluster once per session, the first time a test asks for it; without the binaries it
skips with the reason.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Connection, Engine, text

READY_TIMEOUT = 60.0


def find_bindir() -> Path | None:
    """The newest installed server's bin folder ($PG_BINDIR wins), or None."""
    if os.environ.get("PG_BINDIR"):
        return Path(os.environ["PG_BINDIR"])
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(Path(p).parts[-3]),
    )
    return Path(found[-1]).parent if found else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PgCluster:
    """One running PostgreSQL server on 127.0.0.1 with trust authentication."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="tp-pg-"))
        self.data = self.root / "data"
        self.sockets = self.root / "run"
        self.port = free_port()
        self._names = itertools.count(1)
        self._as_root = os.geteuid() == 0

    def _run(self, tool: str, *args: str) -> subprocess.CompletedProcess[str]:
        cmd = [str(self.bindir / tool), *args]
        if self._as_root:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        return subprocess.run(
            cmd, capture_output=True, text=True, timeout=120, check=False
        )

    def _check(self, tool: str, *args: str) -> None:
        result = self._run(tool, *args)
        if result.returncode:
            log = self.log_tail()
            raise RuntimeError(
                f"{tool} failed ({result.returncode}): {result.stderr.strip()}\n{log}"
            )

    def log_tail(self) -> str:
        log = self.root / "server.log"
        return (
            "\n".join(log.read_text(errors="replace").splitlines()[-20:])
            if log.exists()
            else ""
        )

    def start(self) -> PgCluster:
        self.sockets.mkdir()
        if self._as_root:
            shutil.chown(self.root, "postgres")
            shutil.chown(self.sockets, "postgres")
        if not self.data.exists():
            # Trust authentication is safe here: the server listens on 127.0.0.1 and a private socket only.
            self._check(
                "initdb",
                "-D",
                str(self.data),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            )
        self._pg_ctl_start()
        return self

    def _pg_ctl_start(self) -> None:
        # No durability needed for a throwaway cluster: fsync off makes CREATE DATABASE fast.
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.sockets} -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
        )
        self._check(
            "pg_ctl",
            "start",
            "-D",
            str(self.data),
            "-l",
            str(self.root / "server.log"),
            "-o",
            options,
            "-w",
            "-t",
            str(int(READY_TIMEOUT)),
        )
        self.wait_ready()

    def wait_ready(self) -> None:
        """Poll pg_isready until the server accepts connections (bounded)."""
        deadline = time.monotonic() + READY_TIMEOUT
        while self._run(
            "pg_isready", "-h", "127.0.0.1", "-p", str(self.port), "-q"
        ).returncode:
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"PostgreSQL not ready after {READY_TIMEOUT:.0f} s\n{self.log_tail()}"
                )
            time.sleep(
                0.05
            )  # polling interval of a readiness probe, not synchronisation

    def restart(self) -> None:
        """Stop (fast: open connections are cut) and start again, as a crash-and-recover would."""
        self._check("pg_ctl", "stop", "-D", str(self.data), "-m", "fast", "-w")
        self._pg_ctl_start()

    def stop(self) -> None:
        if self.data.exists():
            self._run("pg_ctl", "stop", "-D", str(self.data), "-m", "immediate", "-w")
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(
            host="127.0.0.1",
            port=self.port,
            user="postgres",
            dbname="postgres",
            autocommit=True,
        ) as conn:
            conn.execute(sql)  # type: ignore[arg-type]

    def create_database(self) -> str:
        """A new empty database; returns its SQLAlchemy URL."""
        name = f"t_{os.getpid()}_{next(self._names)}"
        self._admin(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, url: str) -> None:
        self._admin(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')

    @contextmanager
    def database(self) -> Iterator[str]:
        url = self.create_database()
        try:
            yield url
        finally:
            self.drop_database(url)


@contextmanager
def running_cluster() -> Iterator[PgCluster | None]:
    """A started cluster for the duration of the block, or None when PostgreSQL is not installed."""
    bindir = find_bindir()
    if bindir is None or not (bindir / "pg_ctl").exists():
        yield None
        return
    cluster = PgCluster(bindir)
    try:
        yield cluster.start()
    finally:
        cluster.stop()


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    with running_cluster() as cluster:
        if cluster is None:
            pytest.skip(
                "PostgreSQL server binaries not found (/usr/lib/postgresql/*/bin or $PG_BINDIR): "
                "install Debian's postgresql to run the postgres variant"
            )
        yield cluster


def until_one_waits(engine: Engine, holder: Connection) -> None:
    """Return once another session is blocked by `holder`'s locks (bounded: 30 s)."""
    pid = holder.execute(text("select pg_backend_pid()")).scalar_one()
    deadline = time.monotonic() + 30
    with engine.connect() as watch:
        while time.monotonic() < deadline:
            blocked = watch.execute(
                text(
                    "select count(*) from pg_stat_activity "
                    "where :pid = any(pg_blocking_pids(pid))"
                ),
                {"pid": pid},
            ).scalar_one()
            if blocked:
                return
            watch.rollback()
    raise AssertionError("no other session ever waited for the holder's locks")


def while_held(
    engine: Engine, hold: Callable[[Connection], object], then: Callable[[], object]
) -> list[BaseException]:
    """`hold` runs in a transaction left open until `then`, started meanwhile in a thread, is
    seen waiting on its locks; the transaction then commits. What `then` raised (none: []).
    AssertionError if `then` never waited, or did not end within 30 s of the commit."""
    raised: list[BaseException] = []

    def run() -> None:
        try:
            then()
        except Exception as error:  # noqa: BLE001 - the caller reads what it was
            raised.append(error)

    with engine.connect() as first, first.begin():
        hold(first)
        thread = threading.Thread(target=run)
        thread.start()
        until_one_waits(engine, first)
    thread.join(timeout=30)
    assert not thread.is_alive(), "the second party never ended"
    return raised
