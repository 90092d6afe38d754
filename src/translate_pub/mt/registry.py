"""Engines by name, built from their records (mt/engines.py). Providers needing keys read them
from environment variables, never files.

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

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from translate_pub.errors import ConfigError
from translate_pub.mt.base import Engine
from translate_pub.mt.engines import ENGINES, EngineRecord
from translate_pub.mt.recorded import RecordedEngine


def _builder(record: EngineRecord) -> Callable[[], Engine]:
    def build() -> Engine:
        module, _colon, attributes = record.builds.partition(":")
        found: Any = importlib.import_module(module)
        for attribute in attributes.split("."):
            found = getattr(found, attribute)
        return cast(Engine, found(record.argument) if record.argument else found())

    return build


# One builder per engine record (mt/engines.py); tests may register more.
_FACTORIES: dict[str, Callable[[], Engine]] = {e.name: _builder(e) for e in ENGINES}


def register(name: str, factory: Callable[[], Engine]) -> None:
    _FACTORIES[name] = factory


def names() -> list[str]:
    return sorted(_FACTORIES)


def get_engine(name: str) -> Engine:
    if name.startswith("recorded:"):
        return RecordedEngine(Path(name.removeprefix("recorded:")).expanduser())
    try:
        factory = _FACTORIES[name]
    except KeyError:
        raise ConfigError(
            f"unknown engine {name!r} (known: {', '.join(names())}, recorded:FILE)"
        ) from None
    return factory()
