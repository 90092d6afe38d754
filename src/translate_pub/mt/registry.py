"""Engines by name. Providers needing keys read them from environment variables."""

from __future__ import annotations

from collections.abc import Callable

from translate_pub.errors import ConfigError
from translate_pub.mt.base import Engine
from translate_pub.mt.recorded import RecordedEngine

_FACTORIES: dict[str, Callable[[], Engine]] = {
    "recorded": RecordedEngine,
}


def register(name: str, factory: Callable[[], Engine]) -> None:
    _FACTORIES[name] = factory


def names() -> list[str]:
    return sorted(_FACTORIES)


def get_engine(name: str) -> Engine:
    try:
        factory = _FACTORIES[name]
    except KeyError:
        raise ConfigError(f"unknown engine {name!r} (known: {', '.join(names())})") from None
    return factory()
