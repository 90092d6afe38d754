"""Typed settings in one place: each declared once below (its environment variable, default and
meaning), overridden by the environment, then by CLI flags (`--home`).

The CLI builds one `Settings` and passes it on; README's Configuration table documents every
variable (a test checks both ways). Secrets (MT API keys, AWS_ACCESS_KEY_ID and
AWS_SECRET_ACCESS_KEY) are read from their own environment variables where they are used, and
never stored here, in files or in logs.
"""

from __future__ import annotations

import os
from dataclasses import Field, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from translate_pub.errors import ConfigError

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent.parent
DATA_DIR = PACKAGE_DIR / "data"  # bundled samples and recordings, with attribution
PREVIEW_PORT = (
    8001  # `translate-pub preview` on 127.0.0.1, beside the review app's 8000
)


def _setting(env: str, default: Any, says: str) -> Any:
    return field(default=default, metadata={"env": env, "says": says})


@dataclass(frozen=True)
class Settings:
    home: Path = _setting(
        "TRANSLATE_PUB_HOME", Path(".translate-pub"), "data home (the --home flag wins)"
    )
    db_url: str = _setting(
        "TRANSLATE_PUB_DB", "", 'any SQLAlchemy URL ("": the SQLite file in the home)'
    )
    source_lang: str = _setting("TRANSLATE_PUB_SOURCE", "ru", "source language")
    targets: tuple[str, ...] = _setting(
        "TRANSLATE_PUB_TARGETS", ("en",), "comma-separated target languages"
    )
    glossary: Path = _setting(
        "TRANSLATE_PUB_GLOSSARY", PROJECT_DIR / "glossary", "termbase folder or CSV"
    )
    engine: str = _setting("TRANSLATE_PUB_ENGINE", "recorded", "default MT engine name")
    site_url: str = _setting(
        "TRANSLATE_PUB_SITE_URL",
        "http://127.0.0.1:8000/",
        "base URL of the published site",
    )
    site_group: str = _setting(
        "TRANSLATE_PUB_SITE_GROUP",
        "",
        "the group that alone may read the published "
        "site (folders 0750, files 0640); unset: everyone may (0755, 0644)",
    )
    publisher: str = _setting(
        "TRANSLATE_PUB_PUBLISHER",
        "translate-pub",
        "the site's publisher: the outlet of its own digests, whose compilers are credited",
    )
    outlets: Path | None = _setting(
        "TRANSLATE_PUB_OUTLETS", None, "outlets file for scheduled ingest (TOML)"
    )
    max_bytes: int = _setting(
        "TRANSLATE_PUB_MAX_BYTES", 10 * 1024 * 1024, "largest page or local file read"
    )
    max_quotes: int = _setting(
        "TRANSLATE_PUB_MAX_QUOTES", 300, "most quote shortcodes one digest may hold"
    )
    max_body: int = _setting(
        "TRANSLATE_PUB_MAX_BODY",
        1024 * 1024,
        "largest request body the review app reads",
    )
    max_upload: int = _setting(
        "TRANSLATE_PUB_MAX_UPLOAD",
        32 * 1024 * 1024,
        "largest XLIFF upload the app reads",
    )
    max_tmx: int = _setting(
        "TRANSLATE_PUB_MAX_TMX", 256 * 1024 * 1024, "largest TMX file read"
    )
    deploy: str = _setting(
        "TRANSLATE_PUB_DEPLOY",
        "",
        "where `publish` copies the site: s3://bucket/prefix or an "
        'rsync destination; "": nowhere',
    )
    rsync_ssh: str = _setting("TRANSLATE_PUB_RSYNC_SSH", "", "ssh command for rsync")
    s3_endpoint: str = _setting(
        "TRANSLATE_PUB_S3_ENDPOINT", "", "S3-compatible endpoint"
    )
    publish_runner: str = _setting(
        "TRANSLATE_PUB_PUBLISH_RUNNER",
        "auto",
        "auto | on | off: whether `serve` runs its own publish runner",
    )
    trusted_proxies: tuple[str, ...] = _setting(
        "TRANSLATE_PUB_TRUSTED_PROXIES",
        (),
        "proxies whose X-Forwarded-For/-Proto the review app believes",
    )
    allow_hosts: tuple[str, ...] = _setting(
        "TRANSLATE_PUB_ALLOW_HOSTS",
        (),
        "private hosts that feeds' links and redirects may reach",
    )
    translit: str = _setting(
        "TRANSLATE_PUB_TRANSLIT",
        "wikipedia",
        "iuliia scheme `glossary candidates` transliterates names with",
    )

    @property
    def languages(self) -> tuple[str, ...]:
        """Every language the site is published in, source first."""
        return (self.source_lang, *self.targets)

    def targets_of(self, written: str) -> tuple[str, ...]:
        """The languages a document written in `written` is translated into: every other one
        configured (an English-first digest goes into the source language, ru)."""
        return tuple(lang for lang in self.languages if lang != written)

    @property
    def glossary_cache(self) -> Path:
        """Where compiled glossary matchers are kept (`terms.cache`)."""
        return self.home / "cache" / "glossary"


_ENV_DB = next(f.metadata["env"] for f in fields(Settings) if f.name == "db_url")


def sqlite_url(home: Path) -> str:
    return f"sqlite:///{(home / 'translate-pub.sqlite').resolve()}"


def load(home: str | Path | None = None) -> Settings:
    """Settings from the environment; `home` (the --home flag) wins over it."""
    values = {
        f.name: _parse(f, os.environ.get(f.metadata["env"], ""))
        for f in fields(Settings)
    }
    values = {name: value for name, value in values.items() if value is not None}
    home_path = Path(home) if home else values.get("home", Settings.home)
    return Settings(
        **{
            **values,
            "home": home_path,
            "db_url": values.get("db_url") or sqlite_url(home_path),
        }
    )


def as_parameter(settings: Settings) -> Settings:
    """`settings` as a flow run's parameter, which Prefect stores and shows in its UI: without the
    database URL, which may hold a password (the process that runs the flow names its own:
    `with_database`), and with an absolute home, for a worker in another folder."""
    return replace(settings, home=settings.home.resolve(), db_url="")


def with_database(settings: Settings) -> Settings:
    """A flow's `settings` parameter made whole: its database is the one this process's
    environment names (TRANSLATE_PUB_DB), else the home's SQLite file. The one setting a flow
    reads from its environment; a command's flow runs in the command's process, so it is the
    command's own."""
    if settings.db_url:
        return settings
    raw = os.environ.get(_ENV_DB, "").strip()
    return replace(settings, db_url=raw or sqlite_url(settings.home))


def _parse(setting: Field[Any], raw: str) -> Any:
    """The value of one setting's variable, or None when it is unset or empty (the default then)."""
    if not raw.strip():
        return None
    kind = str(setting.type)
    if kind == "int":
        return _positive_int(setting.metadata["env"], raw)
    if kind.startswith("tuple"):
        return _list(raw) or None
    return Path(raw) if kind.startswith("Path") else raw


def _list(value: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in value.split(",") if item.strip())


def _positive_int(name: str, raw: str) -> int:
    value = raw.strip()
    if not value.isdigit() or int(value) == 0:
        raise ConfigError(f"{name}={value!r}: expected a positive whole number")
    return int(value)


def site_dir(settings: Settings) -> str:
    """The home's own site: where the Publish button publishes, and the only `out` a deployment run
    of this home may be given (orchestra/guard.py). The link itself, not the build it points at
    now: a run queued behind another publish, or a preview, must follow the link."""
    return str(settings.home.resolve() / "site")
