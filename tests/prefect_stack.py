"""A newsroom's server set-up on one machine, for a test and benchmarks/scale.py: a real
`prefect server start` backed by PostgreSQL, the deployments of flows/deploy.py and
process workers (`prefect worker start --pool translate-pub --type process`).

Every process it starts runs in its own session and is stopped by its pid (with every
descendant, since a process worker starts each flow run in a session of its own), within
a bounded time, however the block is left.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from uuid import UUID

import httpx

from tests.pg import PgCluster, free_port
from translate_pub_flows.deploy import POOL

ROOT = Path(__file__).resolve().parent.parent
PREFECT = Path(sys.executable).with_name("prefect")
STOP_TIMEOUT = 20.0
TERMINAL = {"COMPLETED", "FAILED", "CRASHED", "CANCELLED"}


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # The fields after the command name (which may hold spaces): state, ppid, …
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue  # the process ended while we looked
        tree.setdefault(ppid, []).append(int(stat.parent.name))
    return tree


def descendants(pid: int) -> list[int]:
    tree, found, todo = _children(), [], [pid]
    while todo:
        kids = tree.get(todo.pop(), [])
        found += kids
        todo += kids
    return found


def _signal(pids: list[int], sig: signal.Signals, group: int | None = None) -> None:
    targets = [(os.killpg, group)] if group else []
    for target, pid in [*targets, *((os.kill, p) for p in pids)]:
        with contextlib.suppress(ProcessLookupError, PermissionError):  # already gone
            target(pid, sig)


def stop_process(proc: subprocess.Popen[Any]) -> None:
    """SIGTERM the process's group and its descendants; SIGKILL whatever is left after STOP_TIMEOUT."""
    family = descendants(proc.pid)
    _signal(family, signal.SIGTERM, group=proc.pid)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=STOP_TIMEOUT)
    with contextlib.suppress(TimeoutError):
        wait_until(
            lambda: not any(Path(f"/proc/{p}").exists() for p in family),
            STOP_TIMEOUT,
            "descendants",
        )
    _signal(
        [p for p in family if Path(f"/proc/{p}").exists()],
        signal.SIGKILL,
        group=proc.pid,
    )
    proc.wait(timeout=STOP_TIMEOUT)


def wait_until(
    check: Callable[[], bool], timeout: float, what: str, interval: float = 0.2
) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what}: not within {timeout:.0f} s")
        time.sleep(
            interval
        )  # polling interval of a readiness probe, not synchronisation


class PrefectStack:
    """A Prefect server on PostgreSQL, its API client and the workers started for it."""

    def __init__(self, cluster: PgCluster, env: dict[str, str], timeout: float) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="tp-prefect-stack-"))
        self.timeout = timeout
        self.port = free_port()
        self.api = f"http://127.0.0.1:{self.port}/api"
        self.cluster = cluster
        self.database = cluster.create_database()
        self.env = {
            **os.environ,
            **env,
            "PREFECT_HOME": str(self.root / "prefect"),
            "PREFECT_API_URL": self.api,
            "PREFECT_API_DATABASE_CONNECTION_URL": self.database.replace(
                "+psycopg", "+asyncpg"
            ),
            "PYTHONPATH": str(ROOT),
            "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
            "DO_NOT_TRACK": "1",
            "PREFECT_UI_ENABLED": "false",
            # Nothing scheduled behind the measurement's back (poll-outlets has an interval schedule).
            "PREFECT_SERVER_SERVICES_SCHEDULER_ENABLED": "false",
            "PREFECT_WORKER_QUERY_SECONDS": "1",
            "PREFECT_LOGGING_LEVEL": "WARNING",
        }
        self.procs: list[subprocess.Popen[bytes]] = []
        self.started = 0  # processes ever started: workers' names are never reused
        self.http = httpx.Client(base_url=self.api, timeout=30)

    def _start(
        self, name: str, *cmd: str, env: dict[str, str] | None = None
    ) -> subprocess.Popen[bytes]:
        log = open(self.root / f"{name}.log", "wb")  # noqa: SIM115 - the child owns it
        proc = subprocess.Popen(
            list(cmd),
            cwd=ROOT,
            env={**self.env, **(env or {})},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        self.procs.append(proc)
        self.started += 1
        return proc

    def log(self, name: str) -> str:
        path = self.root / f"{name}.log"
        return (
            "\n".join(path.read_text(errors="replace").splitlines()[-30:])
            if path.exists()
            else ""
        )

    def logs(self) -> str:
        """The tail of every log of the stack: what a failing test shows."""
        return "\n".join(
            f"--- {path.stem}\n{self.log(path.stem)}"
            for path in sorted(self.root.glob("*.log"))
        )

    def start_server(self) -> None:
        proc = self._start(
            "server",
            str(PREFECT),
            "server",
            "start",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
        )

        def healthy() -> bool:
            if proc.poll() is not None:
                raise RuntimeError(
                    f"prefect server exited {proc.returncode}:\n{self.log('server')}"
                )
            try:
                return self.http.get("/health").status_code == 200
            except httpx.TransportError:
                return False

        wait_until(healthy, self.timeout, "prefect server /api/health")

    def register(self, home: str, site: str, engine: str) -> None:
        """`python -m translate_pub_flows.deploy` against this server: the pool, the MT limits, the deployments."""
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "translate_pub_flows.deploy",
                "--home",
                home,
                "--site",
                site,
                "--engine",
                engine,
            ],
            cwd=ROOT,
            env=self.env,
            timeout=self.timeout,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode:
            raise RuntimeError(
                f"translate_pub_flows.deploy failed ({done.returncode}): {done.stderr.strip()}"
            )

    def start_workers(
        self, count: int, env: dict[str, str], kind: str = "process"
    ) -> list[subprocess.Popen[bytes]]:
        """`count` workers, each running one flow run at a time; returns once all are online.
        `kind`: Prefect's process worker (a new process per run), or "in-process"
        (translate_pub.orchestra.worker: runs in the worker's own process)."""
        # A name of its own: a stopped worker stays ONLINE on the server for a while, so a
        # new one under its name would look online before it has even started.
        names = [f"worker-{self.started}-{n}" for n in range(count)]
        command = {
            "process": [str(PREFECT), "worker", "start", "--type", "process"],
            "in-process": [sys.executable, "-m", "translate_pub.orchestra.worker"],
        }[kind]
        started = [
            self._start(
                name,
                *command,
                "--pool",
                POOL,
                "--name",
                name,
                "--limit",
                "1",
                env=env,
            )
            for name in names
        ]

        def online() -> bool:
            for proc, name in zip(started, names, strict=True):
                if proc.poll() is not None:
                    raise RuntimeError(
                        f"{name} exited {proc.returncode}:\n{self.log(name)}"
                    )
            workers = self.http.post(
                f"/work_pools/{POOL}/workers/filter", json={}
            ).json()
            return {w["name"] for w in workers if w["status"] == "ONLINE"} >= set(names)

        wait_until(online, self.timeout, f"{count} workers online")
        return started

    def deployment_id(self, name: str) -> UUID:
        flow, deployment = name.split("/")
        return UUID(
            self.http.get(f"/deployments/name/{flow}/{deployment}")
            .raise_for_status()
            .json()["id"]
        )

    def submit(self, deployment: str, parameters: dict[str, Any]) -> UUID:
        """A flow run of the deployment, scheduled now, for a worker to pick up (`run_deployment(…, timeout=0)`)."""
        from prefect.deployments import run_deployment
        from prefect.settings import PREFECT_API_URL, temporary_settings

        with temporary_settings({PREFECT_API_URL: self.api}):
            return run_deployment(deployment, parameters=parameters, timeout=0).id  # type: ignore[union-attr]

    def read_runs(self, runs: list[UUID]) -> list[dict[str, Any]]:
        body = {
            "flow_runs": {"id": {"any_": [str(r) for r in runs]}},
            "limit": len(runs),
        }
        return list(
            self.http.post("/flow_runs/filter", json=body).raise_for_status().json()
        )

    def run_logs(self, run: UUID) -> list[str]:
        """The log lines Prefect holds for `run`."""
        body = {"logs": {"flow_run_id": {"any_": [str(run)]}}}
        found = self.http.post("/logs/filter", json=body).raise_for_status().json()
        return [entry["message"] for entry in found]

    def states(self, runs: list[UUID]) -> dict[UUID, str]:
        return {UUID(r["id"]): r["state_type"] for r in self.read_runs(runs)}

    def wait(self, runs: list[UUID]) -> dict[UUID, str]:
        """Poll the API until every run is in a terminal state (bounded); returns their states."""
        last: dict[UUID, str] = {}

        def finished() -> bool:
            last.update(self.states(runs))
            return len(last) == len(runs) and set(last.values()) <= TERMINAL

        wait_until(
            finished, self.timeout, f"{len(runs)} flow runs finished", interval=0.1
        )
        return last

    def stop_workers(self, workers: list[subprocess.Popen[bytes]]) -> None:
        for proc in workers:
            stop_process(proc)
            self.procs.remove(proc)

    def close(self) -> None:
        for proc in reversed(self.procs):
            stop_process(proc)
        self.procs.clear()
        self.http.close()
        self.cluster.drop_database(self.database)
        shutil.rmtree(self.root, ignore_errors=True)


@contextmanager
def prefect_stack(
    cluster: PgCluster, env: dict[str, str] | None = None, timeout: float = 120.0
) -> Iterator[PrefectStack]:
    """A started Prefect server on `cluster` for the block; every process it started is stopped after."""
    stack = PrefectStack(cluster, env or {}, timeout)
    try:
        stack.start_server()
        yield stack
    finally:
        stack.close()
