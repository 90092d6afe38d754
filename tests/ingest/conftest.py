"""A real HTTP server on 127.0.0.1 serving fixture pages, with the misbehaviours we must survive."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from translate_pub.ingest.fetch import Fetcher, HostLimiter
from translate_pub.net import Policy

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ingest"
LOCAL = Policy(
    frozenset({"127.0.0.1"})
)  # the test site, allowed as an outlets file can allow a host


@dataclass
class Reply:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    length: int | None = None  # a Content-Length that lies (or None: the true length)
    close_delimited: bool = False  # no Content-Length at all


@dataclass
class Site:
    """What the server answers per path (a list is served in order, the last one repeating)."""

    base: str = ""
    routes: dict[str, Reply | list[Reply]] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def add(self, path: str, *replies: Reply) -> str:
        self.routes[path] = list(replies) if len(replies) > 1 else replies[0]
        return self.base + path

    def fixture(
        self, path: str, name: str, content_type: str = "text/html; charset=utf-8", **kw
    ) -> str:
        body = (FIXTURES / name).read_bytes().replace(b"{base}", self.base.encode())
        return self.add(path, Reply(body, content_type=content_type, **kw))

    def hits(self, path: str) -> list[dict[str, str]]:
        return [h for p, h in self.requests if urlsplit(p).path == path]

    def reply(self, path: str) -> Reply:
        route = self.routes.get(urlsplit(path).path)
        if route is None:
            return Reply(b"<html><body>Not found</body></html>", status=404)
        if isinstance(route, list):
            return route.pop(0) if len(route) > 1 else route[0]
        return route


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            site.requests.append(
                (self.path, {k.lower(): v for k, v in self.headers.items()})
            )
            reply = site.reply(self.path)
            if reply.etag and self.headers.get("If-None-Match") == reply.etag:
                self.send_response(304)
                self.send_header("ETag", reply.etag)
                self.end_headers()
                return
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            if reply.etag:
                self.send_header("ETag", reply.etag)
            for k, v in reply.headers.items():
                self.send_header(k, v)
            if not reply.close_delimited:
                self.send_header(
                    "Content-Length",
                    str(reply.length if reply.length is not None else len(reply.body)),
                )
            self.end_headers()
            self.wfile.write(reply.body)

        def log_message(self, *_args: object) -> None:
            pass

    return Handler


@pytest.fixture
def site() -> Iterator[Site]:
    site = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
    )
    thread.start()
    yield site
    server.shutdown()
    server.server_close()


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def fetcher(sleeps: list[float]) -> Iterator[Fetcher]:
    """Polite as in production, except that waits are recorded instead of slept, and the test
    site on 127.0.0.1 is allowed as an outlets file can allow a host."""
    f = Fetcher(
        timeout=5,
        max_bytes=200_000,
        limiter=HostLimiter(0),
        sleep=sleeps.append,
        policy=LOCAL,
    )
    yield f
    f.close()
