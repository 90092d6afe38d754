"""Remote providers against the fake service: batching, retries, breaker, partial failure, auth."""

from __future__ import annotations

from dataclasses import replace

import pytest
from deep_translator import DeeplTranslator
from deep_translator.exceptions import AuthorizationException

from tests.fakes.mt_service import FakeMT
from tests.mt.support import FAST, mymemory_at
from translate_pub.errors import CircuitOpen, RateLimited
from translate_pub.mt.base import Rejected
from translate_pub.mt.deepl import DeepLEngine
from translate_pub.mt.libre import LibreEngine

SHORT = [f"В Москве задержали активиста номер {i}." for i in range(120)]


def test_many_segments_few_requests(fake: FakeMT) -> None:
    engine = LibreEngine(fake.url, limits=replace(FAST, max_chars=1000))
    out = engine.translate(SHORT, "ru", "en")
    assert all(o and "Moscow" in o for o in out)
    total = sum(map(len, SHORT))
    assert fake.stats.requests <= total // 900 + 1
    assert fake.stats.requests <= len(SHORT) / 10
    assert all(
        len(b["q"]) <= 50 and sum(map(len, b["q"])) <= 1000 for b in fake.stats.bodies
    )


def test_libre_sends_html_list_and_key(fake: FakeMT) -> None:
    fake.behaviour.libre_key = "k1"
    LibreEngine(fake.url, api_key="k1", limits=FAST).translate(
        ["Текст <1>ссылки</1>."], "ru", "en"
    )
    body = fake.stats.bodies[0]
    assert body == {
        "q": ["Текст <x1>ссылки</x1>."],
        "source": "ru",
        "target": "en",
        "format": "html",
        "api_key": "k1",
    }


def test_429_with_retry_after_is_retried(fake: FakeMT) -> None:
    fake.behaviour.script = [429, 429]
    fake.behaviour.retry_after = "0.01"
    engine = LibreEngine(fake.url, limits=FAST)
    assert engine.translate(["В Москве"], "ru", "en") == ["V Moscow"]
    assert fake.stats.statuses == {429: 2, 200: 1}
    assert engine.last_errors == []


def test_5xx_is_retried_with_backoff(fake: FakeMT) -> None:
    fake.behaviour.script = [500, 503, 502]
    assert LibreEngine(fake.url, limits=FAST).translate(["и"], "ru", "en") == ["and"]
    assert fake.stats.requests == 4


def test_retries_exhausted_leave_segments_missing_and_say_why(fake: FakeMT) -> None:
    fake.behaviour.script = [429] * 4
    engine = LibreEngine(fake.url, limits=FAST)
    assert engine.translate(["и", "в"], "ru", "en") == [None, None]
    assert isinstance(engine.last_errors[0], RateLimited)
    assert fake.stats.requests == 1 + FAST.retries


def test_partial_failure_keeps_finished_requests(fake: FakeMT) -> None:
    fake.behaviour.script = [
        200,
        500,
        500,
        500,
        500,
    ]  # the second request fails every attempt
    engine = LibreEngine(fake.url, limits=replace(FAST, max_items=2, concurrency=1))
    out = engine.translate(["и", "в", "и", "в", "и"], "ru", "en")
    assert out == ["and", "in", None, None, "and"]
    assert len(engine.last_errors) == 1


def test_circuit_opens_after_repeated_failures_and_stops_calling(fake: FakeMT) -> None:
    fake.behaviour.script = [500] * 100
    engine = LibreEngine(
        fake.url, limits=replace(FAST, failures_to_open=3, retries=5, concurrency=1)
    )
    assert engine.translate(["и"], "ru", "en") == [None]
    assert fake.stats.requests == 3
    assert engine.translate(["и", "в"], "ru", "en") == [None, None]
    assert fake.stats.requests == 3  # open: nothing sent
    assert isinstance(engine.last_errors[0], CircuitOpen)


def test_413_splits_the_request(fake: FakeMT) -> None:
    fake.behaviour.max_chars = 40
    texts = ["В Москве задержали", "и в Москве задержали", "в Москве"]
    out = LibreEngine(fake.url, limits=FAST).translate(texts, "ru", "en")
    assert out == ["V Moscow detained", "and in Moscow detained", "in Moscow"]
    assert fake.stats.statuses[413] >= 1


def test_a_text_too_big_alone_is_a_miss_not_a_crash(fake: FakeMT) -> None:
    fake.behaviour.max_chars = 5
    engine = LibreEngine(fake.url, limits=FAST)
    assert engine.translate(["и", "длинный текст"], "ru", "en") == ["and", None]
    assert "exceeds" in str(engine.last_errors[0])


def test_over_long_segment_split_at_sentences_and_joined(fake: FakeMT) -> None:
    text = "В Москве задержали. " * 20
    out = LibreEngine(fake.url, limits=replace(FAST, max_chars=100)).translate(
        [text.strip()], "ru", "en"
    )
    assert out == [("V Moscow detained. " * 20).strip()]
    assert all(sum(map(len, b["q"])) <= 100 for b in fake.stats.bodies)


def test_refusal_stops_the_other_requests(fake: FakeMT) -> None:
    fake.behaviour.libre_key = "right"
    engine = LibreEngine(
        fake.url, api_key="wrong", limits=replace(FAST, max_items=1, concurrency=1)
    )
    assert engine.translate(["и", "в", "и"], "ru", "en") == [None, None, None]
    assert fake.stats.requests == 1
    assert isinstance(engine.last_errors[0], Rejected)
    assert "wrong" not in str(engine.last_errors[0])  # keys never reach messages


def test_empty_output_is_a_miss(fake: FakeMT) -> None:
    fake.behaviour.empty_for = "в"
    assert LibreEngine(fake.url, limits=FAST).translate(["и", "в"], "ru", "en") == [
        "and",
        None,
    ]


def test_unreachable_server_is_retried_then_a_miss() -> None:
    engine = LibreEngine("http://127.0.0.1:9", limits=replace(FAST, retries=1))
    assert engine.translate(["и"], "ru", "en") == [None]
    assert "cannot reach" in str(engine.last_errors[0])


def test_deepl_uses_the_auth_header_and_xml_tags(fake: FakeMT) -> None:
    engine = DeepLEngine("secret:fx", fake.url, limits=FAST)
    assert engine.translate(["Текст <1>в</1> Москве<2/>"], "ru", "en") == [
        "Tekst <1>in</1> Moscow<2/>"
    ]
    assert fake.stats.headers[0]["Authorization"] == "DeepL-Auth-Key secret:fx"
    body = fake.stats.bodies[0]
    assert (
        "auth_key" not in body
        and body["tag_handling"] == "xml"
        and body["target_lang"] == "EN-GB"
    )


def test_deep_translator_deepl_is_refused_which_is_why_we_call_the_api(
    fake: FakeMT,
) -> None:
    translator = DeeplTranslator(source="ru", target="en", api_key="secret:fx")
    translator._base_url = f"{fake.url}/v2/"
    with pytest.raises(AuthorizationException):
        translator.translate("Привет")
    assert "auth_key" in fake.stats.bodies[0] or fake.stats.statuses == {403: 1}


def test_deepl_glossary_uploaded_once_and_applied(fake: FakeMT, glossary) -> None:  # type: ignore[no-untyped-def]
    engine = DeepLEngine("secret:fx", fake.url, limits=FAST)
    engine.use_glossary(glossary, "ru", "en")
    assert engine.translate(["Кавказский узел"], "ru", "en") == ["Caucasian Knot"]
    again = DeepLEngine("secret:fx", fake.url, limits=FAST)
    again.use_glossary(glossary, "ru", "en")
    assert len(fake.glossaries) == 1 and again.glossary_id == engine.glossary_id
    entries = next(iter(fake.glossaries.values()))["entries_map"]
    assert entries["ОВД-Инфо"] == "OVD-Info" and len(entries) == len(glossary.terms)
    again.translate(["Кавказский узел"], "ru", "uk")
    sent = [b for b in fake.stats.bodies if "text" in b]
    assert [b.get("glossary_id") for b in sent] == [
        engine.glossary_id,
        None,
    ]  # no ru→uk glossary exists


def test_deepl_bad_key_is_refused(fake: FakeMT) -> None:
    engine = DeepLEngine("wrong", fake.url, limits=FAST)
    assert engine.translate(["и"], "ru", "en") == [None]
    assert isinstance(engine.last_errors[0], Rejected)


def test_deep_translator_provider_one_text_a_request_with_retries(fake: FakeMT) -> None:
    fake.behaviour.script = [429, 500]
    engine = mymemory_at(fake.url)
    assert engine.translate(["В Москве", "и"], "ru", "en") == ["V Moscow", "and"]
    assert fake.stats.statuses == {429: 1, 500: 1, 200: 2}
    assert engine.last_errors == []


def test_deep_translator_provider_splits_at_its_char_cap(fake: FakeMT) -> None:
    text = "В Москве задержали. " * 40  # 800 characters; MyMemory takes 500
    assert mymemory_at(fake.url).translate([text.strip()], "ru", "en") == [
        ("V Moscow detained. " * 40).strip()
    ]
    assert fake.stats.translated == 2


def test_deep_translator_refusals_are_not_retried(fake: FakeMT) -> None:
    engine = mymemory_at(fake.url)
    assert engine.translate(["и"], "ru", "xx") == [None]
    assert isinstance(engine.last_errors[0], Rejected) and fake.stats.requests == 0


def test_concurrency_is_bounded(fake: FakeMT) -> None:
    fake.behaviour.latency = 0.02
    engine = LibreEngine(fake.url, limits=replace(FAST, max_items=1, concurrency=3))
    assert all(engine.translate(["и"] * 12, "ru", "en"))
    assert fake.stats.max_in_flight <= 3
    assert fake.stats.requests == 12


class Clock:
    """Provider time that sleeping advances at once."""

    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_retry_after_is_honoured_and_the_rate_kept(fake: FakeMT) -> None:
    fake.behaviour.script = [429]
    fake.behaviour.retry_after = "7"
    clock = Clock()
    engine = LibreEngine(
        fake.url,
        limits=replace(FAST, rate=2, burst=1, concurrency=1, max_items=1),
        clock=clock,
        sleep=clock.sleep,
    )
    assert engine.translate(["и", "в"], "ru", "en") == ["and", "in"]
    assert clock.slept == [
        pytest.approx(7.0),
        pytest.approx(0.5),
    ]  # the server's pause, then the rate
