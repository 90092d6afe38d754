"""Machine-translate what is pending: memory first, then the cache, then the engine, in batches.

Drafts are committed as each engine request comes back (memory and cache answers
before the engine is called), so a crash or an outage loses at most the requests
in flight, and a rerun asks the engine only for segments still without a draft
(and the cache answers for any it already paid for). When the provider's circuit
opens or it refuses us, the run stops and the rest stays pending.

The engine's wait is the run's critical path: a streaming engine takes the texts
lazily (its first request leaves before the later texts' terms are matched) and
hands back each request's outputs, whose house style, QA and saving then overlap
the requests still in flight.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from translate_pub.errors import CircuitOpen
from translate_pub.model import Origin, Status
from translate_pub.mt.base import Engine, Rejected
from translate_pub.mt.draft import (
    Draft,
    draft_stream,
    engine_label,
    find_terms,
    finish,
    prepare,
)
from translate_pub.store import Store
from translate_pub.store.leases import claim, new_holder, release, renew
from translate_pub.store.mt_cache import cached, remember
from translate_pub.store.queue import document_ids as document_ids_at
from translate_pub.store.translations import (
    MachineDraft,
    Pending,
    memory_lookups,
    pending_segments,
    save_machines,
)
from translate_pub.store.workflow import mark_machine_translated
from translate_pub.terms.glossary import Glossary
from translate_pub.tracking import Tracker

BATCH = 200  # segments looked up and given to the engine at once; it packs them into few requests


@dataclass
class TranslateReport:
    machine: int = 0
    memory: int = 0
    cached: int = 0
    missed: int = 0
    documents: list[int] = field(default_factory=list)  # now MACHINE_TRANSLATED
    errors: list[str] = field(
        default_factory=list
    )  # distinct provider errors, in order
    stopped: bool = False  # the provider was given up on; later batches were not sent
    elsewhere: int = (
        0  # segments another run at the same time had claimed (or drafted meanwhile)
    )

    @classmethod
    def total(cls, reports: Iterable[TranslateReport]) -> TranslateReport:
        """One report for several runs (the batches of one language)."""
        total = cls()
        for r in reports:
            total.machine += r.machine
            total.memory += r.memory
            total.cached += r.cached
            total.missed += r.missed
            total.elsewhere += r.elsewhere
            total.documents += r.documents
            total.errors += [e for e in r.errors if e not in total.errors]
            total.stopped = total.stopped or r.stopped
        return total

    def summary(self, lang: str) -> str:
        line = (
            f"{lang}: {self.machine} machine-translated, {self.cached} from the MT cache, "
            f"{self.memory} from memory, {self.missed} untranslated (no engine output), "
            f"{len(self.documents)} documents queued"
        )
        if self.elsewhere:
            line += f", {self.elsewhere} left to a run at the same time"
        if self.errors:
            # The last error is the one that stopped the run, or the latest of several.
            line += f"; {'stopped: ' if self.stopped else ''}{self.errors[-1]}"
            line += (
                f" (+{len(self.errors) - 1} earlier)" if len(self.errors) > 1 else ""
            )
        return line


def translate_pending(
    store: Store,
    engine: Engine,
    glossary: Glossary,
    source_lang: str,
    lang: str,
    document_ids: list[int] | None = None,
    *,
    batch_size: int = BATCH,
) -> TranslateReport:
    report = TranslateReport()
    with store.begin() as conn:
        pending = pending_segments(conn, lang, document_ids, source_lang=source_lang)
    if pending:
        prepare(engine, glossary, source_lang, lang)
    tracker, holder = (
        Tracker(f"translate {source_lang}→{lang}", len(pending)),
        new_holder(),
    )
    for start in range(0, len(pending), batch_size):
        chunk = pending[start : start + batch_size]
        batch = _claim(store, lang, chunk, holder)
        report.elsewhere += len(chunk) - len(batch)
        tracker.advance(len(chunk) - len(batch))
        try:
            if batch:
                _translate_batch(
                    store,
                    engine,
                    glossary,
                    source_lang,
                    lang,
                    batch,
                    report,
                    tracker,
                    holder,
                )
        finally:
            with store.begin() as conn:
                release(conn, lang, [p.segment_id for p in batch], holder)
        if report.stopped:
            report.missed += len(pending) - start - len(chunk)
            break
    with store.begin() as conn:
        # NEW documents fully drafted by an earlier, interrupted run are queued too.
        waiting = set(document_ids_at(conn, lang, (Status.NEW,)))
        if document_ids is not None:
            waiting &= set(document_ids)
        report.documents = mark_machine_translated(
            conn, {p.document_id for p in pending} | waiting, lang
        )
    return report


def _claim(
    store: Store, lang: str, chunk: Sequence[Pending], holder: str
) -> list[Pending]:
    """The segments of `chunk` this run sends: those it could claim that still have no draft
    (a run at the same time holds, or has just drafted, the others)."""
    with store.begin() as conn:
        mine = claim(conn, lang, [p.segment_id for p in chunk], holder)
        still = {
            p.segment_id
            for p in pending_segments(
                conn, lang, sorted({p.document_id for p in chunk})
            )
        }
        release(conn, lang, mine - still, holder)
    return [p for p in chunk if p.segment_id in mine & still]


def _translate_batch(
    store: Store,
    engine: Engine,
    glossary: Glossary,
    source_lang: str,
    lang: str,
    batch: Sequence[Pending],
    report: TranslateReport,
    tracker: Tracker,
    holder: str,
) -> None:
    saver = _Saver(
        store,
        lang,
        source_lang,
        engine_label(engine),
        glossary.version,
        tracker,
        holder,
    )
    for p in batch:
        saver.segments.setdefault(p.source, []).append(p.segment_id)
    with store.begin() as conn:
        remembered = memory_lookups(conn, saver.segments, lang)
        wanted = [src for src in saver.segments if not remembered.get(src)]
        known = cached(conn, saver.label, source_lang, lang, glossary.version, wanted)
    saver.save({src: Draft(text) for src, text in remembered.items() if text}, "memory")
    saver.save(
        {
            src: finish(engine, out, terms, glossary, lang)
            for (src, out), terms in zip(
                known.items(),
                find_terms(glossary, list(known), source_lang),
                strict=True,
            )
        },
        "cached",
    )
    unique = [src for src in wanted if src not in known]
    missed: dict[str, Draft] = {}
    # Terms are matched as the engine takes each text, and each request's drafts are saved (and
    # cached) while the later requests are still in flight.
    for finished in draft_stream(engine, glossary, unique, source_lang, lang):
        drafts = {unique[i]: d for i, d in finished.items()}
        saver.save(
            {src: d for src, d in drafts.items() if d.text is not None}, "machine"
        )
        missed.update({src: d for src, d in drafts.items() if d.text is None})
    report.missed += sum(len(saver.segments[src]) for src in missed)
    # Without a provider error, a None is the engine's honest miss: recorded as an empty draft so the
    # document can be queued with the segment shown untranslated (a later run retries it). After an
    # error the segments get no row at all: they are simply still pending.
    if not engine.last_errors:
        saver.save(missed, "machine")
    _note_errors(engine, report)
    report.memory += saver.saved["memory"]
    report.cached += saver.saved["cached"]
    report.machine += saver.saved["machine"]


@dataclass
class _Saver:
    """Saves a batch's drafts a part at a time, each part in its own transaction, and counts them."""

    store: Store
    lang: str
    source_lang: str
    label: str  # the engine's name and version
    glossary_version: str
    tracker: Tracker  # advanced by every segment given a draft (or a recorded miss)
    holder: str  # this run's leases, renewed with every save
    segments: dict[str, list[int]] = field(
        default_factory=dict
    )  # source text → pending segment ids
    saved: Counter[str] = field(default_factory=Counter)  # kind → segments given text

    def save(self, drafts: dict[str, Draft], kind: str) -> None:
        """Drafts by source text; `kind` is memory, cached or machine (fresh output, also cached)."""
        origin, engine = (
            (Origin.MEMORY, "memory")
            if kind == "memory"
            else (Origin.MACHINE, self.label)
        )
        rows = [
            MachineDraft(
                segment_id, d.text or "", origin, engine, self.glossary_version
            )
            for src, d in drafts.items()
            for segment_id in self.segments[src]
        ]
        if not rows:
            return
        with self.store.begin() as conn:
            done = save_machines(conn, self.lang, rows)
            renew(conn, self.lang, self.holder)
            if kind == "machine":
                remember(
                    conn,
                    self.label,
                    self.source_lang,
                    self.lang,
                    self.glossary_version,
                    {src: d.text for src, d in drafts.items() if d.text},
                )
        self.saved[kind] += sum(1 for r in rows if r.segment_id in done and r.text)
        self.tracker.advance(len(rows))


def _note_errors(engine: Engine, report: TranslateReport) -> None:
    for exc in engine.last_errors:
        if str(exc) not in report.errors:
            report.errors.append(str(exc))
        if isinstance(exc, CircuitOpen | Rejected):
            report.stopped = True
