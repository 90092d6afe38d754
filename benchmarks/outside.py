"""A flow run's time outside its flow, read from the states Prefect recorded for it (used
by benchmarks/scale.py).

Inside is Running → the run's final state (Prefect's own total_run_time). Outside is, per
run, from the moment a worker could have taken it to its Running state: from its creation
(Scheduled) or, when the worker that took it was still busy then, from that worker's
previous run's final state. That is the wait for the worker's next poll and the race for the
run (→ Pending), then its start (Pending → Running: the job's configuration, loading the
flow, the engine's first calls); the previous run's tail after its final state (until the
worker's slot is free again) falls into the next run's wait. Not counted: a worker idle
because no run is left for it, or a run waiting while every worker is busy with another.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import datetime
from typing import Any

WORKER_LABEL = "prefect.worker.name"


@dataclass(frozen=True)
class Timeline:
    """When one flow run was created, claimed, started and ended, and by which worker."""

    worker: str
    created: datetime
    claimed: datetime
    running: datetime
    ended: datetime

    @property
    def inside(self) -> float:
        return (self.ended - self.running).total_seconds()


def _stamp(state: dict[str, Any]) -> datetime:
    return datetime.fromisoformat(state["timestamp"])


def timeline(run: dict[str, Any], states: list[dict[str, Any]]) -> Timeline:
    """The timeline of `run` (the API's flow run) from its states (/flow_run_states/)."""
    states = sorted(states, key=_stamp)
    first = {}
    for state in states:
        first.setdefault(state["type"], _stamp(state))
    return Timeline(
        worker=run["labels"].get(WORKER_LABEL, "?"),
        created=first["SCHEDULED"],
        claimed=first["PENDING"],
        running=first["RUNNING"],
        ended=_stamp(states[-1]),
    )


def outside(timelines: list[Timeline]) -> list[tuple[float, float]]:
    """Per run, the seconds from when its worker could have taken it to its claim (Pending),
    and from its claim to Running."""
    free: dict[str, datetime] = {}
    parts = []
    for line in sorted(timelines, key=lambda line: line.running):
        ready = max(line.created, free.get(line.worker, line.created))
        parts.append(
            (
                (line.claimed - ready).total_seconds(),
                (line.running - line.claimed).total_seconds(),
            )
        )
        free[line.worker] = line.ended
    return parts


def summary(timelines: list[Timeline]) -> str:
    """One line: the runs' time inside the flow, and outside it (p50 and max, its parts)."""
    parts = outside(timelines)
    total = [wait + start for wait, start in parts]
    inside = statistics.median(line.inside for line in timelines)
    return (
        f"{len(timelines)} runs: inside the flow p50 {inside:.1f}s; outside it "
        f"p50 {statistics.median(total):.2f}s max {max(total):.2f}s (target ≤ 2 s): "
        f"wait to be claimed p50 {statistics.median(w for w, _ in parts):.2f}s "
        f"max {max(w for w, _ in parts):.2f}s, "
        f"claimed → running p50 {statistics.median(s for _, s in parts):.2f}s "
        f"max {max(s for _, s in parts):.2f}s; per run, in order "
        + " ".join(f"{wait:.1f}+{start:.1f}" for wait, start in parts)
    )
