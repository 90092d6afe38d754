"""The first editor page after the app starts, beside the pages after it; prints figures, asserts nothing.

    .venv/bin/python benchmarks/first_page.py [--rounds 3] [--baseline CHECKOUT] [--top] [--read S] [--calls]

Each round starts a fresh process per variant (the models the editor needs load once per
process): it fills a new home's store with 24 documents of real parallel text (FLORES-200
dev, ru → en, 30 sentences each, the English as the draft) and the bundled glossary, builds
the app as `translate-pub serve` does, serves it under uvicorn on 127.0.0.1, logs in after
--think seconds (3: a person reading the login page and typing a password) and opens the
editor of each of the 11 oldest in turn: the app's warm-up renders the queue's first
(newest) documents, so every page measured is of a document it has not rendered (--top:
the queue's first 12 instead, newest first, where an editor starts). Round r opens them
from the r-th of the 12 oldest on, wrapping, so that each document's own words lead a round
in turn; the 12th of the round is the control: a new client then loads the login page, waits
--think seconds, logs in and opens it, in the app that has served the first 11.
--read seconds pass before each later page too (0: none), as a translator reads a page
before opening the next: then every page comes after the same pause as the first. Printed:
the first editor page, the median of the 2nd–11th, their ratio (of the medians, and the
median of each round's own, in wall time and in the process's CPU time, which moves less
with the machine's load), the first page beside the same document opened later in the other
rounds (documents differ in cost: this compares a page with itself), the first page beside
the same document as another round's control (after the same pause and login, which slow the
next page on this machine in any process: this leaves the app's own first-use costs), both
also in the process's page faults (memory touched for the first time, which the machine's
speed does not move), and the time from process start to the app answering its first
request.
--baseline runs the same child against another checkout of the project (its src/ and flows/
first on the path), alternating with this one in the same run.
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
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

    # As `translate-pub serve` does, before the first thread; not for a checkout from before it
    # (whose import would find this one's module through the editable install).
    if (Path.cwd() / "src" / "translate_pub" / "arenas.py").exists():
        from translate_pub import arenas

        arenas.share()
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
    app = create_app(settings, PrefectPublisher())
    server = uvicorn.Server(
        uvicorn.Config(
            app,
            log_level="warning",
            access_log=False,
        )
    )
    calls = [0]  # Python function calls in the app's threads while a page is requested
    counting = threading.Event()

    def count(_frame: object, event: str, _arg: object) -> None:
        if event == "call" and counting.is_set():
            calls[0] += 1

    if os.environ["CALLS"]:
        threading.setprofile(count)  # the threads started from now on: the server's
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, daemon=True
    )
    thread.start()
    pages, cpus, docs = [], [], []  # each page's wall and the process's CPU time (ms)
    faults: list[int] = []  # the process's page faults during each page
    made: list[int] = []  # each page's Python calls (with --calls)
    top = range(DOCS, DOCS - OPENED - 1, -1)  # the queue's first, newest first
    order = list(top if os.environ["TOP"] else range(1, OPENED + 2))
    turn = int(os.environ["ROUND"]) % len(order)  # each document leads a round in turn
    order = order[turn:] + order[:turn]
    base_url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    for session, opened in enumerate((order[:OPENED], order[OPENED:])):
        # the second session is the control: the same login page, pause and login, then one
        # document opened, in the app that has served the first session's pages
        with httpx.Client(base_url=base_url, timeout=60) as client:
            token = re.search(
                r'name="csrf" value="([^"]+)"', client.get("/login").text
            ).group(1)  # type: ignore[union-attr]
            if not session:
                answering = time.perf_counter()
                if os.environ["CALLS"]:  # count the pages' calls, not the warm-up's
                    app.state.warmed.wait(300)  # set as the app starts
            time.sleep(
                float(os.environ["THINK"])
            )  # a person reading the login page and typing a password
            client.post(
                "/login", data={"name": "ed", "password": PASSWORD, "csrf": token}
            )
            for n, d in enumerate(opened):
                if n:
                    time.sleep(float(os.environ["READ"]))  # reading the page before
                calls[0] = 0
                counting.set()
                began, cpu = time.perf_counter(), time.process_time()
                faulted = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
                response = client.get(f"/doc/{d}/en", follow_redirects=False)
                pages.append((time.perf_counter() - began) * 1000)
                cpus.append((time.process_time() - cpu) * 1000)
                faults.append(
                    resource.getrusage(resource.RUSAGE_SELF).ru_minflt - faulted
                )
                counting.clear()
                made.append(calls[0])
                docs.append(d)
                assert response.status_code == 200, response.status_code
    server.should_exit = True
    thread.join(timeout=30)
    print(
        json.dumps(
            {
                "first": pages[0],
                "rest": statistics.median(pages[1:OPENED]),
                "first_cpu": cpus[0],
                "rest_cpu": statistics.median(cpus[1:OPENED]),
                "pages": list(zip(docs, pages, cpus, faults, made, strict=True))[
                    :OPENED
                ],
                "control": [
                    docs[OPENED],
                    pages[OPENED],
                    cpus[OPENED],
                    faults[OPENED],
                    made[OPENED],
                ],
                "start": answering - STARTED,
            }
        )
    )


def run(
    checkout: Path, think: float, top: bool, read: float, turn: int, calls: bool
) -> dict[str, float]:
    env = {
        **os.environ,
        "PYTHONPATH": f"{checkout / 'src'}{os.pathsep}{checkout}",
        "THINK": str(think),
        "TOP": "1" if top else "",
        "READ": str(read),
        "ROUND": str(turn),
        "CALLS": "1" if calls else "",
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
        help="open the queue's first 12 documents instead, as an editor starting there would",
    )
    parser.add_argument(
        "--read",
        type=float,
        default=0.0,
        help="seconds before each later page, as a translator reads the one before",
    )
    parser.add_argument(
        "--calls",
        action="store_true",
        help="also count the Python function calls the app makes for each page (which the "
        "machine's speed does not move; the counting slows every page about twofold)",
    )
    args = parser.parse_args()
    variants = {
        "this": ROOT,
        **({"baseline": args.baseline.resolve()} if args.baseline else {}),
    }
    results: dict[str, list[dict[str, float]]] = {name: [] for name in variants}
    for turn in range(args.rounds):
        for name, checkout in variants.items():
            results[name].append(
                run(checkout, args.think, args.top, args.read, turn, args.calls)
            )
    for name, runs in results.items():
        first = statistics.median(r["first"] for r in runs)
        rest = statistics.median(r["rest"] for r in runs)
        start = statistics.median(r["start"] for r in runs)
        firsts = ", ".join(f"{r['first']:.0f}" for r in runs)
        # each round's own ratio: a busy machine moves both pages of a round alike
        ratio = statistics.median(r["first"] / r["rest"] for r in runs)
        # the process's CPU time (server and client) moves less with the machine's load
        cpu = statistics.median(r["first_cpu"] / r["rest_cpu"] for r in runs)
        print(
            f"{name:<9} first editor page {first:7.1f} ms  then (median of 10) {rest:6.1f} ms  "
            f"ratio {first / rest:4.1f}× (rounds' median {ratio:4.2f}×; CPU {cpu:4.2f}×)  "
            f"app answering {start:5.1f} s after process start (medians of {len(runs)}; "
            f"firsts {firsts} ms)"
        )
        measures = ("wall", "CPU", "page faults", "Python calls")[
            : 4 if args.calls else 3
        ]
        for against, what in (
            (_later, "opened later, in the other rounds"),
            (_controls, "as another round's control, after the same pause and login"),
        ):
            if beside := _beside(runs, against):
                rounds, *ratios = beside
                line = ", ".join(
                    f"{r:4.2f}× {measure} (min {lo:4.2f}×, max {hi:4.2f}×)"
                    for measure, (r, lo, hi) in zip(measures, ratios, strict=False)
                )
                print(
                    f"{'':<9} the first page beside the same document {what}: {line} "
                    f"(medians of {rounds} rounds)"
                )


def _later(lead: int, other: dict) -> list[list[float]]:  # type: ignore[type-arg]
    """The measures of `lead`'s page at positions 2–11 of another round."""
    return [page[1:] for page in other["pages"][1:] if page[0] == lead]


def _controls(lead: int, other: dict) -> list[list[float]]:  # type: ignore[type-arg]
    """The measures of `lead`'s page as another round's control."""
    return [other["control"][1:]] if other["control"][0] == lead else []


def _beside(
    runs: list[dict],  # type: ignore[type-arg]
    against: Callable[[int, dict], list[list[float]]],  # type: ignore[type-arg]
) -> list | None:  # type: ignore[type-arg]
    """Each round's first page over the median of the same document's pages in the other
    rounds that `against` picks, per measure (wall, CPU, page faults, calls): documents differ in cost
    (the oldest FLORES document takes 1.1–1.2× the tenth wherever it is opened), and this
    compares a page with itself. The controls come after the same login page, pause and
    login as the first page, which slow the next page on this machine by themselves, in any
    process (a login's argon2 goes through 64 MiB): beside them, what is left is the app's
    own first-use cost. The number of rounds, then (median, min, max) per measure."""
    ratios: list[list[float]] = []
    for n, run in enumerate(runs):
        lead, *first = run["pages"][0]
        same = [m for other in runs[:n] + runs[n + 1 :] for m in against(lead, other)]
        if same:
            ratios.append(
                [
                    (f or 1) / (statistics.median(m[k] for m in same) or 1)
                    for k, f in enumerate(first)  # calls and faults may be 0
                ]
            )
    if not ratios:
        return None
    return [
        len(ratios),
        *(
            (statistics.median(col), min(col), max(col))
            for col in zip(*ratios, strict=True)
        ),
    ]


if __name__ == "__main__":
    child() if sys.argv[1:] == ["--child"] else main()
