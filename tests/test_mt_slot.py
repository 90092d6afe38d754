"""A translate batch takes a slot of the provider's limit only where the limit exists
(translate_pub_flows.translate.mt_limited): with none, no lease is written on the server."""

from __future__ import annotations

import pytest

from translate_pub.cli.core import init_store
from translate_pub.cli.demo import SAMPLES

pytestmark = pytest.mark.flow


def test_a_batch_takes_a_slot_only_where_the_provider_has_a_limit(
    settings, prefect_server, monkeypatch
):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.actions import GlobalConcurrencyLimitCreate

    import translate_pub_flows.translate as translate_module
    from translate_pub_flows.ingest import ingest_flow
    from translate_pub_flows.translate import mt_limit_name, mt_limited, translate_flow

    taken: list[str] = []
    real = translate_module.concurrency

    def counted(name: str, **kwargs: object):  # type: ignore[no-untyped-def]
        taken.append(name)  # Prefect's own slot, counted and still taken
        return real(name, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(translate_module, "concurrency", counted)
    init_store(settings)
    samples = sorted(str(p) for p in SAMPLES.glob("flores-*.md"))
    ingest_flow(settings, samples[:1], "demo")
    engine = "recorded"
    name = mt_limit_name(engine)
    with get_client(sync_client=True) as client:
        for limit in client.read_global_concurrency_limits(limit=100):
            if limit.name == name:  # another test's deploy made it
                client.delete_global_concurrency_limit_by_name(name)
        assert not mt_limited(engine)
        assert translate_flow(settings, engine, ["en"])["en"].documents
        assert taken == []  # no limit: no slot, no lease

        client.create_global_concurrency_limit(
            GlobalConcurrencyLimitCreate(name=name, limit=1)
        )
        try:
            assert mt_limited(engine)
            ingest_flow(settings, samples[1:2], "demo")
            assert translate_flow(settings, engine, ["en"])["en"].documents
            used = client.read_global_concurrency_limit_by_name(name)
            assert used.active_slots == 0  # taken and given back
            assert taken and set(taken) == {name}
        finally:
            client.delete_global_concurrency_limit_by_name(name)
