"""Machine-translate what is pending: memory first, then the cache, then the engine, in batches.

Each batch is committed on its own, so a crash or an outage loses at most the
batch in flight, and a rerun asks the engine only for segments still without a
draft (and the cache answers for any it already paid for). When the provider's
circuit opens or it refuses us, the run stops and the rest stays pending.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from translate_pub.errors import CircuitOpen
from translate_pub.model import Origin, Status
from translate_pub.mt.base import Engine, Rejected, last_errors
from translate_pub.mt.draft import Draft, draft, engine_label, find_terms, finish, prepare
from translate_pub.store import Store
from translate_pub.store.mt_cache import cached, remember
from translate_pub.store.queue import document_ids as document_ids_at
from translate_pub.store.translations import (
    Pending,
    mark_machine_translated,
    memory_lookup,
    pending_segments,
    save_machine,
)
from translate_pub.terms.glossary import Glossary

BATCH = 200  # segments per commit; the engine packs them into as few requests as its caps allow


@dataclass
class TranslateReport:
    machine: int = 0
    memory: int = 0
    cached: int = 0
    missed: int = 0
    documents: list[int] = field(default_factory=list)  # now MACHINE_TRANSLATED
    errors: list[str] = field(default_factory=list)  # distinct provider errors, in order
    stopped: bool = False  # the provider was given up on; later batches were not sent

    def summary(self, lang: str) -> str:
        line = (f"{lang}: {self.machine} machine-translated, {self.cached} from the MT cache, "
                f"{self.memory} from memory, {self.missed} untranslated (no engine output), "
                f"{len(self.documents)} documents queued")
        if self.errors:
            # The last error is the one that stopped the run, or the latest of several.
            line += f"; {'stopped: ' if self.stopped else ''}{self.errors[-1]}"
            line += f" (+{len(self.errors) - 1} earlier)" if len(self.errors) > 1 else ""
        return line


def translate_pending(store: Store, engine: Engine, glossary: Glossary, source_lang: str, lang: str,
                      document_ids: list[int] | None = None, *, batch_size: int = BATCH) -> TranslateReport:
    report = TranslateReport()
    with store.begin() as conn:
        pending = pending_segments(conn, lang, document_ids)
    if pending:
        prepare(engine, glossary, source_lang, lang)
    for start in range(0, len(pending), batch_size):
        batch = pending[start:start + batch_size]
        _translate_batch(store, engine, glossary, source_lang, lang, batch, report)
        if report.stopped:
            report.missed += len(pending) - start - len(batch)
            break
    with store.begin() as conn:
        # NEW documents fully drafted by an earlier, interrupted run are queued too.
        waiting = set(document_ids_at(conn, lang, (Status.NEW,)))
        if document_ids is not None:
            waiting &= set(document_ids)
        report.documents = mark_machine_translated(conn, {p.document_id for p in pending} | waiting, lang)
    return report


def _translate_batch(store: Store, engine: Engine, glossary: Glossary, source_lang: str, lang: str,
                     batch: Sequence[Pending], report: TranslateReport) -> None:
    label = engine_label(engine)
    with store.begin() as conn:
        remembered = {p.segment_id: memory_lookup(conn, p.source, lang) for p in batch}
        known = cached(conn, label, source_lang, lang, glossary.version,
                       {p.source for p in batch if not remembered[p.segment_id]})
    unique = list(dict.fromkeys(p.source for p in batch if not remembered[p.segment_id] and p.source not in known))
    matches = dict(zip(unique, find_terms(glossary, unique, source_lang), strict=True))
    fresh = dict(zip(unique, draft(engine, glossary, unique, source_lang, lang, list(matches.values())),
                     strict=True))
    # Without a provider error, a None is the engine's honest miss: recorded as an empty draft so the
    # document can be queued with the segment shown untranslated (a later run retries it). After an
    # error the segments get no row at all: they are simply still pending.
    honest = not last_errors(engine)
    _note_errors(engine, report)
    with store.begin() as conn:
        for p in batch:
            text = remembered[p.segment_id]
            if text:
                report.memory += save_machine(conn, p.segment_id, lang, text, origin=Origin.MEMORY,
                                              engine="memory", glossary_version=glossary.version)
                continue
            result = _result(p.source, known, fresh, engine, glossary, source_lang, lang)
            if result.text is None:
                report.missed += 1
                if honest:
                    save_machine(conn, p.segment_id, lang, "", origin=Origin.MACHINE, engine=label,
                                 glossary_version=glossary.version)
            elif save_machine(conn, p.segment_id, lang, result.text, origin=Origin.MACHINE, engine=label,
                              glossary_version=glossary.version, qa=result.qa):
                if p.source in known:
                    report.cached += 1
                else:
                    report.machine += 1
        remember(conn, label, source_lang, lang, glossary.version,
                 {src: d.text for src, d in fresh.items() if d.text is not None})


def _result(source: str, known: dict[str, str], fresh: dict[str, Draft], engine: Engine, glossary: Glossary,
            source_lang: str, lang: str) -> Draft:
    if source in known:
        return finish(engine, known[source], find_terms(glossary, [source], source_lang)[0], glossary, lang)
    return fresh[source]


def _note_errors(engine: Engine, report: TranslateReport) -> None:
    for exc in last_errors(engine):
        if str(exc) not in report.errors:
            report.errors.append(str(exc))
        if isinstance(exc, CircuitOpen | Rejected):
            report.stopped = True
