"""MT layer against a rate-limited fake provider: how many requests, how fast, and nothing lost.

    .venv/bin/python benchmarks/mt.py

Translates the OVD-Info 2013 report (tests/fixtures/mt) through `translate_pending`
and the LibreTranslate engine, against the fake service of tests/fakes on 127.0.0.1
with 50 ms latency per request and a server-side limit of 10 requests/s:

  batched      the engine's packing (5,000 characters a request) vs
  per-segment  one request per segment (the naive client), same limits;
  each once clean and once with 20% of responses an injected 429 or 500.

Also times the offline `apertium` engine (one persistent pipeline) against one
`apertium` process per sentence, on the report's sentences.

Prints requests made, wall time (whole `translate_pending`, and the engine's share),
the rate-limit bound for the requests made ((requests - 1) / rate + latency: no
client can be faster), and lost segments. The clean batched run is repeated (its
median wall/bound is the figure; the first run in a process also pays one-time
costs such as compiling the glossary's check patterns), and the faulty runs are
repeated with different random seeds, because the batched run makes only a few requests.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fakes.mt_service import Behaviour, serve  # noqa: E402
from translate_pub.ingest.files import read_file  # noqa: E402
from translate_pub.mt.apertium import ApertiumEngine  # noqa: E402
from translate_pub.mt.libre import LibreEngine  # noqa: E402
from translate_pub.mt.pacing import Limits  # noqa: E402
from translate_pub.mt.pipeline import translate_pending  # noqa: E402
from translate_pub.store import Store  # noqa: E402
from translate_pub.store.documents import save_document  # noqa: E402
from translate_pub.store.translations import pending_segments  # noqa: E402
from translate_pub.terms.glossary import load_glossary  # noqa: E402
from translate_pub.terms.match import matcher_for  # noqa: E402

REPORT = ROOT / "tests" / "fixtures" / "mt" / "2013-04-23-report-2013-1.md"
GLOSSARY = ROOT / "tests" / "fixtures" / "terms" / "glossary.csv"  # ~300 real terms
LATENCY, RATE = 0.05, 10.0
CLEAN_RUNS = 5  # the batched run lasts 0.15 s: one run says more about the machine's load than the code
LIMITS = Limits(
    max_chars=5000,
    max_items=50,
    concurrency=4,
    rate=RATE,
    burst=1,
    retries=8,
    backoff=0.1,
)


class TimedLibre(LibreEngine):
    """The real engine, timed from its first request out to its last answer in.

    The pipeline takes the outputs request by request (`translate_stream`) and works on each
    while later requests are in flight, so this span is the engine's share of the wall time.
    """

    seconds = 0.0
    _first: float | None = None

    def request(self, texts, source_lang, target_lang):  # type: ignore[no-untyped-def]
        if self._first is None:
            self._first = time.perf_counter()
        return super().request(texts, source_lang, target_lang)

    def translate_stream(self, texts, source_lang, target_lang):  # type: ignore[no-untyped-def]
        self._first = last = None
        try:
            for finished in super().translate_stream(texts, source_lang, target_lang):
                last = (
                    time.perf_counter()
                )  # the caller's work on the last answer is not the engine's
                yield finished
        finally:
            if self._first is not None and last is not None:
                self.seconds += last - self._first


def run(
    label: str, limits: Limits, failure_rate: float, seed: int = 8
) -> tuple[int, int, int, float]:
    doc = read_file(REPORT, outlet="OVD-Info")
    glossary = load_glossary(GLOSSARY)
    matcher_for(glossary).find("прогрев")  # build the term matcher outside the timing
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{tmp}/bench.sqlite")
        store.migrate()
        with store.begin() as conn:
            save_document(conn, doc, ("en",))
        behaviour = Behaviour(
            latency=LATENCY,
            rate=RATE,
            burst=2,
            failure_rate=failure_rate,
            retry_after="0.2",
            seed=seed,
        )
        with serve(behaviour) as fake:
            engine = TimedLibre(fake.url, limits=limits)
            start = time.perf_counter()
            report = translate_pending(store, engine, glossary, "ru", "en")
            wall = time.perf_counter() - start
            with store.begin() as conn:
                lost = len(pending_segments(conn, "en"))
        store.dispose()
    segments = len(doc.segments)
    bound = (fake.stats.requests - 1) / RATE + LATENCY
    refused = sum(n for code, n in fake.stats.statuses.items() if code != 200)
    print(
        f"{label:<28} {fake.stats.requests:>3} requests ({refused:>2} refused, "
        f"{segments / fake.stats.translated:4.1f} segs/request)  wall {wall:5.2f} s (engine {engine.seconds:5.2f} s)"
        f"  bound {bound:5.2f} s  wall/bound {wall / bound:4.2f}  engine/bound {engine.seconds / bound:4.2f}"
        f"  lost {lost}"
    )
    assert report.machine + lost == segments
    return fake.stats.requests, refused, lost, wall / bound


def apertium_speed() -> None:
    sentences = [s.source for s in read_file(REPORT, outlet="OVD-Info").segments]
    engine = ApertiumEngine()
    engine.translate(sentences[:1], "ru", "uk")  # start the pipeline outside the timing
    start = time.perf_counter()
    out = engine.translate(sentences, "ru", "uk")
    persistent = (time.perf_counter() - start) / len(sentences)
    engine.close()
    start = time.perf_counter()
    for sentence in sentences[:10]:
        subprocess.run(
            ["apertium", "-f", "html", "rus-ukr"],
            input=sentence.encode(),
            capture_output=True,
            check=True,
        )
    separate = (time.perf_counter() - start) / 10
    print(
        f"apertium ru→uk: {persistent * 1000:.1f} ms/sentence persistent, {separate * 1000:.0f} ms/sentence "
        f"one process each; {sum(o is None for o in out)} of {len(out)} empty"
    )


def main() -> None:
    doc = read_file(REPORT, outlet="OVD-Info")
    print(
        f"{REPORT.name}: {len(doc.segments)} segments, {sum(len(s.source) for s in doc.segments)} characters; "
        f"fake service: {LATENCY * 1000:.0f} ms latency, {RATE:.0f} requests/s\n"
    )
    per_segment = replace(LIMITS, max_items=1)
    ratios = sorted(
        run(f"batched, clean, run {i + 1}", LIMITS, 0.0)[3] for i in range(CLEAN_RUNS)
    )
    print(
        f"batched, clean, {CLEAN_RUNS} runs: wall/bound median {statistics.median(ratios):.2f} "
        f"(min {ratios[0]:.2f}, max {ratios[-1]:.2f})\n"
    )
    run("per-segment, clean", per_segment, 0.0)
    totals = [0, 0, 0]
    for seed in range(10):
        for i, n in enumerate(
            run(f"batched, 20% faults, seed {seed}", LIMITS, 0.2, seed)[:3]
        ):
            totals[i] += n
    print(
        f"batched with faults, 10 runs: {totals[0]} requests, {totals[1]} refused, {totals[2]} segments lost\n"
    )
    run("per-segment, 20% faults", per_segment, 0.2)
    print()
    apertium_speed()


if __name__ == "__main__":
    main()
