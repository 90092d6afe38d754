"""Register translate-pub with a Prefect server: a process work pool, the deployments
(scheduled outlet polling, translation, publishing) and one global concurrency
limit per MT provider.

    python -m translate_pub_flows.deploy --home /srv/translate-pub --site /srv/translate-pub/site

Idempotent: rerunning updates what exists. The deployments name their flows by module
path (`translate_pub_flows.translate…`), so a worker runs the translate-pub installed beside it; the
database URL and MT keys come from the worker's environment, never from Prefect.
See deploy/README.md.
"""

from __future__ import annotations

import argparse
from datetime import timedelta
from uuid import UUID

from prefect import deploy
from prefect.client.orchestration import get_client
from prefect.client.schemas.actions import (
    GlobalConcurrencyLimitCreate,
    GlobalConcurrencyLimitUpdate,
    WorkPoolCreate,
)
from prefect.deployments.runner import EntrypointType
from prefect.exceptions import ObjectNotFound
from prefect.workers.process import ProcessWorker

from translate_pub import config
from translate_pub.mt.engines import records
from translate_pub_flows.ingest import poll_outlets
from translate_pub_flows.publish import publish_flow
from translate_pub_flows.translate import mt_limit_name, translate_flow

POOL = "translate-pub"


def mt_limits() -> dict[str, int]:
    """Translate batches calling one provider at once, across every worker (mt/engines.py)."""
    return {e.name: e.concurrency for e in records()}


def ensure_pool(name: str = POOL) -> None:
    template = ProcessWorker.get_default_base_job_template()
    with get_client(sync_client=True) as client:
        client.create_work_pool(
            WorkPoolCreate(name=name, type="process", base_job_template=template),
            overwrite=True,
        )


def ensure_limits(limits: dict[str, int]) -> None:
    with get_client(sync_client=True) as client:
        for engine, limit in limits.items():
            name = mt_limit_name(engine)
            try:
                client.read_global_concurrency_limit_by_name(name)
                client.update_global_concurrency_limit(
                    name, GlobalConcurrencyLimitUpdate(limit=limit)
                )
            except ObjectNotFound:
                client.create_global_concurrency_limit(
                    GlobalConcurrencyLimitCreate(name=name, limit=limit)
                )


def register(
    home: str,
    site: str,
    *,
    engine: str = "recorded",
    targets: tuple[str, ...] = (),
    poll_minutes: float = 30,
    pool: str = POOL,
) -> list[UUID]:
    """Create the pool, the MT limits and the three deployments; returns the deployment ids.
    Their runs are given the settings of `home` as this process has them, without the database
    (`config.as_parameter`); a worker runs them with its own (orchestra/guard.py)."""
    loaded = config.load(home)
    # As the CLI's `translate`: every configured language, and the source language for
    # English-first digests (a document is never translated into its own language).
    targets = targets or (*loaded.targets, loaded.source_lang)
    settings = config.as_parameter(loaded)
    ensure_pool(pool)
    ensure_limits(mt_limits())
    module = EntrypointType.MODULE_PATH
    deployments = [
        poll_outlets.to_deployment(
            "scheduled",
            entrypoint_type=module,
            parameters={"settings": settings},
            interval=timedelta(minutes=poll_minutes),
        ),
        translate_flow.to_deployment(
            "on-demand",
            entrypoint_type=module,
            parameters={
                "settings": settings,
                "engine": engine,
                "targets": list(targets),
            },
        ),
        # "publish/publish" is what the review app's Publish button runs (src/translate_pub/orchestra/publisher.py).
        # One publish at a time: a second run waits in the queue instead of racing the first.
        publish_flow.to_deployment(
            "publish",
            entrypoint_type=module,
            concurrency_limit=1,
            parameters={"settings": settings, "out": site},
        ),
    ]
    # Prefect's sync_compatible functions return values, not coroutines, when called outside an event loop.
    return list(
        deploy(
            *deployments,
            work_pool_name=pool,
            build=False,
            push=False,  # type: ignore[arg-type]
            print_next_steps_message=False,
            ignore_warnings=True,
        )
    )  # type: ignore[arg-type]


def main() -> None:
    parser = argparse.ArgumentParser(
        prog="python -m translate_pub_flows.deploy", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--home", required=True, help="translate-pub data home on the workers"
    )
    parser.add_argument(
        "--site", required=True, help="folder the publish deployment writes the site to"
    )
    parser.add_argument(
        "--engine", default="recorded", help="MT engine of the translate deployment"
    )
    parser.add_argument(
        "--target",
        action="append",
        help="target language (repeatable; default all configured, and the source language for English-first digests)",
    )
    parser.add_argument(
        "--poll-minutes", type=float, default=30, help="outlet polling interval"
    )
    args = parser.parse_args()
    ids = register(
        args.home,
        args.site,
        engine=args.engine,
        targets=tuple(args.target or ()),
        poll_minutes=args.poll_minutes,
    )
    print(
        f"{len(ids)} deployments registered in work pool {POOL!r}; start a worker with "
        f"`prefect worker start --pool {POOL}`"
    )


if __name__ == "__main__":
    main()
