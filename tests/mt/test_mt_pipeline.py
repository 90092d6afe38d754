"""translate_pending with a real store: memory, cache, glossary QA, partial failure and reruns."""

from __future__ import annotations

from dataclasses import replace

from tests import steps
from tests.fakes.mt_service import FakeMT
from tests.mt.support import FAST, FIXTURES, add_document
from translate_pub.model import Origin, Status
from translate_pub.mt.apertium import ApertiumEngine
from translate_pub.mt.libre import LibreEngine
from translate_pub.mt.pipeline import translate_pending
from translate_pub.mt.recorded import RecordedEngine
from translate_pub.store import Store
from translate_pub.store.queue import document_ids
from translate_pub.store.review import EditorRow, editor_rows
from translate_pub.store.translations import (
    edit_translation,
    get_status,
    pending_segments,
    save_machine,
)
from translate_pub.terms.glossary import Glossary

REPORTED = "Корреспондент «Кавказского узла» сообщил из Чечни."


def rows(store: Store, lang: str = "en") -> list[EditorRow]:
    """Every translation in `lang`, document by document in the editor's order."""
    with store.begin() as conn:
        return [
            r
            for doc_id in document_ids(conn, lang, tuple(Status))
            for r in editor_rows(conn, doc_id, lang)
            if r.translation_id
        ]


def test_terms_are_shielded_and_restored(
    store: Store, fake: FakeMT, glossary: Glossary
) -> None:
    add_document(store, [REPORTED])
    translate_pending(store, LibreEngine(fake.url, limits=FAST), glossary, "ru", "en")
    assert fake.stats.bodies[0]["q"] == [
        "Корреспондент «<x900>Caucasian Knot</x900>» сообщил из <x901>Chechnya</x901>."
    ]
    [row] = rows(store)
    assert row.text == "Korrespondent «Caucasian Knot» soobshchil iz Chechnya."
    assert (row.origin, row.engine) == ("machine", "libretranslate 127.0.0.1")


def test_replayed_output_gets_house_style_and_leaves_violations_to_review(
    store: Store, glossary: Glossary
) -> None:
    add_document(
        store, ["В Чечне задержали двух активистов.", "Об этом сообщает ОВД-Инфо."]
    )
    report = translate_pending(
        store, RecordedEngine(FIXTURES / "recorded.tsv"), glossary, "ru", "en"
    )
    assert report.machine == 2
    fixed, missing = rows(store)
    assert (
        fixed.text == "Two activists were detained in Chechnya."
    )  # "Chechnia" is banned
    assert (
        "ОВД-Инфо" not in missing.text
    )  # the violation is the review app's to flag, checked afresh there


def test_approved_human_translation_is_used_before_mt(
    store: Store, fake: FakeMT, glossary: Glossary
) -> None:
    first = add_document(
        store,
        ["В Москве задержали.", "Другое предложение."],
        url="https://example.org/1",
    )
    translate_pending(store, LibreEngine(fake.url, limits=FAST), glossary, "ru", "en")
    with store.begin() as conn:
        tr = rows(store)[0]
        edit_translation(
            conn,
            tr.translation_id,
            "Detentions in Moscow.",
            user="anna",
            expected_version=tr.version,
        )
        steps.approve(conn, first, "en")
    sent_before = fake.stats.texts
    add_document(
        store,
        ["В Москве задержали.", "Новое предложение."],
        url="https://example.org/2",
    )
    report = translate_pending(
        store, LibreEngine(fake.url, limits=FAST), glossary, "ru", "en"
    )
    assert (report.memory, report.machine) == (1, 1)
    assert fake.stats.texts == sent_before + 1
    memory = rows(store)[2]
    assert (memory.text, memory.origin, memory.engine) == (
        "Detentions in Moscow.",
        Origin.MEMORY.value,
        "memory",
    )


def test_cache_means_never_paying_twice(
    store: Store, fake: FakeMT, glossary: Glossary
) -> None:
    sentences = ["В Москве задержали.", REPORTED]
    add_document(store, sentences, url="https://example.org/1")
    translate_pending(store, LibreEngine(fake.url, limits=FAST), glossary, "ru", "en")
    requests = fake.stats.requests
    add_document(store, sentences, url="https://example.org/2")
    report = translate_pending(
        store, LibreEngine(fake.url, limits=FAST), glossary, "ru", "en"
    )
    assert (report.cached, report.machine, fake.stats.requests) == (2, 0, requests)
    first, second = rows(store)[:2], rows(store)[2:]
    assert [r.text for r in first] == [r.text for r in second]
    other = Glossary(terms=glossary.terms, version="another version")
    add_document(store, sentences, url="https://example.org/3")
    assert (
        translate_pending(
            store, LibreEngine(fake.url, limits=FAST), other, "ru", "en"
        ).machine
        == 2
    )


def test_repeated_sentences_sent_once(
    store: Store, fake: FakeMT, glossary: Glossary
) -> None:
    add_document(
        store, ["Фото: ОВД-Инфо", "Текст.", "Фото: ОВД-Инфо", "Фото: ОВД-Инфо"]
    )
    report = translate_pending(
        store, LibreEngine(fake.url, limits=FAST), glossary, "ru", "en"
    )
    assert report.machine == 4
    assert fake.stats.texts == 2


def test_outage_keeps_finished_work_and_a_rerun_sends_only_the_rest(
    store: Store, fake: FakeMT, glossary: Glossary
) -> None:
    sentences = [f"Предложение {i}." for i in range(10)]
    doc = add_document(store, sentences)
    fake.behaviour.script = [200, 200, 500, 500]
    fragile = replace(FAST, max_items=1, concurrency=1, retries=0, failures_to_open=2)
    report = translate_pending(
        store, LibreEngine(fake.url, limits=fragile), glossary, "ru", "en", batch_size=3
    )
    assert (report.machine, report.missed, report.stopped) == (2, 8, True)
    assert "failing repeatedly" in report.summary("en")
    with store.begin() as conn:
        assert len(pending_segments(conn, "en")) == 8
        assert get_status(conn, doc, "en").status == Status.NEW
    sent = fake.stats.texts
    report = translate_pending(
        store, LibreEngine(fake.url, limits=FAST), glossary, "ru", "en"
    )
    assert (report.machine, report.missed, report.documents) == (8, 0, [doc])
    assert fake.stats.texts - sent == 8
    assert [r.text for r in rows(store)] == [f"Predlozheniye {i}." for i in range(10)]


def test_refused_provider_stops_the_run(
    store: Store, fake: FakeMT, glossary: Glossary
) -> None:
    fake.behaviour.libre_key = "right"
    add_document(store, [f"Предложение {i}." for i in range(5)])
    report = translate_pending(
        store,
        LibreEngine(fake.url, "wrong", limits=FAST),
        glossary,
        "ru",
        "en",
        batch_size=2,
    )
    assert (report.machine, report.missed, report.stopped) == (0, 5, True)
    assert fake.stats.requests == 1


def test_apertium_drafts_ukrainian_labelled_and_with_house_terms(
    store: Store, glossary: Glossary
) -> None:
    doc = add_document(
        store,
        ["По данным ОВД-Инфо, задержанных доставили в <1>отдел полиции</1>."],
        targets=("en", "uk"),
    )
    engine = ApertiumEngine()
    report = translate_pending(store, engine, glossary, "ru", "uk")
    engine.close()
    assert report.documents == [doc]
    [row] = rows(store, "uk")
    assert "ОВД-Інфо" in row.text and "<1>відділ поліції</1>" in row.text
    assert row.engine.startswith("apertium rus-ukr") and "rule-based" in row.engine
    with store.begin() as conn:
        assert len(pending_segments(conn, "en")) == 1  # the other language is untouched


def test_honest_miss_recorded_so_the_document_is_queued(
    store: Store, glossary: Glossary
) -> None:
    doc = add_document(
        store, ["В Чечне задержали двух активистов.", "Этого нет в записи."]
    )
    report = translate_pending(
        store, RecordedEngine(FIXTURES / "recorded.tsv"), glossary, "ru", "en"
    )
    assert (report.machine, report.missed, report.documents) == (1, 1, [doc])
    assert [r.text for r in rows(store)] == [
        "Two activists were detained in Chechnya.",
        "",
    ]
    with store.begin() as conn:
        assert [p.source for p in pending_segments(conn, "en")] == [
            "Этого нет в записи."
        ]  # retried later


def test_document_drafted_by_an_interrupted_run_is_queued(
    store: Store, glossary: Glossary
) -> None:
    doc = add_document(store, ["В Чечне задержали двух активистов."])
    with store.begin() as conn:
        [p] = pending_segments(conn, "en")
        save_machine(
            conn,
            p.segment_id,
            "en",
            "Drafted before the crash.",
            origin=Origin.MACHINE,
            engine="recorded",
            glossary_version=glossary.version,
        )  # committed, then the run died
    report = translate_pending(
        store, RecordedEngine(FIXTURES / "recorded.tsv"), glossary, "ru", "en"
    )
    assert report.documents == [doc]
    other = add_document(store, ["Другой."], url="https://example.org/other")
    assert (
        translate_pending(
            store,
            RecordedEngine(FIXTURES / "recorded.tsv"),
            glossary,
            "ru",
            "en",
            document_ids=[doc],
        ).documents
        == []
    )
    with store.begin() as conn:
        assert get_status(conn, other, "en").status == Status.NEW
