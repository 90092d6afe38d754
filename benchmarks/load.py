"""Many translators at once: concurrent review-app users editing different documents.

    .venv/bin/python benchmarks/load.py [--users 200] [--edits 5] [--timeout 300] [--backend sqlite|postgres|both]

Starts the review app (uvicorn, one process, 127.0.0.1) over a fresh store with one
machine-translated document per user, then runs every user at once from an httpx async
client: log in through the form, open their document, autosave `--edits` segment edits
one after another (each with the version it was given back, as the editor does). Bounded
by --timeout and by users × (3 + edits) requests. Afterwards every acknowledged save is
checked in the store: its text must be the segment's text, its revision recorded.
Prints per backend: requests, errors, lost edits, save latency p50/p95/max, saves/s.
PostgreSQL runs on a throwaway cluster (tests/pg.py) when Debian's server is installed.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from sqlalchemy import func, select

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests.pg: the throwaway PostgreSQL cluster

from tests.pg import free_port, running_cluster  # noqa: E402
from translate_pub import config  # noqa: E402
from translate_pub.model import Document, Origin, Role, Segment  # noqa: E402
from translate_pub.passwords import hash_password  # noqa: E402
from translate_pub.store import Store  # noqa: E402
from translate_pub.store import schema as t  # noqa: E402
from translate_pub.store.documents import current_segments, save_document  # noqa: E402
from translate_pub.store.translations import save_machine  # noqa: E402
from translate_pub.store.users import add_user  # noqa: E402
from translate_pub.store.workflow import mark_machine_translated  # noqa: E402

PASSWORD = "load-test-password"
SENTENCES = 8
SERVER = """
import sys, uvicorn
from translate_pub.orchestra.publisher import PrefectPublisher
from translate_pub import config
from translate_pub.review.app import create_app
uvicorn.run(create_app(config.load(sys.argv[1]), PrefectPublisher()), host="127.0.0.1", port=int(sys.argv[2]),
            log_level="warning", backlog=2048)
"""


@dataclass
class Tally:
    requests: int = 0
    errors: list[str] = field(default_factory=list)
    save_latency: list[float] = field(default_factory=list)
    login_latency: list[float] = field(default_factory=list)
    edit_seconds: float = 0.0
    saved: dict[int, tuple[str, int]] = field(
        default_factory=dict
    )  # translation id → (text, version)


def seed(store: Store, users: int) -> list[int]:
    """One translator and one machine-translated document per user; returns the document ids."""
    doc_ids = []
    password_hash = hash_password(PASSWORD)  # once: argon2 is slow on purpose
    with store.begin() as conn:
        for u in range(users):
            add_user(conn, f"user{u}", Role.TRANSLATOR, password_hash)
            segs = tuple(
                Segment(
                    i,
                    i,
                    0,
                    f"Документ {u}: задержаны {i} человек.",
                    block="title" if i == 0 else "p",
                )
                for i in range(SENTENCES)
            )
            url = f"https://ovd.info/news/load-{u}"
            doc_id = save_document(
                conn,
                Document("ru", "OVD-Info", segs[0].source, url, url, f"load{u}", segs),
                ("en",),
            ).document_id
            for s in current_segments(conn, doc_id):
                save_machine(
                    conn,
                    s.id,
                    "en",
                    f"Document {u}: {s.position} detained.",
                    origin=Origin.MACHINE,
                    engine="load",
                    glossary_version="",
                )
            mark_machine_translated(conn, {doc_id}, "en")
            doc_ids.append(doc_id)
    return doc_ids


def start_server(home: Path, db_url: str) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {
        **os.environ,
        "TRANSLATE_PUB_DB": db_url,
        "PREFECT_HOME": str(home / "prefect"),
    }
    proc = subprocess.Popen(
        [sys.executable, "-c", SERVER, str(home), str(port)], env=env
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:  # readiness probe, bounded
        try:
            if httpx.get(f"{base}/login", timeout=2).status_code == 200:
                return proc, base
        except httpx.TransportError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise SystemExit(f"load: the review app did not start on {base}")
        time.sleep(0.1)


@dataclass
class Session:
    user: int
    client: httpx.AsyncClient
    token: str = ""
    urls: dict[int, str] = field(default_factory=dict)  # translation id → save URL
    versions: dict[int, int] = field(default_factory=dict)


async def log_in(s: Session, doc_id: int, tally: Tally) -> None:
    """Log in through the form and open the document; leaves `s.token` empty on failure."""
    started = time.perf_counter()
    try:
        page = await s.client.get("/login")
        csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
        login = await s.client.post(
            "/login",
            data={
                "csrf": csrf.group(1) if csrf else "",
                "name": f"user{s.user}",
                "password": PASSWORD,
            },
        )
        editor = await s.client.get(f"/doc/{doc_id}/en")
    except httpx.HTTPError as exc:
        tally.errors.append(f"user{s.user} login: {exc!r}")
        return
    finally:
        tally.requests += 3
        tally.login_latency.append(time.perf_counter() - started)
    token = re.search(r'name="csrf-token" content="([^"]+)"', editor.text)
    segs = re.findall(
        r'data-tid="(\d+)" data-version="(\d+)"\s+data-save="([^"]+)"', editor.text
    )
    if login.status_code != 303 or editor.status_code != 200 or not token or not segs:
        tally.errors.append(
            f"user{s.user} login: HTTP {login.status_code}, editor {editor.status_code}"
        )
        return
    s.token = token.group(1)
    s.urls = {int(tid): url for tid, _, url in segs}
    s.versions = {int(tid): int(v) for tid, v, _ in segs}


async def edit(s: Session, edits: int, tally: Tally) -> None:
    """Autosave `edits` segment edits one after another, each with the version last given back."""
    for i in range(edits if s.token else 0):
        tid = list(s.urls)[i % len(s.urls)]
        text = f"User {s.user}, edit {i}: {len(s.urls)} segments checked."
        started = time.perf_counter()
        tally.requests += 1
        try:
            r = await s.client.post(
                s.urls[tid],
                json={"text": text, "version": s.versions[tid]},
                headers={"X-CSRF-Token": s.token, "Accept": "application/json"},
            )
        except httpx.HTTPError as exc:
            tally.errors.append(f"user{s.user} save {i}: {exc!r}")
            continue
        finally:
            tally.save_latency.append(time.perf_counter() - started)
        if r.status_code != 200:
            tally.errors.append(
                f"user{s.user} save {i}: HTTP {r.status_code} {r.text[:120]}"
            )
            continue
        s.versions[tid] = r.json()["version"]
        tally.saved[tid] = (text, s.versions[tid])


async def all_users(
    base: str, docs: list[int], edits: int, tally: Tally, timeout: float
) -> None:
    """Everyone logs in at once; then, once all are in, everyone edits at once."""
    clients = [
        httpx.AsyncClient(base_url=base, timeout=timeout, follow_redirects=False)
        for _ in docs
    ]
    sessions = [Session(u, c) for u, c in enumerate(clients)]
    try:
        async with asyncio.timeout(timeout):
            await asyncio.gather(
                *(
                    log_in(s, doc_id, tally)
                    for s, doc_id in zip(sessions, docs, strict=True)
                )
            )
            started = time.perf_counter()
            await asyncio.gather(*(edit(s, edits, tally) for s in sessions))
            tally.edit_seconds = time.perf_counter() - started
    finally:
        await asyncio.gather(*(c.aclose() for c in clients))


def saves_failed(tally: Tally) -> int:
    return sum(1 for e in tally.errors if " save " in e)


def lost_edits(store: Store, tally: Tally) -> int:
    """Acknowledged saves whose text or version is not what the store holds, or whose revision is missing."""
    with store.begin() as conn:
        rows = {
            r.id: (r.text, r.version)
            for r in conn.execute(
                select(
                    t.translations.c.id, t.translations.c.text, t.translations.c.version
                )
            )
        }
        revisions = conn.execute(
            select(func.count()).select_from(t.revisions)
        ).scalar_one()
    lost = sum(1 for tid, saved in tally.saved.items() if rows.get(tid) != saved)
    acknowledged = len(tally.save_latency) - saves_failed(tally)
    return lost + max(0, acknowledged - revisions)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values) or [0.0]
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except (
        subprocess.TimeoutExpired
    ):  # uvicorn waits for open connections; we are done with them
        proc.kill()
        proc.wait()


def run(backend: str, db_url: str, users: int, edits: int, timeout: float) -> None:
    with tempfile.TemporaryDirectory(prefix="tp-load-") as tmp:
        home = Path(tmp)
        store = Store(db_url)
        store.migrate()
        docs = seed(store, users)
        proc, base = start_server(home, db_url)
        tally = Tally()
        try:
            asyncio.run(all_users(base, docs, edits, tally, timeout))
        except TimeoutError:
            tally.errors.append(f"stopped after the {timeout:.0f} s bound")
        finally:
            stop(proc)
        lost = lost_edits(store, tally)
        store.dispose()
    ok = len(tally.save_latency) - saves_failed(tally)
    ms = {
        name: percentile(values, q) * 1000
        for name, values, q in (
            ("login95", tally.login_latency, 0.95),
            ("p50", tally.save_latency, 0.5),
            ("p95", tally.save_latency, 0.95),
            ("max", tally.save_latency, 1.0),
        )
    }
    print(
        f"{backend:<9} users={users} requests={tally.requests} errors={len(tally.errors)} lost_edits={lost} "
        f"saves={ok} save p50={ms['p50']:.0f}ms p95={ms['p95']:.0f}ms max={ms['max']:.0f}ms "
        f"saves/s={ok / max(tally.edit_seconds, 1e-9):.0f} login+open p95={ms['login95']:.0f}ms"
    )
    for error in tally.errors[:5]:
        print(f"  {error}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument(
        "--backend", choices=["sqlite", "postgres", "both"], default="both"
    )
    args = parser.parse_args()
    with ExitStack() as stack:
        if args.backend in ("sqlite", "both"):
            with tempfile.TemporaryDirectory(prefix="tp-load-db-") as tmp:
                run(
                    "sqlite",
                    config.sqlite_url(Path(tmp)),
                    args.users,
                    args.edits,
                    args.timeout,
                )
        if args.backend in ("postgres", "both"):
            cluster = stack.enter_context(running_cluster())
            if cluster is None:
                print("postgres  skipped: PostgreSQL server binaries not found")
            else:
                run(
                    "postgres",
                    cluster.create_database(),
                    args.users,
                    args.edits,
                    args.timeout,
                )


if __name__ == "__main__":
    main()
