"""Streaming MT: a request leaves as soon as it is full, and its drafts are saved while later ones fly."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace

from sqlalchemy import Connection

from tests.fakes.mt_service import FakeMT
from tests.mt.support import FAST, add_document
from translate_pub.model import Origin
from translate_pub.mt.base import Engine
from translate_pub.mt.batching import packed
from translate_pub.mt.libre import LibreEngine
from translate_pub.mt.pipeline import translate_pending
from translate_pub.store import Store
from translate_pub.store.review import editor_rows
from translate_pub.store.translations import (
    MachineDraft,
    pending_segments,
    save_machine,
    save_machines,
)
from translate_pub.terms.glossary import Glossary


def test_packed_yields_a_full_request_before_later_texts_are_made() -> None:
    made: list[int] = []

    def texts() -> Iterator[str]:
        for i in range(5):
            made.append(i)
            yield "слово " * 10  # 60 characters: two fit in 130

    requests = packed(texts(), max_chars=130, max_items=50)
    assert [p.index for p in next(requests)] == [0, 1]
    assert made == [
        0,
        1,
        2,
    ]  # the third text closed the first request; the others do not exist yet
    assert [[p.index for p in r] for r in requests] == [[2, 3], [4]]


def test_stream_gives_each_request_s_texts_once_and_a_split_text_with_its_last_part(
    fake: FakeMT,
) -> None:
    engine = LibreEngine(
        fake.url, limits=replace(FAST, max_chars=40, max_items=2, concurrency=1)
    )
    texts = ["Один.", "Два.", "Первое предложение тут. Второе предложение там.", "Три."]
    parts = list(engine.translate_stream(iter(texts), "ru", "en"))
    # Requests: [0, 1], [first half of 2], [second half of 2, 3]: text 2 comes with its last part.
    assert [sorted(p) for p in parts] == [[0, 1], [2, 3]]
    assert [len(b["q"]) for b in fake.stats.bodies] == [2, 1, 2]
    joined = {i: out for p in parts for i, out in p.items()}
    assert [joined[i] for i in range(4)] == engine.translate(texts, "ru", "en")
    assert joined[2] is not None and joined[2].count(" ") >= 5


def test_a_caller_that_stops_listening_stops_the_requests_not_yet_sent(
    fake: FakeMT,
) -> None:
    # One request at a time, ten a second: the third cannot have left when the caller gives up.
    engine = LibreEngine(
        fake.url, limits=replace(FAST, max_items=1, concurrency=1, rate=10.0, burst=1)
    )
    stream = engine.translate_stream(["Один.", "Два.", "Три."], "ru", "en")
    assert next(stream) == {0: "Odin."}
    stream.close()
    assert fake.stats.requests < 3


def drafted(conn: Connection, doc_id: int) -> list[str]:
    """The document's English drafts, in order, as far as they are saved."""
    return [r.text for r in editor_rows(conn, doc_id, "en") if r.translation_id]


class TwoStepProvider(Engine):
    """A streaming provider whose second answer comes after it has looked at what the store holds."""

    name, version = "two-step", "1"

    def __init__(self, store: Store, doc_id: int) -> None:
        self.store, self.doc_id = store, doc_id
        self.seen_between: list[str] = []

    def translate(
        self, texts: Sequence[str], source_lang: str, target_lang: str
    ) -> list[str | None]:
        return [f"EN: {x}" for x in texts]

    def translate_stream(
        self, texts: Iterable[str], source_lang: str, target_lang: str
    ) -> Iterator[dict[int, str | None]]:
        given = list(texts)
        yield {0: f"EN: {given[0]}"}
        with (
            self.store.begin() as conn
        ):  # another connection: it sees only what was committed
            self.seen_between = drafted(conn, self.doc_id)
        yield {i: f"EN: {x}" for i, x in enumerate(given) if i}


def test_first_answer_is_committed_while_later_requests_are_in_flight(
    store: Store, glossary: Glossary
) -> None:
    doc_id = add_document(store, ["Первое.", "Второе.", "Третье."])
    provider = TwoStepProvider(store, doc_id)
    report = translate_pending(store, provider, glossary, "ru", "en")
    assert provider.seen_between == ["EN: Первое."]
    assert report.machine == 3 and report.missed == 0
    with store.begin() as conn:
        assert drafted(conn, doc_id) == ["EN: Первое.", "EN: Второе.", "EN: Третье."]


def test_save_machines_keeps_text_fills_misses_and_says_what_it_saved(
    store: Store,
) -> None:
    doc_id = add_document(store, ["Первое.", "Второе.", "Третье."])
    with store.begin() as conn:
        kept, miss, new = (p.segment_id for p in pending_segments(conn, "en"))
        save_machine(
            conn,
            kept,
            "en",
            "Kept.",
            origin=Origin.MACHINE,
            engine="e",
            glossary_version="v",
        )
        save_machine(
            conn,
            miss,
            "en",
            "",
            origin=Origin.MACHINE,
            engine="e",
            glossary_version="v",
        )
    drafts = [
        MachineDraft(s, f"New {s}.", Origin.MACHINE, "f", "v")
        for s in (kept, miss, new)
    ]
    with store.begin() as conn:
        assert save_machines(conn, "en", drafts) == {miss, new}
        assert (
            save_machines(conn, "en", drafts) == set()
        )  # nothing is overwritten on a rerun
        got = {
            r.segment_id: (r.text, r.version) for r in editor_rows(conn, doc_id, "en")
        }
    assert got == {
        kept: ("Kept.", 1),
        miss: (f"New {miss}.", 2),
        new: (f"New {new}.", 1),
    }
