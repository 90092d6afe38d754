"""The first editor page after the app starts, beside the pages after it; prints figures, asserts nothing.

    .venv/bin/python benchmarks/first_page.py [--rounds 3] [--baseline CHECKOUT] [--top] [--read S]

Each round starts a fresh process per variant (the models the editor needs load once per
process): it fills a new home's store with 24 documents of real parallel text (FLORES-200
dev, ru → en, 30 sentences each, the English as the draft) and the bundled glossary, builds
the app as `translate-pub serve` does, serves it under uvicorn on 127.0.0.1, logs in after
--think seconds (3: a person reading the login page and typing a password) and opens the
editor of each of the 11 oldest in turn: the app's warm-up renders the queue's first
(newest) documents, so every page measured is of a document it has not rendered (--top:
the queue's first 11 instead, newest first, where an editor starts). Round r opens them
from the r-th on, wrapping, so that each document's own words lead a round in turn.
--read seconds pass before each later page too (0: none), as a translator reads a page
before opening the next: then every page comes after the same pause as the first. Printed:
the first editor page, the median of the 2nd–11th, their ratio (of the medians, and the
median of each round's own, in wall time and in the process's CPU time, which moves less
with the machine's load), the first page beside the same document opened later in the other
rounds (documents differ in cost: this compares a page with itself), and the time from
process start to the app answering its first request.
--baseline runs the same child against another checkout of the project (its src/ and flows/
first on the path), alternating with this one in the same run.
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path

STARTED = time.perf_counter()
ROOT = Path(__file__).resolve().parent.parent
FLORES = Path("/work/shared/corpus/flores-ru-en")
DOCS, OPENED, PER_DOC = 24, 11, 30
PASSWORD = "benchmark password"
SINCE = datetime(2024, 1, 1)


def populate(db_url: str) -> None:
    from sqlalchemy import insert

    from translate_pub.model import Origin, Role, Status
    from translate_pub.passwords import hash_password
    from translate_pub.store import Store
    from translate_pub.store import schema as t
    from translate_pub.store.users import add_user

    ru = (FLORES / "flores-dev.ru").read_text(encoding="utf-8").splitlines()
    en = (FLORES / "flores-dev.en").read_text(encoding="utf-8").splitlines()
    store = Store(db_url)
    store.migrate()
    with store.begin() as conn:
        conn.execute(
            insert(t.documents),
            [
                dict(
                    id=d,
                    source_lang="ru",
                    outlet="ovd-info",
                    title=f"Документ {d}",
                    url=f"https://ovd.info/news/{d}",
                    canonical_url=f"https://ovd.info/news/{d}",
                    slug=f"doc-{d}",
                    content_hash=f"{d:064x}",
                    revision=1,
                    fetched_at=SINCE,
                    tags=[],
                )
                for d in range(1, DOCS + 1)
            ],
        )
        conn.execute(
            insert(t.doc_status),
            [
                dict(
                    document_id=d,
                    lang="en",
                    status=int(Status.IN_REVIEW),
                    version=1,
                    updated_at=SINCE,
                )
                for d in range(1, DOCS + 1)
            ],
        )
        n = 0
        for d in range(1, DOCS + 1):
            for p in range(PER_DOC):
                n += 1
                conn.execute(
                    insert(t.segments),
                    dict(
                        id=n,
                        document_id=d,
                        revision=1,
                        position=p,
                        paragraph=p // 3,
                        sentence=p % 3,
                        block="p",
                        source=ru[n],
                        markup={},
                    ),
                )
                conn.execute(
                    insert(t.translations),
                    dict(
                        segment_id=n,
                        lang="en",
                        text=en[n],
                        origin=Origin.MACHINE.value,
                        engine="recorded",
                        glossary_version="",
                        mt_text=en[n],
                        version=1,
                        updated_at=SINCE,
                        updated_by="bench",
                    ),
                )
        add_user(conn, "ed", Role.EDITOR, hash_password(PASSWORD))
    store.dispose()


def child() -> None:
    """One variant, in its own process: serve, log in, open the editors; JSON on stdout."""
    import httpx
    import uvicorn

    from translate_pub import config
    from translate_pub.review.app import create_app

    try:
        from translate_pub.orchestra.publisher import PrefectPublisher
    except ImportError:  # a checkout from before the move out of flows/
        from flows.publisher import PrefectPublisher  # type: ignore[no-redef]

    home = Path(tempfile.mkdtemp(prefix="tp-bench-first-"))
    atexit.register(shutil.rmtree, home, True)  # the home goes with the child
    settings = config.load(home)
    populate(settings.db_url)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(settings, PrefectPublisher()),
            log_level="warning",
            access_log=False,
        )
    )
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, daemon=True
    )
    thread.start()
    pages, cpus, docs = [], [], []  # each page's wall and the process's CPU time (ms)
    with httpx.Client(
        base_url=f"http://127.0.0.1:{sock.getsockname()[1]}", timeout=60
    ) as client:
        token = re.search(
            r'name="csrf" value="([^"]+)"', client.get("/login").text
        ).group(1)  # type: ignore[union-attr]
        answering = time.perf_counter()
        time.sleep(
            float(os.environ["THINK"])
        )  # a person reading the login page and typing a password
        client.post("/login", data={"name": "ed", "password": PASSWORD, "csrf": token})
        top = range(DOCS, DOCS - OPENED, -1)  # the queue's first, newest first
        opened = list(top if os.environ["TOP"] else range(1, OPENED + 1))
        turn = int(os.environ["ROUND"]) % OPENED  # each document leads a round in turn
        for n, d in enumerate(opened[turn:] + opened[:turn]):
            if n:
                time.sleep(float(os.environ["READ"]))  # reading the page before
            began, cpu = time.perf_counter(), time.process_time()
            response = client.get(f"/doc/{d}/en", follow_redirects=False)
            pages.append((time.perf_counter() - began) * 1000)
            cpus.append((time.process_time() - cpu) * 1000)
            docs.append(d)
            assert response.status_code == 200, response.status_code
    server.should_exit = True
    thread.join(timeout=30)
    print(
        json.dumps(
            {
                "first": pages[0],
                "rest": statistics.median(pages[1:]),
                "first_cpu": cpus[0],
                "rest_cpu": statistics.median(cpus[1:]),
                "pages": list(zip(docs, pages, cpus, strict=True)),
                "start": answering - STARTED,
            }
        )
    )


def run(
    checkout: Path, think: float, top: bool, read: float, turn: int
) -> dict[str, float]:
    env = {
        **os.environ,
        "PYTHONPATH": f"{checkout / 'src'}{os.pathsep}{checkout}",
        "THINK": str(think),
        "TOP": "1" if top else "",
        "READ": str(read),
        "ROUND": str(turn),
    }
    out = subprocess.run(
        [sys.executable, __file__, "--child"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        cwd=checkout,
    )
    if out.returncode:
        raise SystemExit(f"{checkout}: child failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--baseline", type=Path, help="another checkout of the project, run alternately"
    )
    parser.add_argument(
        "--think",
        type=float,
        default=3.0,
        help="seconds between the app answering and the login",
    )
    parser.add_argument(
        "--top",
        action="store_true",
        help="open the queue's first 11 documents instead, as an editor starting there would",
    )
    parser.add_argument(
        "--read",
        type=float,
        default=0.0,
        help="seconds before each later page, as a translator reads the one before",
    )
    args = parser.parse_args()
    variants = {
        "this": ROOT,
        **({"baseline": args.baseline.resolve()} if args.baseline else {}),
    }
    results: dict[str, list[dict[str, float]]] = {name: [] for name in variants}
    for turn in range(args.rounds):
        for name, checkout in variants.items():
            results[name].append(run(checkout, args.think, args.top, args.read, turn))
    for name, runs in results.items():
        first = statistics.median(r["first"] for r in runs)
        rest = statistics.median(r["rest"] for r in runs)
        start = statistics.median(r["start"] for r in runs)
        firsts = ", ".join(f"{r['first']:.0f}" for r in runs)
        # each round's own ratio: a busy machine moves both pages of a round alike
        ratio = statistics.median(r["first"] / r["rest"] for r in runs)
        # the process's CPU time (server and client) moves less with the machine's load
        cpu = statistics.median(r["first_cpu"] / r["rest_cpu"] for r in runs)
        same = _same_document(runs)
        print(
            f"{name:<9} first editor page {first:7.1f} ms  then (median of 10) {rest:6.1f} ms  "
            f"ratio {first / rest:4.1f}× (rounds' median {ratio:4.2f}×; CPU {cpu:4.2f}×)  "
            f"app answering {start:5.1f} s after process start (medians of {len(runs)}; "
            f"firsts {firsts} ms)"
        )
        if same:
            print(
                f"{'':<9} the first page beside the same document opened later, in the other "
                f"rounds: {same[0]:4.2f}× wall, {same[1]:4.2f}× CPU (medians of {len(runs)})"
            )


def _same_document(runs: list[dict]) -> tuple[float, float] | None:  # type: ignore[type-arg]
    """Each round's first page over the median of the same document's pages at positions 2–11
    of the other rounds, in wall and CPU time: documents differ in cost (the oldest
    FLORES document takes 1.1–1.2× the tenth wherever it is opened), and this compares a
    page with itself."""
    wall, cpu = [], []
    for n, run in enumerate(runs):
        lead, first, first_cpu = run["pages"][0]
        later = [
            page[1:]
            for other in runs[:n] + runs[n + 1 :]
            for page in other["pages"][1:]
            if page[0] == lead
        ]
        if later:
            wall.append(first / statistics.median(w for w, _ in later))
            cpu.append(first_cpu / statistics.median(c for _, c in later))
    return (statistics.median(wall), statistics.median(cpu)) if wall else None


if __name__ == "__main__":
    child() if sys.argv[1:] == ["--child"] else main()
