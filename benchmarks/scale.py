"""Documents per hour end to end on one machine, with 1, 2 and 4 workers.

    .venv/bin/python benchmarks/scale.py [--mode server|threads] [--docs 200] [--latency 0.3] [--workers 1 2 4]
                                         [--batch 20] [--backend sqlite|postgres]
                                         [--worker process in-process] [--base DIR] [--rounds 1]

--mode server (the default) is the newsroom's server set-up (deploy/README.md) on one
machine: a throwaway PostgreSQL cluster holds the store and a real `prefect server start`'s
state; `python -m translate_pub_flows.deploy` registers the deployments; N process workers
(`prefect worker start --pool translate-pub --type process --limit 1`, or with --worker
in-process `python -m translate_pub.orchestra.worker`, which runs them in its own process)
run them. For each N,
on a fresh store: ingest the articles (ingest flow, run here against that server); submit
one `translate/on-demand` run per --batch documents (`run_deployment(…, timeout=0)`)
and poll the API until all have finished; approve everything (not timed); run
`publish/publish` on a worker. Workers are started before timing, as a server's are.
Each translate run's time outside its flow comes from the states Prefect recorded for it
(benchmarks/outside.py: from when its worker could take it to Running), p50 and max.
--base DIR measures the in-process worker of an earlier checkout (`git worktree add DIR
COMMIT`) too, first in each round; --rounds N repeats every worker count and kind in turn.

--mode threads varies the thread pool of one in-process translate flow instead.
In both, for each worker count, on a fresh store: ingest --docs Markdown articles (Russian FLORES-200
dev sentences, 20 per article, from $FLORES_DIR or /work/shared/corpus; synthetic text when
absent) through the ingest flow; machine-translate them with the `translate` flow
(one task per batch of documents, N threads) against the local fake LibreTranslate service
(tests/fakes/mt_service.py) answering each request after --latency seconds; approve every
document (the reviewers' part, not timed); publish the site with the publish flow. Flows run
on a local Prefect server started once before timing. Prints seconds per stage and
documents/hour for each worker count.
"""

from __future__ import annotations

import argparse
import atexit
import itertools
import os
import shutil
import statistics
import sys
import tempfile
import time
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests.fakes and tests.pg
if "PREFECT_HOME" not in os.environ:  # a Prefect home of its own, removed at exit
    os.environ["PREFECT_HOME"] = tempfile.mkdtemp(prefix="tp-scale-prefect-")
    atexit.register(shutil.rmtree, os.environ["PREFECT_HOME"], True)
os.environ.update(
    {
        "PREFECT_LOGGING_LEVEL": "ERROR",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "DO_NOT_TRACK": "1",
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
    }
)

from prefect import flow  # noqa: E402
from prefect.task_runners import ThreadPoolTaskRunner  # noqa: E402
from sqlalchemy import select  # noqa: E402

from benchmarks.outside import Timeline, summary, timeline  # noqa: E402
from tests import steps  # noqa: E402
from tests.fakes.mt_service import Behaviour, serve  # noqa: E402
from tests.pg import PgCluster, running_cluster  # noqa: E402
from tests.prefect_stack import PrefectStack, prefect_stack  # noqa: E402
from translate_pub import config  # noqa: E402
from translate_pub.cli.core import init_store  # noqa: E402
from translate_pub.model import Status  # noqa: E402
from translate_pub.store import Store  # noqa: E402
from translate_pub.store import schema as t  # noqa: E402
from translate_pub.store.documents import status_counts  # noqa: E402
from translate_pub_flows.ingest import ingest_flow  # noqa: E402
from translate_pub_flows.publish import publish_flow  # noqa: E402
from translate_pub_flows.translate import translate_flow  # noqa: E402

FLORES = (
    Path(os.environ.get("FLORES_DIR", "/work/shared/corpus/flores-ru-en"))
    / "flores-dev.ru"
)
SENTENCES = 20


def sentences() -> list[str]:
    if FLORES.exists():
        return [
            line.strip()
            for line in FLORES.read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
    return [f"Полиция задержала {n} участников акции в Москве." for n in range(997)]


def write_articles(folder: Path, count: int) -> None:
    lines = sentences()
    folder.mkdir(parents=True)
    for n in range(count):
        picked = [lines[(n * 7 + i) % len(lines)] for i in range(SENTENCES)]
        paragraphs = ["  ".join(picked[i : i + 4]) for i in range(0, SENTENCES, 4)]
        title = f"Сводка {n}: {picked[0][:60]}".replace('"', "'")
        front = (
            f'---\ntitle: "{title}"\noutlet: bench\nurl: https://ovd.info/news/bench-{n}\n'
            f"date: 2024-01-{n % 28 + 1:02d}\n---\n\n"
        )
        (folder / f"2024-01-01-bench-{n}.md").write_text(
            front + "\n\n".join(paragraphs) + "\n", encoding="utf-8"
        )


def approve_everything(store: Store) -> int:
    """What the reviewers do, instantly: every machine-translated document approved and frozen."""
    with store.begin() as conn:
        st = t.doc_status
        ids = list(
            conn.execute(
                select(st.c.document_id).where(
                    st.c.lang == "en", st.c.status == int(Status.MACHINE_TRANSLATED)
                )
            ).scalars()
        )
        for doc_id in ids:
            steps.approve(conn, doc_id, "en", "bench")
    return len(ids)


@flow(name="warm-up")
def warm_up() -> None:
    """Start the local Prefect server before anything is timed."""


def one_run(workers: int, docs: int, db_url: str, fake_url: str) -> None:
    with tempfile.TemporaryDirectory(prefix="tp-scale-") as tmp:
        home = Path(tmp) / "home"
        os.environ.update({"TRANSLATE_PUB_DB": db_url, "LIBRETRANSLATE_URL": fake_url})
        settings = replace(config.load(home), db_url=db_url)
        store, _ = init_store(settings)
        write_articles(Path(tmp) / "in", docs)
        runner: ThreadPoolTaskRunner[Any] = ThreadPoolTaskRunner(max_workers=workers)
        times = {}
        started = time.perf_counter()
        ingest_flow(settings, [str(Path(tmp) / "in")], "bench")
        times["ingest"] = time.perf_counter() - started
        parallel = translate_flow.with_options(task_runner=runner)  # type: ignore[arg-type]
        parallel(settings, "libretranslate", ["en"])
        times["translate"] = time.perf_counter() - started - times["ingest"]
        approved = approve_everything(store)
        mark = time.perf_counter()
        publish_flow(settings, str(Path(tmp) / "site"))
        times["publish"] = time.perf_counter() - mark
        published = published_count(store)
        store.dispose()
    report(workers, docs, times, approved, published)


def report(
    workers: int, docs: int, times: dict[str, float], approved: int, published: int
) -> None:
    total = sum(times.values())
    print(
        f"workers={workers}  ingest {times['ingest']:6.1f}s  translate {times['translate']:6.1f}s  "
        f"publish {times['publish']:5.1f}s  total {total:6.1f}s  approved {approved}  published {published}  "
        f"→ {docs / total * 3600:8.0f} documents/hour",
        flush=True,
    )


def published_count(store: Store) -> int:
    with store.begin() as conn:
        return status_counts(conn, "en")["en"][Status.PUBLISHED]


def run_all(
    stack: PrefectStack, deployment: str, batches: list[dict[str, object]]
) -> list[Timeline]:
    """One flow run per parameter set, left to the workers; once all completed (else exits),
    each run's timeline from the states Prefect recorded."""
    runs = [stack.submit(deployment, parameters) for parameters in batches]
    failed = {
        run: state for run, state in stack.wait(runs).items() if state != "COMPLETED"
    }
    if failed:
        sys.exit(
            f"scale: {len(failed)} {deployment} runs did not complete: {failed}\n{stack.logs()}"
        )
    return [
        timeline(
            run,
            stack.http.get("/flow_run_states/", params={"flow_run_id": run["id"]})
            .raise_for_status()
            .json(),
        )
        for run in stack.read_runs(runs)
    ]


def server_run(
    stack: PrefectStack,
    workers: int,
    docs: int,
    batch: int,
    db_url: str,
    fake_url: str,
    kind: str = "process",
    base: str | None = None,
) -> None:
    """One round of `workers` workers of `kind`: "process", "in-process", or
    "in-process@base", the in-process worker of the checkout at `base` (base_path)."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with tempfile.TemporaryDirectory(prefix="tp-scale-") as tmp:
        home = Path(tmp) / "home"
        os.environ["TRANSLATE_PUB_DB"] = db_url
        settings = replace(config.load(home), db_url=db_url)
        site = config.site_dir(
            settings
        )  # a deployment run publishes its home's site only
        store, _ = init_store(settings)
        write_articles(Path(tmp) / "in", docs)
        env = {
            "TRANSLATE_PUB_DB": db_url,
            "LIBRETRANSLATE_URL": fake_url,
            "TRANSLATE_PUB_HOME": str(home),
        }
        if kind == "in-process@base":
            env["PYTHONPATH"] = f"{base}:{ROOT}"
        started = stack.start_workers(workers, env, kind.removesuffix("@base"))
        times = {}
        mark = time.perf_counter()
        with temporary_settings({PREFECT_API_URL: stack.api}):
            ingest_flow(settings, [str(Path(tmp) / "in")], "bench")
        times["ingest"] = time.perf_counter() - mark
        with store.begin() as conn:
            ids = list(
                conn.execute(
                    select(t.documents.c.id).order_by(t.documents.c.id)
                ).scalars()
            )
        mark = time.perf_counter()
        # One batch task per run, so the runs in flight are what the number of workers allows.
        batches = [
            {
                "settings": {"home": str(home)},
                "document_ids": ids[i : i + batch],
                "batch_documents": batch,
            }
            for i in range(0, len(ids), batch)
        ]
        runs = run_all(stack, "translate/on-demand", batches)
        times["translate"] = time.perf_counter() - mark
        approved = approve_everything(store)
        mark = time.perf_counter()
        run_all(
            stack, "publish/publish", [{"settings": {"home": str(home)}, "out": site}]
        )
        times["publish"] = time.perf_counter() - mark
        stack.stop_workers(started)
        print(f"{kind} workers:", end=" ")
        report(workers, docs, times, approved, published_count(store))
        # The former measure, kept beside it to compare with earlier figures: a worker's
        # share of the stage's wall time per run, less the run's mean time in its flow. It
        # also charges the runs' submission, the API polling here, and a worker left idle
        # at the end while the other finishes its last run.
        former = times["translate"] * workers / len(runs) - statistics.mean(
            line.inside for line in runs
        )
        print(
            f"           translate {summary(runs)}; former measure {former:.1f}s",
            flush=True,
        )
        store.dispose()


def base_path(checkout: Path, tmp: Path) -> str:
    """A folder holding the checkout's `translate_pub` and `translate_pub_flows`, for a
    worker's PYTHONPATH (ahead of this tree's editable install)."""
    folder = tmp / "base"
    folder.mkdir()
    (folder / "translate_pub").symlink_to(checkout.resolve() / "src" / "translate_pub")
    (folder / "translate_pub_flows").symlink_to(checkout.resolve() / "flows")
    return str(folder)


def server_mode(args: argparse.Namespace, cluster: PgCluster, fake_url: str) -> None:
    with (
        tempfile.TemporaryDirectory(prefix="tp-scale-reg-") as tmp,
        prefect_stack(cluster, timeout=args.timeout) as stack,
    ):
        print(
            f"prefect server on {stack.api} (PostgreSQL on 127.0.0.1:{cluster.port}), store on PostgreSQL, "
            f"{args.batch} documents per translate run",
            flush=True,
        )
        stack.register(
            str(Path(tmp) / "home"), str(Path(tmp) / "site"), "libretranslate"
        )
        kinds = list(args.worker)
        base = base_path(args.base, Path(tmp)) if args.base else None
        if base:
            kinds.insert(0, "in-process@base")
        for _round, workers, kind in itertools.product(
            range(args.rounds), args.workers, kinds
        ):
            db_url = cluster.create_database()
            server_run(
                stack, workers, args.docs, args.batch, db_url, fake_url, kind, base
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument(
        "--latency",
        type=float,
        default=0.3,
        help="seconds the fake MT service takes per request",
    )
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--mode", choices=["server", "threads"], default="server")
    parser.add_argument(
        "--worker",
        nargs="+",
        choices=["process", "in-process"],
        default=["process", "in-process"],
        help="worker kinds, each measured in turn (server mode): Prefect's process "
        "worker, a new process per run, or translate_pub.orchestra.worker's",
    )
    parser.add_argument(
        "--base",
        type=Path,
        help="an earlier checkout (`git worktree add DIR COMMIT`) whose in-process worker "
        "is measured too, before the others in each round (server mode)",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="times every worker count and kind is measured, in turn (server mode)",
    )
    parser.add_argument(
        "--batch",
        type=int,
        default=20,
        help="documents per translate run (server mode)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=600,
        help="seconds any one wait may take (server mode)",
    )
    parser.add_argument(
        "--backend",
        choices=["sqlite", "postgres"],
        default="sqlite",
        help="store of the threads mode (server mode: always PostgreSQL)",
    )
    args = parser.parse_args()
    postgres = args.mode == "server" or args.backend == "postgres"
    print(
        f"{args.docs} documents × {SENTENCES + 1} segments, fake MT latency {args.latency}s/request, "
        f"mode {args.mode}, store {'postgres' if postgres else 'sqlite'}",
        flush=True,
    )
    with ExitStack() as stack:
        fake = stack.enter_context(serve(Behaviour(latency=args.latency)))
        cluster = stack.enter_context(running_cluster()) if postgres else None
        if postgres and cluster is None:
            sys.exit(
                "scale: PostgreSQL server binaries not found (/usr/lib/postgresql/*/bin or $PG_BINDIR)"
            )
        if args.mode == "server" and cluster is not None:
            server_mode(args, cluster, fake.url)
            return
        warm_up()
        for workers in args.workers:
            if cluster is not None:
                db_url = cluster.create_database()
            else:
                db_url = config.sqlite_url(
                    Path(tempfile.mkdtemp(prefix="tp-scale-db-"))
                )
            one_run(workers, args.docs, db_url, fake.url)


if __name__ == "__main__":
    main()
