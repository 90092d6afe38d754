"""Deployment: SigV4 signing against AWS's published example, S3 sync against a local fake, rsync."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from translate_pub import config
from translate_pub.config import Settings
from translate_pub.errors import ConfigError
from translate_pub.publish import deploy, search
from translate_pub.store import Store

from .newsroom import DETENTIONS, build_newsroom, publish


def test_sigv4_matches_the_aws_documentation_example(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import botocore.auth

    monkeypatch.setattr(
        botocore.auth, "get_current_datetime", lambda: datetime(2013, 5, 24, tzinfo=UTC)
    )
    headers = deploy.sign(
        "GET",
        "https://examplebucket.s3.amazonaws.com/test.txt",
        {"Range": "bytes=0-9"},
        b"",
        "AKIAIOSFODNN7EXAMPLE",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "us-east-1",
    )
    assert headers["authorization"] == (
        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
        "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
        "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"
    )


class FakeS3(BaseHTTPRequestHandler):
    """Objects in a dict; every request must carry a SigV4 authorization for our key."""

    objects: dict[str, bytes] = {}
    log: list[tuple[str, str]] = []

    def _ok(self) -> bool:
        if not self.headers.get("authorization", "").startswith(
            "AWS4-HMAC-SHA256 Credential=AKTEST/"
        ):
            self.send_response(403)
            self.end_headers()
            return False
        self.log.append((self.command, self.path))
        return True

    def do_PUT(self) -> None:  # noqa: N802
        if self._ok():
            self.objects[self.path] = self.rfile.read(
                int(self.headers["content-length"])
            )
            self.send_response(200)
            self.end_headers()

    def do_GET(self) -> None:  # noqa: N802
        if self._ok():
            body = self.objects.get(self.path)
            self.send_response(200 if body is not None else 404)
            self.end_headers()
            self.wfile.write(body or b"")

    def do_DELETE(self) -> None:  # noqa: N802
        if self._ok():
            self.objects.pop(self.path, None)
            self.send_response(204)
            self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def fake_s3(monkeypatch: pytest.MonkeyPatch) -> Iterator[type[FakeS3]]:
    FakeS3.objects, FakeS3.log = {}, []
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeS3)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("TRANSLATE_PUB_DEPLOY", "s3://site-bucket/rights")
    monkeypatch.setenv(
        "TRANSLATE_PUB_S3_ENDPOINT", f"http://127.0.0.1:{server.server_port}"
    )
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKTEST")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "secret")
    yield FakeS3
    server.shutdown()


def test_s3_uploads_the_site_then_only_what_changed(
    store: Store, site_settings: Settings, tmp_path: Path, fake_s3: type[FakeS3]
) -> None:
    build_newsroom(store)
    site = tmp_path / "site"
    publish(store, site_settings, site)
    summary = deploy.deploy(site, config.load())
    files = {
        p.relative_to(site.resolve()).as_posix()
        for p in site.resolve().rglob("*")
        if p.is_file()
    }
    assert {
        k.removeprefix("/site-bucket/rights/") for k in fake_s3.objects
    } == files | {deploy.REMOTE_MANIFEST}
    assert (
        fake_s3.objects["/site-bucket/rights/en/index.html"]
        == (site / "en/index.html").read_bytes()
    )
    puts = [path for method, path in fake_s3.log if method == "PUT"]
    assert puts.index("/site-bucket/rights/sitemap.xml") > puts.index(
        "/site-bucket/rights/en/articles/detentions-at-a-protest-in-moscow.html"
    )  # pages before indexes
    assert f"{len(files)} uploaded" in summary
    fake_s3.log.clear()
    assert "0 uploaded, 0 deleted" in deploy.deploy(site, config.load())


def test_s3_needs_its_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TRANSLATE_PUB_DEPLOY", "s3://bucket")
    monkeypatch.delenv("TRANSLATE_PUB_S3_ENDPOINT", raising=False)
    (tmp_path / "index.html").write_text("x")
    with pytest.raises(ConfigError, match="TRANSLATE_PUB_S3_ENDPOINT"):
        deploy.deploy(tmp_path, config.load())


@pytest.mark.skipif(shutil.which("rsync") is None, reason="rsync is not installed")
def test_rsync_to_a_folder(
    store: Store,
    site_settings: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    build_newsroom(store)
    publish(store, site_settings, tmp_path / "site")
    monkeypatch.setenv("TRANSLATE_PUB_DEPLOY", str(tmp_path / "www") + "/")
    deploy.deploy(tmp_path / "site", config.load())
    assert (tmp_path / "www/en/index.html").read_bytes() == (
        tmp_path / "site/en/index.html"
    ).read_bytes()
    assert DETENTIONS.title_en in (tmp_path / "www/en/index.html").read_text()


@pytest.mark.skipif(shutil.which("rsync") is None, reason="rsync is not installed")
def test_rsync_sends_the_search_index_as_files(
    store: Store,
    site_settings: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The site links to its index outside the build; the copy gets the index itself."""
    build_newsroom(store)
    publish(store, site_settings, tmp_path / "site", search=True)
    search.index_site(tmp_path / "site")
    monkeypatch.setenv("TRANSLATE_PUB_DEPLOY", str(tmp_path / "www") + "/")
    deploy.deploy(tmp_path / "site", config.load())
    index = tmp_path / "www" / "pagefind"
    assert index.is_dir() and not index.is_symlink()
    assert (index / "pagefind.js").read_bytes() == (
        tmp_path / "site/pagefind/pagefind.js"
    ).read_bytes()
    assert (index / "indexed.json").is_file()
