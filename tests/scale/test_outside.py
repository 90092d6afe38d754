"""benchmarks/outside.py: a flow run's time outside its flow, from its Prefect states,
counts from when its worker could take it, not from its creation while its worker was busy
with another run; a worker's idle time with no run left is not counted."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from benchmarks.outside import outside, timeline

T0 = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)


def states(**at: float) -> list[dict[str, str]]:
    """API states of one run, each at `at[type]` seconds after T0."""
    return [
        {"type": kind.upper(), "timestamp": (T0 + timedelta(seconds=s)).isoformat()}
        for kind, s in at.items()
    ]


def run(worker: str) -> dict[str, object]:
    return {"labels": {"prefect.worker.name": worker}}


def test_a_queued_run_counts_from_its_workers_previous_run_end():
    first = timeline(
        run("a"), states(scheduled=0, pending=0.5, running=1.0, completed=4.0)
    )
    queued = timeline(
        run("a"), states(scheduled=0.1, pending=4.3, running=4.6, completed=7.0)
    )
    other = timeline(
        run("b"), states(scheduled=0.2, pending=1.2, running=1.4, completed=3.0)
    )
    assert [(round(w, 2), round(s, 2)) for w, s in outside([queued, other, first])] == [
        (0.5, 0.5),
        (1.0, 0.2),
        (0.3, 0.3),
    ]
    assert first.inside == 3.0
