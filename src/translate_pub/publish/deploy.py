"""Copy a built site beyond the local folder: rsync, or S3-compatible object storage.

Configured by `Settings` (from the environment; secrets never live in files):

    deploy        TRANSLATE_PUB_DEPLOY: `s3://bucket/prefix` for object storage; anything else
                  is an rsync destination (`user@host:/srv/www/site/`, a local folder)
    rsync_ssh     TRANSLATE_PUB_RSYNC_SSH: optional ssh command for rsync, e.g. `ssh -i /keys/deploy -p 2222`
    s3_endpoint   TRANSLATE_PUB_S3_ENDPOINT: e.g. https://s3.eu-central-1.amazonaws.com,
                  https://<id>.r2.cloudflarestorage.com, http://127.0.0.1:9000 (MinIO); path-style requests
    and the secrets AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION (default us-east-1) from the environment

rsync uploads changed files with `--delay-updates` (renamed into place at the end) and
deletes vanished ones after. S3 uploads only files whose content hash differs from the
manifest it stored last time, articles before the indexes, feeds and sitemap that link to
them, then deletes what the new build dropped and stores the new manifest.
"""

from __future__ import annotations

import json
import mimetypes
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import httpx

from translate_pub import lifeline, net
from translate_pub.config import Settings
from translate_pub.errors import ConfigError, PublishError

REMOTE_MANIFEST = ".translate-pub-manifest.json"
_LAST = (
    "index.html",
    "atom.xml",
    "sitemap.xml",
)  # uploaded last: they link to everything else


def deploy(out: str | Path, settings: Settings) -> str:
    """Deploy the site `out` points at to `settings.deploy`; returns a one-line summary."""
    target = settings.deploy
    if not target:
        raise ConfigError("TRANSLATE_PUB_DEPLOY is not set: nowhere to deploy to")
    site = Path(out).resolve()
    if not (site / "index.html").is_file():
        raise PublishError(f"{out}: no built site to deploy (run publish first)")
    if target.startswith("s3://"):
        return S3.from_env(target, settings.s3_endpoint).sync(site, _manifest(site))
    return rsync(site, target, settings.rsync_ssh)


def rsync(site: Path, target: str, ssh: str) -> str:
    if shutil.which("rsync") is None:
        raise ConfigError("rsync is not installed")
    # --copy-unsafe-links: the search index is a link out of the build (publish/search.py); its files go.
    cmd = [
        "rsync",
        "-rlt",
        "--copy-unsafe-links",
        "--checksum",
        "--delay-updates",
        "--delete-after",
        "--exclude=/manifest.json",
    ]
    if ssh:
        cmd += ["-e", ssh]
    done = subprocess.run(
        [*cmd, f"{site}/", target],
        capture_output=True,
        text=True,
        preexec_fn=lifeline.preexec(),
    )
    if done.returncode:
        raise PublishError(
            f"rsync to {target} failed: {done.stderr.strip().splitlines()[-1:]}"
        )
    return f"deployed {site} to {target} with rsync"


def _manifest(site: Path) -> dict[str, str]:
    """path → content hash of the build (written by site.py beside the site folder)."""
    try:
        pages = json.loads((site.parent / "manifest.json").read_text())["pages"]
    except (OSError, ValueError, KeyError) as exc:
        raise PublishError(
            f"{site}: build manifest missing or unreadable ({exc})"
        ) from None
    return {path: entry["sha"] for path, entry in pages.items()}


def upload_order(paths: list[str]) -> list[str]:
    """Pages before the lists that link to them; indexes, feeds and sitemap last."""

    def rank(path: str) -> tuple[int, str]:
        name = path.rsplit("/", 1)[-1]
        return (2 if name in _LAST else 1 if "/page/" in path else 0, path)

    return sorted(paths, key=rank)


@dataclass(frozen=True)
class S3:
    endpoint: str
    bucket: str
    prefix: str
    access_key: str
    secret_key: str
    region: str

    @classmethod
    def from_env(cls, target: str, endpoint: str) -> S3:
        """The bucket of `target`, with the credentials from the environment."""
        env = os.environ
        bucket, _, prefix = target.removeprefix("s3://").partition("/")
        missing = ["TRANSLATE_PUB_S3_ENDPOINT"] if not endpoint else []
        missing += [
            v for v in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY") if not env.get(v)
        ]
        if missing or not bucket:
            raise ConfigError(
                f"S3 deploy to {target!r} needs a bucket and {', '.join(missing) or 'nothing else'}"
            )
        return cls(
            endpoint.rstrip("/"),
            bucket,
            prefix.strip("/"),
            env["AWS_ACCESS_KEY_ID"],
            env["AWS_SECRET_ACCESS_KEY"],
            env.get("AWS_REGION", "us-east-1"),
        )

    def sync(self, site: Path, manifest: dict[str, str]) -> str:
        with net.client(timeout=60) as client:
            before = self._remote_manifest(client)
            changed = [p for p, sha in manifest.items() if before.get(p) != sha]
            for path in upload_order(changed):
                self._send(client, "PUT", path, (site / path).read_bytes())
            gone = sorted(set(before) - set(manifest))
            for path in gone:
                self._send(client, "DELETE", path)
            self._send(client, "PUT", REMOTE_MANIFEST, json.dumps(manifest).encode())
        return f"deployed to s3://{self.bucket}/{self.prefix}: {len(changed)} uploaded, {len(gone)} deleted"

    def _remote_manifest(self, client: httpx.Client) -> dict[str, str]:
        response = self._send(client, "GET", REMOTE_MANIFEST, ok=(200, 404))
        return dict(response.json()) if response.status_code == 200 else {}

    def _send(
        self,
        client: httpx.Client,
        method: str,
        path: str,
        body: bytes = b"",
        ok: tuple[int, ...] = (200, 204),
    ) -> httpx.Response:
        key = f"{self.prefix}/{path}" if self.prefix else path
        uri = "/" + quote(f"{self.bucket}/{key}", safe="/-_.~")
        headers = (
            {
                "content-type": mimetypes.guess_type(path)[0]
                or "application/octet-stream"
            }
            if body
            else {}
        )
        url = self.endpoint + uri
        headers = sign(
            method, url, headers, body, self.access_key, self.secret_key, self.region
        )
        try:
            response = client.request(method, url, content=body, headers=headers)
        except httpx.HTTPError as exc:
            raise PublishError(f"S3 {method} {key}: {exc}") from None
        if response.status_code not in ok:
            raise PublishError(
                f"S3 {method} {key}: HTTP {response.status_code} {response.text[:200]}"
            )
        return response


def sign(
    method: str,
    url: str,
    headers: dict[str, str],
    body: bytes,
    access_key: str,
    secret_key: str,
    region: str,
) -> dict[str, str]:
    """AWS Signature Version 4 for S3 (botocore's signer): the given headers plus date, payload hash
    and authorization, with lower-case names."""
    # Imported here: botocore takes ~0.5 s to import, which only an S3 deploy should pay.
    from botocore.auth import S3SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials

    request = AWSRequest(method=method, url=url, data=body, headers=headers)
    S3SigV4Auth(Credentials(access_key, secret_key), "s3", region).add_auth(request)
    return {name.lower(): value for name, value in request.headers.items()}
