"""Engines by name, built from their records (mt/engines.py). Providers needing keys
read them from environment variables, never files.

    recorded, recorded-microsoft, recorded-bergamot   replayed FLORES dev output (offline)
    recorded:FILE                                     replays any recording (TSV source<TAB>target, or TMX)
    apertium                                          rule-based ru→uk (offline, Debian package)
    argos                                             Argos/CTranslate2 package (ARGOS_PACKAGE_DIR)
    libretranslate                                    LIBRETRANSLATE_URL [, LIBRETRANSLATE_API_KEY]
    deepl                                             DEEPL_API_KEY [, DEEPL_API_URL]
    microsoft                                         MICROSOFT_API_KEY [, MICROSOFT_REGION]
    google, yandex, mymemory                          via deep-translator (YANDEX_API_KEY)
"""

from __future__ import annotations

from pathlib import Path

from translate_pub.errors import ConfigError
from translate_pub.mt import engines
from translate_pub.mt.base import Engine
from translate_pub.mt.recorded import RecordedEngine


def names() -> list[str]:
    return sorted(e.name for e in engines.records())


def get_engine(name: str) -> Engine:
    if name.startswith("recorded:"):
        return RecordedEngine(Path(name.removeprefix("recorded:")).expanduser())
    entry = engines.record(name)
    if entry is None:
        raise ConfigError(
            f"unknown engine {name!r} (known: {', '.join(names())}, recorded:FILE)"
        )
    return entry.build()
