"""Typed settings in one place: defaults, then environment overrides, then CLI flags.

    TRANSLATE_PUB_HOME       data home (default ./.translate-pub/)
    TRANSLATE_PUB_DB         any SQLAlchemy URL (default sqlite under the home)
    TRANSLATE_PUB_SOURCE     source language (default ru)
    TRANSLATE_PUB_TARGETS    comma-separated target languages (default en)
    TRANSLATE_PUB_GLOSSARY   termbase folder or CSV (default the project's glossary/)
    TRANSLATE_PUB_ENGINE     default MT engine name (default recorded)
    TRANSLATE_PUB_SITE_URL   base URL of the published site
    TRANSLATE_PUB_OUTLETS    outlets file for scheduled ingest (TOML)
    TRANSLATE_PUB_MAX_BYTES  largest page or local file ingest reads (default 10 MB)
    TRANSLATE_PUB_MAX_BODY   largest request body the review app reads (default 1 MB)
    TRANSLATE_PUB_MAX_UPLOAD largest XLIFF file the review app accepts (default 32 MB)
    TRANSLATE_PUB_MAX_TMX    largest TMX file `memory import` or the admin page reads (default 256 MB)
    TRANSLATE_PUB_DEPLOY     where `publish` copies the site: `s3://bucket/prefix`, or an rsync
                             destination (`user@host:/srv/www/site/`, a local folder); unset: nowhere
    TRANSLATE_PUB_RSYNC_SSH  ssh command for rsync, e.g. `ssh -i /keys/deploy -p 2222`
    TRANSLATE_PUB_S3_ENDPOINT  S3-compatible endpoint, e.g. http://127.0.0.1:9000 (MinIO)
    TRANSLATE_PUB_PUBLISH_RUNNER  auto | on | off: whether `serve` runs its own publish runner
    TRANSLATE_PUB_ALLOW_HOSTS  comma-separated hosts that feeds' links and redirects may reach
                             although they are on loopback, private or reserved addresses
    TRANSLATE_PUB_TRUSTED_PROXIES  comma-separated proxy addresses whose X-Forwarded-For and
                             X-Forwarded-Proto the review app believes (default none)

Secrets (MT API keys, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY) are read from their own
environment variables where they are used, and never stored here, in files or in logs.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from translate_pub.errors import ConfigError

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent.parent
DATA_DIR = PACKAGE_DIR / "data"  # bundled samples and recordings, with attribution


def _project_glossary() -> Path:
    return PROJECT_DIR / "glossary"


@dataclass(frozen=True)
class Settings:
    home: Path
    db_url: str
    source_lang: str = "ru"
    targets: tuple[str, ...] = ("en",)
    glossary: Path = PROJECT_DIR / "glossary"
    engine: str = "recorded"
    site_url: str = "http://127.0.0.1:8000/"
    outlets: Path | None = None
    max_bytes: int = 10 * 1024 * 1024
    max_body: int = 1024 * 1024
    max_upload: int = 32 * 1024 * 1024
    max_tmx: int = 256 * 1024 * 1024
    deploy: str = ""
    rsync_ssh: str = ""
    s3_endpoint: str = ""
    publish_runner: str = "auto"
    trusted_proxies: tuple[str, ...] = ()
    allow_hosts: tuple[str, ...] = ()

    @property
    def languages(self) -> tuple[str, ...]:
        """Every language the site is published in, source first."""
        return (self.source_lang, *self.targets)

    @property
    def glossary_cache(self) -> Path:
        """Where compiled glossary matchers are kept (`terms.cache`)."""
        return self.home / "cache" / "glossary"

    def with_home(self, home: Path) -> Settings:
        db = os.environ.get("TRANSLATE_PUB_DB") or sqlite_url(home)
        return replace(self, home=home, db_url=db)


def sqlite_url(home: Path) -> str:
    return f"sqlite:///{(home / 'translate-pub.sqlite').resolve()}"


def load(home: str | Path | None = None) -> Settings:
    """Settings from the environment; `home` (the --home flag) wins over it."""
    env = os.environ
    home_path = Path(home or env.get("TRANSLATE_PUB_HOME") or ".translate-pub")
    targets = _list(env.get("TRANSLATE_PUB_TARGETS", "en"))
    outlets = env.get("TRANSLATE_PUB_OUTLETS")
    return Settings(
        home=home_path,
        db_url=env.get("TRANSLATE_PUB_DB") or sqlite_url(home_path),
        source_lang=env.get("TRANSLATE_PUB_SOURCE", "ru"),
        targets=targets or ("en",),
        glossary=Path(env.get("TRANSLATE_PUB_GLOSSARY") or _project_glossary()),
        engine=env.get("TRANSLATE_PUB_ENGINE", "recorded"),
        site_url=env.get("TRANSLATE_PUB_SITE_URL", "http://127.0.0.1:8000/"),
        outlets=Path(outlets) if outlets else None,
        max_bytes=_positive_int(env, "TRANSLATE_PUB_MAX_BYTES", 10 * 1024 * 1024),
        max_body=_positive_int(env, "TRANSLATE_PUB_MAX_BODY", 1024 * 1024),
        max_upload=_positive_int(env, "TRANSLATE_PUB_MAX_UPLOAD", 32 * 1024 * 1024),
        max_tmx=_positive_int(env, "TRANSLATE_PUB_MAX_TMX", 256 * 1024 * 1024),
        deploy=env.get("TRANSLATE_PUB_DEPLOY", ""),
        rsync_ssh=env.get("TRANSLATE_PUB_RSYNC_SSH", ""),
        s3_endpoint=env.get("TRANSLATE_PUB_S3_ENDPOINT", ""),
        publish_runner=env.get("TRANSLATE_PUB_PUBLISH_RUNNER", "auto"),
        trusted_proxies=_list(env.get("TRANSLATE_PUB_TRUSTED_PROXIES", "")),
        allow_hosts=_list(env.get("TRANSLATE_PUB_ALLOW_HOSTS", "")),
    )


def _list(value: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in value.split(",") if item.strip())


def _positive_int(env: Mapping[str, str], name: str, default: int) -> int:
    value = env.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit() or int(value) == 0:
        raise ConfigError(f"{name}={value!r}: expected a positive whole number")
    return int(value)
