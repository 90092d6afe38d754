"""This home's Prefect server: one `prefect server start` per data home, on a free loopback
port recorded in `prefect/server.json` under the home, reused by every flow command.

It runs in a session of its own, so Ctrl-C or SIGTERM on the command that started it does
not reach it, and it outlives that command until `translate-pub server stop`. Its state
lives in the home's `prefect/` folder (PREFECT_HOME): SQLite by default, or the database
named by PREFECT_API_DATABASE_CONNECTION_URL. When PREFECT_API_URL is set, flow commands
use that server instead and this one is neither started nor asked.

Nothing here imports Prefect, so asking about the server costs no Prefect start-up.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import httpx

from translate_pub import lifeline, net
from translate_pub.config import Settings
from translate_pub.errors import ConfigError
from translate_pub.orchestra import identity, plain, seed

START_TIMEOUT = (
    120.0  # seconds: a first start migrates Prefect's database and copies its UI
)
STOP_TIMEOUT = 20.0
FOREIGN_GRACE = (
    10.0  # seconds another server must keep answering on our port to be called one
)
HOST = "127.0.0.1"


@dataclass(frozen=True)
class Running:
    """What `server.json` records: the server's pid, its port, when that process started (clock ticks
    since boot `boot`) and the home's Prefect folder it serves."""

    pid: int
    port: int
    started: int = 0
    boot: str = ""
    home: str = ""

    @property
    def api(self) -> str:
        return f"http://{HOST}:{self.port}/api"

    @property
    def ui(self) -> str:
        return f"http://{HOST}:{self.port}/"


def prefect_home(settings: Settings) -> Path:
    return (settings.home / "prefect").resolve()


def prefect_env(settings: Settings, verbose: bool = False) -> None:
    """Keep Prefect's state in the home and its logs quiet, unless the user configured them.

    Must run before `prefect` is first imported: it reads its settings then.
    """
    os.environ.setdefault("PREFECT_HOME", str(prefect_home(settings)))
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO" if verbose else "WARNING")


def connect(settings: Settings, verbose: bool = False) -> str:
    """Point this process's flows at a Prefect server: PREFECT_API_URL if set, else the home's
    (started, and announced once on stderr, when none runs). Returns the API URL."""
    return connecting(settings, verbose)()


def connecting(settings: Settings, verbose: bool = False) -> Callable[[], str]:
    """`connect` in two steps, so that a command works while the home's server starts: this call
    spawns the server when none runs and returns at once; calling its result waits until the
    server answers, points this process's flows at it and returns the API URL."""
    prefect_env(settings, verbose)
    configured = configured_api()
    if configured:
        return lambda: configured
    server = HomeServer(prefect_home(settings))
    running, started = server.begin()
    os.environ["PREFECT_API_URL"] = (
        running.api
    )  # before Prefect is imported: it reads its settings then
    os.environ["PREFECT_API_AUTH_STRING"] = server.secret()
    bundle = plain.one_certificate_bundle(
        server.folder
    )  # plain HTTP: see orchestra.plain
    if bundle is not None:
        os.environ.setdefault("PREFECT_API_SSL_CERT_FILE", str(bundle))

    def wait() -> str:
        server.wait(running, started)
        if plain.same_prefect(server.answered):  # our own build: no version to check
            os.environ.setdefault(
                "PREFECT_CLIENT_SERVER_VERSION_CHECK_ENABLED", "false"
            )
        if server.answered.get("csrf") is False:  # no token to fetch before a POST
            os.environ.setdefault("PREFECT_CLIENT_CSRF_SUPPORT_ENABLED", "false")
        if started:
            print(
                f"translate-pub: started this home's Prefect server, UI at {running.ui} "
                "(it keeps running: `translate-pub server stop` ends it)",
                file=sys.stderr,
                flush=True,
            )
        return running.api

    return wait


def configured_api() -> str | None:
    """PREFECT_API_URL, from the environment or, when Prefect is loaded already (a worker, a test
    harness), from its settings."""
    if os.environ.get("PREFECT_API_URL"):
        return os.environ["PREFECT_API_URL"]
    if "prefect" in sys.modules:
        from prefect.settings import PREFECT_API_URL

        return PREFECT_API_URL.value() or None
    return None


class HomeServer:
    """Start, find and stop the Prefect server recorded in `folder` (the home's PREFECT_HOME)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.answered: dict[str, object] = {}  # the last whoami answer
        self.record = folder / "server.json"
        self.log = folder / "server.log"

    def status(self) -> Running | None:
        """The server, if its process lives and its API answers."""
        running = self._recorded()
        if running is None:
            return None
        with net.loopback_client(timeout=2) as client:
            return running if self._answers(running, client) is True else None

    def secret(self) -> str:
        return identity.api_secret(self.folder)

    @property
    def secret_path(self) -> Path:
        return self.folder / identity.SECRET_FILE

    def ensure(self, port: int | None = None) -> tuple[Running, bool]:
        """The running server, starting it if needed; and whether this call started it."""
        running, started = self.begin(port)
        self.wait(running, started)
        return running, started

    def begin(self, port: int | None = None) -> tuple[Running, bool]:
        """The recorded server, or one spawned now (recorded at once, so that other commands wait
        for it rather than start another); and whether this call spawned it. It may not answer yet."""
        with self._locked():
            running = self._recorded()
            if running is not None:
                return running, False
            if port is not None and not 0 < port < 65536:
                raise ConfigError(f"port {port}: expected a number from 1 to 65535")
            if port is not None and not port_free(port):
                raise ConfigError(
                    f"port {port} is in use: choose another with --port, or leave it out"
                )
            return self._spawn(port or free_port()), True

    def wait(self, running: Running, started: bool) -> None:
        """Wait until `running` answers. A server this command started that does not come up (or
        whose start the command gives up: Ctrl-C) is stopped, not left half-started."""
        try:
            self._wait_healthy(running)
        except BaseException:
            if started:
                self.stop()
            raise

    def stop(self) -> Running | None:
        """Stop the server (SIGTERM to its process group, SIGKILL after STOP_TIMEOUT); what was stopped."""
        with self._locked():
            running = self._recorded()
            if running is not None:
                _stop_group(running.pid)
                self.record.unlink(missing_ok=True)
            return running

    def _recorded(self) -> Running | None:
        """The recorded server if its process is the one recorded (pid, start time, boot) for this
        home; a record of a dead, recycled or another home's process is dropped, never acted on."""
        if self.record.is_dir():
            raise ConfigError(
                f"{self.record} is a folder, not this home's Prefect server record: remove it"
            )
        try:
            running = Running(**json.loads(self.record.read_text()))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, TypeError):
            running = None
        if running is not None and self._ours(running):
            return running
        self.record.unlink(
            missing_ok=True
        )  # it died, the machine restarted, or the file came from elsewhere
        return None

    def _ours(self, running: Running) -> bool:
        return (
            running.home == str(self.folder)
            and running.boot == lifeline.boot_id()
            and _alive(running.pid)
            and lifeline.start_time(running.pid) == running.started
        )

    def _answers(self, running: Running, client: httpx.Client) -> bool | None:
        """Whether `running`'s port answers as that server (True), as something else (False), or not yet (None)."""
        found = identity.whoami(client, running.api, self.secret())
        self.answered = found or {}
        if found is not None:
            return found.get("pid") == running.pid and found.get("home") == running.home
        return False if _healthy(running, client) else None

    def _spawn(self, port: int) -> Running:
        seed.plant(self.folder)
        origin = f"http://{HOST}:{port}"
        env = {
            **os.environ,
            "PREFECT_HOME": str(self.folder),
            "PREFECT_UI_ENABLED": "true",
            "PREFECT_SERVER_API_AUTH_STRING": self.secret(),  # no secret: 401 (health excepted)
            "PREFECT_SERVER_API_CORS_ALLOWED_ORIGINS": origin,  # its own UI, no foreign page
            "PREFECT_UI_API_URL": f"{origin}/api",
        }
        env.pop("PREFECT_API_URL", None)
        with self.log.open("ab") as log:  # the child keeps its own handle
            proc = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "translate_pub.orchestra.prefect_app",
                    "--port",
                    str(port),
                ],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
                start_new_session=True,
            )
        running = Running(
            proc.pid,
            port,
            lifeline.start_time(proc.pid) or 0,
            lifeline.boot_id(),
            str(self.folder),
        )
        try:
            _write_record(self.record, running)
        except (
            OSError
        ) as exc:  # a server nobody can find again would be an orphan: stop it now
            _stop_group(proc.pid)
            raise ConfigError(
                f"cannot record the Prefect server in {self.record}: {exc.strerror}"
            ) from None
        return running

    def _wait_healthy(self, running: Running) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        with net.loopback_client(
            timeout=2
        ) as client:  # one client: a new one per poll costs the server CPU it needs
            foreign_since: float | None = None
            while not (answer := self._answers(running, client)):
                # Health answering while whoami does not is a foreign server, or ours too busy
                # starting to answer whoami in time (a loaded machine): foreign only if it lasts.
                if answer is None:
                    foreign_since = None
                elif foreign_since is None:
                    foreign_since = time.monotonic()
                elif time.monotonic() - foreign_since > FOREIGN_GRACE:
                    raise ConfigError(
                        f"port {running.port} answers, but not as this home's Prefect server "
                        f"(pid {running.pid}); see {self.log}"
                    )
                if not _alive(running.pid):
                    raise ConfigError(
                        f"the Prefect server exited while starting; see {self.log}"
                    )
                if time.monotonic() > deadline:
                    raise ConfigError(
                        f"the Prefect server did not answer at {running.api} within "
                        f"{START_TIMEOUT:.0f} s; see {self.log}"
                    )
                time.sleep(
                    0.1
                )  # polling a starting process's health endpoint: nothing else to wait on

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """One command at a time starts or stops the server; the others wait, then reuse it."""
        self.folder.mkdir(parents=True, exist_ok=True)
        with (self.folder / "server.lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            yield


def _write_record(path: Path, running: Running) -> None:
    """`server.json`, whole or not at all (0600: it names the server of a private home)."""
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as out:
        json.dump(asdict(running), out)
    os.replace(partial, path)


def port_free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind((HOST, port))
        except OSError:
            return False
    return True


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def _healthy(running: Running, client: httpx.Client) -> bool:
    try:
        return client.get(f"{running.api}/health").status_code == 200
    except httpx.HTTPError:
        return False


def _alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie child of ours is reaped and counts as ended)."""
    with contextlib.suppress(ChildProcessError):
        if os.waitpid(pid, os.WNOHANG)[0] == pid:
            return False
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _stop_group(pid: int) -> None:
    """SIGTERM the group led by `pid`; once the leader is gone, or after STOP_TIMEOUT, SIGKILL what is left."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGTERM)
    deadline = time.monotonic() + STOP_TIMEOUT
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)  # the leader is not always our child: no handle to wait on
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)
    _alive(pid)  # reap it, if it was our child
