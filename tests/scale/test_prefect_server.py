"""The newsroom's server set-up, small: a real `prefect server start` backed by PostgreSQL,
the deployments of flows/deploy.py and one worker translate a deployment run's documents
(store on PostgreSQL too, MT against the local fake service): Prefect's process worker, or
translate-pub's in-process one (orchestra/worker.py), whose run is recorded all the same."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.fakes.mt_service import Behaviour, serve
from tests.pg import PgCluster
from tests.prefect_stack import prefect_stack, wait_until
from tests.scale.conftest import make_documents, save_all
from translate_pub import config
from translate_pub.cli.core import init_store
from translate_pub.model import Status
from translate_pub.store import schema as t
from translate_pub.store.documents import status_counts
from translate_pub.store.translations import pending_segments

pytestmark = pytest.mark.flow
DEADLINE = 180.0  # seconds for any one phase (server up, worker online, run finished): a hang fails


@pytest.mark.parametrize("kind", ["process", "in-process"])
def test_a_worker_runs_the_translate_deployment_on_a_postgres_backed_server(
    kind: str, pg_cluster: PgCluster, tmp_path: Path
):
    home, site = tmp_path / "home", tmp_path / "site"
    with pg_cluster.database() as db_url:
        store, _ = init_store(replace(config.load(home), db_url=db_url))
        try:
            doc_ids = save_all(store, make_documents(count=3, sentences=6))
            with (
                serve(Behaviour(latency=0.05)) as fake,
                prefect_stack(pg_cluster, timeout=DEADLINE) as stack,
            ):
                stack.register(str(home), str(site), "libretranslate")
                stack.start_workers(
                    1,
                    {
                        "TRANSLATE_PUB_DB": db_url,
                        "LIBRETRANSLATE_URL": fake.url,
                        "TRANSLATE_PUB_HOME": str(home),
                        "PREFECT_LOGGING_LEVEL": "INFO",  # the run's log lines
                    },
                    kind,
                )  # the runs check their home
                run = stack.submit(
                    "translate/on-demand",
                    {"settings": {"home": str(home)}, "document_ids": doc_ids},
                )
                states = stack.wait([run])
                logs = stack.logs()
                sent = fake.stats.texts
                summary = "en: 21 machine-translated"
                wait_until(  # log lines reach the API in batches, after the final state
                    lambda: any(summary in m for m in stack.run_logs(run)),
                    DEADLINE,
                    "the run's summary in its Prefect log",
                )
            assert states == {run: "COMPLETED"}, logs
            tr = t.translations
            with store.begin() as conn:
                assert pending_segments(conn, "en") == []
                rows = conn.execute(
                    select(func.count(), func.count(tr.c.segment_id.distinct())).where(
                        tr.c.lang == "en", tr.c.text != ""
                    )
                ).one()
                assert tuple(rows) == (
                    3 * 7,
                    3 * 7,
                )  # a title and six sentences each, once
                assert status_counts(conn) == {
                    "en": {**dict.fromkeys(Status, 0), Status.MACHINE_TRANSLATED: 3}
                }
            assert sent == 3 * 7  # the worker really called the MT service
        finally:
            store.dispose()
