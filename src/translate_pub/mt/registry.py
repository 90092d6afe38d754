"""Engines by name. Providers needing keys read them from environment variables, never files.

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

from collections.abc import Callable
from pathlib import Path

from translate_pub.errors import ConfigError
from translate_pub.mt.base import Engine
from translate_pub.mt.recorded import RECORDINGS, RecordedEngine


def _recorded(system: str) -> Callable[[], Engine]:
    return lambda: RecordedEngine(RECORDINGS / f"flores-dev.ru-en.{system}.tsv")


def _libre() -> Engine:
    from translate_pub.mt.libre import LibreEngine

    return LibreEngine.from_env()


def _deepl() -> Engine:
    from translate_pub.mt.deepl import DeepLEngine

    return DeepLEngine.from_env()


def _microsoft() -> Engine:
    from translate_pub.mt.microsoft import MicrosoftEngine

    return MicrosoftEngine.from_env()


def _deep(name: str) -> Callable[[], Engine]:
    def make() -> Engine:
        from translate_pub.mt import deep

        factory: Callable[[], Engine] = getattr(deep, name)
        return factory()
    return make


def _apertium() -> Engine:
    from translate_pub.mt.apertium import ApertiumEngine

    return ApertiumEngine()


def _argos() -> Engine:
    from translate_pub.mt.argos import ArgosEngine

    return ArgosEngine.from_env()


# Imports are deferred so `translate-pub` starts fast and a missing optional tool
# only matters to the engine that needs it.
_FACTORIES: dict[str, Callable[[], Engine]] = {
    "recorded": RecordedEngine,
    "recorded-microsoft": _recorded("microsoft"),
    "recorded-bergamot": _recorded("bergamot-tiny"),
    "apertium": _apertium,
    "argos": _argos,
    "libretranslate": _libre,
    "deepl": _deepl,
    "microsoft": _microsoft,
    "google": _deep("google"),
    "yandex": _deep("yandex"),
    "mymemory": _deep("mymemory"),
}


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
        raise ConfigError(f"unknown engine {name!r} (known: {', '.join(names())}, recorded:FILE)") from None
    return factory()
