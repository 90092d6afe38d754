"""Ingest throughput: documents/second from local files and from a local HTTP server,
and sentences/second for segmenting the OVD-Info 2013 report.

    .venv/bin/python benchmarks/ingest.py

Each document is distinct (its own canonical URL and text), so every one is
extracted, segmented and written to a fresh SQLite store. The HTTP run disables
the per-host rate limit, which would otherwise be the only thing measured.
"""

from __future__ import annotations

import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from translate_pub import config
from translate_pub.ingest.fetch import Fetcher, HostLimiter
from translate_pub.ingest.markdown import parse_markdown
from translate_pub.ingest.run import ingest
from translate_pub.net import Policy
from translate_pub.segment import segment_blocks
from translate_pub.store import Store

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "ingest"
REPORT_MD = (FIXTURES / "2013-04-23-report-2013-1.md").read_text(encoding="utf-8")
REPORT_HTML = (FIXTURES / "report-2013-1.html").read_text(encoding="utf-8")
N = 100


def fresh_store(home: Path) -> tuple[Store, config.Settings]:
    settings = config.load(home)
    store = Store(settings.db_url)
    store.migrate()
    return store, settings


def bench_files(tmp: Path) -> float:
    folder = tmp / "files"
    folder.mkdir()
    for i in range(N):
        text = REPORT_MD.replace(
            "title: Политические", f"title: Выпуск {i}. Политические"
        )
        (folder / f"2013-04-23-report-{i:03}.md").write_text(
            text + f"\nВыпуск номер {i}.\n", encoding="utf-8"
        )
    store, settings = fresh_store(tmp / "files-home")
    start = time.perf_counter()
    report = ingest(store, settings, [str(folder)], "OVD-Info")
    elapsed = time.perf_counter() - start
    assert report.count("created") == N, report.summary()
    return N / elapsed


def serve(pages: dict[str, bytes]) -> tuple[ThreadingHTTPServer, str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            body = pages.get(self.path)
            self.send_response(200 if body is not None else 404)
            self.send_header(
                "Content-Type",
                "application/rss+xml"
                if self.path.endswith(".xml")
                else "text/html; charset=utf-8",
            )
            self.send_header("Content-Length", str(len(body or b"")))
            self.end_headers()
            self.wfile.write(body or b"")

        def log_message(self, *_args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    ).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def bench_http(tmp: Path) -> float:
    pages: dict[str, bytes] = {}
    server, base = serve(pages)
    items = []
    for i in range(N):
        page = REPORT_HTML.replace(
            "https://ovdinfo.org/reports/2013/1?", f"https://ovdinfo.org/reports/{i}?"
        )
        page = page.replace(
            "</article>", f"<p>Выпуск номер {i} доклада ОВД-Инфо.</p></article>"
        )
        pages[f"/r/{i}.html"] = page.encode()
        items.append(
            f"<item><title>Доклад {i}</title><link>{base}/r/{i}.html</link></item>"
        )
    pages["/feed.xml"] = (
        f"<rss version='2.0'><channel><title>b</title>{''.join(items)}</channel></rss>".encode()
    )
    store, settings = fresh_store(tmp / "http-home")
    with Fetcher(
        limiter=HostLimiter(0), policy=Policy(frozenset({"127.0.0.1"}))
    ) as fetcher:  # a local site
        start = time.perf_counter()
        report = ingest(
            store, settings, [f"{base}/feed.xml"], "OVD-Info", fetcher=fetcher
        )
        elapsed = time.perf_counter() - start
    server.shutdown()
    assert report.count("created") == N, (report.summary(), report.errors[:3])
    return N / elapsed


def bench_segment(rounds: int = 20) -> tuple[float, int]:
    _meta, blocks = parse_markdown(REPORT_MD, "report")
    sentences = len(segment_blocks(blocks))
    start = time.perf_counter()
    for _ in range(rounds):
        segment_blocks(blocks)
    return sentences * rounds / (time.perf_counter() - start), sentences


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="tp-bench-") as tmp:
        files = bench_files(Path(tmp))
        http = bench_http(Path(tmp))
    per_second, sentences = bench_segment()
    print(f"local files:  {files:8.1f} documents/s  ({N} Markdown reports into SQLite)")
    print(
        f"local HTTP:   {http:8.1f} documents/s  ({N} pages via one RSS feed, trafilatura, SQLite)"
    )
    print(
        f"segmentation: {per_second:8.0f} sentences/s  (OVD-Info 2013 report, {sentences} sentences)"
    )


if __name__ == "__main__":
    main()
