"""Every MT engine as one record: its name, the product readers are told produced the text,
how many requests it may have in flight across workers, and what builds it. What the
engine can do (glossary mode, output format, streaming, errors) its class declares
against `mt.base.Engine`'s typed defaults.

Adding an engine is one record here (and its module); the registry (`mt.registry`), the
Prefect concurrency limits (flows/deploy.py) and the published pages' credits
(`product`) all read this table, `BY_NAME` (where a test adds a toy engine). Builders
are imported only when an engine is used, so `translate-pub` starts fast and a missing
optional tool matters only to its engine.
"""

from __future__ import annotations

import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from translate_pub.mt.base import Engine


@dataclass(frozen=True)
class EngineRecord:
    name: str  # as TRANSLATE_PUB_ENGINE and --engine say it
    product: str  # what readers see (a recording: the product it recorded)
    concurrency: int  # requests at once across all workers (Prefect limit `mt-NAME`)
    # "module:attribute[.attribute]" (imported when used) or the builder itself;
    # called with `argument` if given.
    builds: str | Callable[..., Engine]
    argument: str = ""

    def build(self) -> Engine:
        found = self.builds
        if isinstance(found, str):
            found = cast("Callable[..., Engine]", pkgutil.resolve_name(found))
        return found(self.argument) if self.argument else found()


# Paid APIs throttle bursts and bill per character; a self-hosted LibreTranslate takes what its
# CPU allows; the offline engines (recorded, apertium, argos) only compete for this machine's cores.
ENGINES = (
    EngineRecord(
        "recorded", "Google Translate", 8, "translate_pub.mt.recorded:RecordedEngine"
    ),
    EngineRecord(
        "recorded-microsoft",
        "Microsoft Translator",
        8,
        "translate_pub.mt.recorded:flores",
        "microsoft",
    ),
    EngineRecord(
        "recorded-bergamot",
        "Firefox Translations",
        8,
        "translate_pub.mt.recorded:flores",
        "bergamot-tiny",
    ),
    EngineRecord("apertium", "Apertium", 4, "translate_pub.mt.apertium:ApertiumEngine"),
    EngineRecord(
        "argos", "Argos Translate", 2, "translate_pub.mt.argos:ArgosEngine.from_env"
    ),
    EngineRecord(
        "libretranslate",
        "LibreTranslate",
        4,
        "translate_pub.mt.libre:LibreEngine.from_env",
    ),
    EngineRecord("deepl", "DeepL", 2, "translate_pub.mt.deepl:DeepLEngine.from_env"),
    EngineRecord(
        "microsoft",
        "Microsoft Translator",
        2,
        "translate_pub.mt.microsoft:MicrosoftEngine.from_env",
    ),
    EngineRecord("google", "Google Translate", 1, "translate_pub.mt.deep:google"),
    EngineRecord("yandex", "Yandex Translate", 1, "translate_pub.mt.deep:yandex"),
    EngineRecord("mymemory", "MyMemory", 1, "translate_pub.mt.deep:mymemory"),
)
# The one table everything reads.
BY_NAME = {e.name: e for e in ENGINES}
# A recording names the system it recorded in its file name (flores-dev.ru-en.google.tsv); one
# system was only ever recorded (bergamot: Firefox's offline translation), never run from here.
_ONLY_RECORDED = {"bergamot": "Firefox Translations"}


def records() -> tuple[EngineRecord, ...]:
    return tuple(BY_NAME.values())


def record(name: str) -> EngineRecord | None:
    return BY_NAME.get(name)


def product(label: str) -> tuple[str, bool]:
    """(the product's name, whether the output was a replayed recording) for an engine label
    (name and version, see `draft.engine_label`)."""
    name, _sep, version = label.strip().partition(" ")
    if not name.startswith("recorded"):
        entry = BY_NAME.get(name)
        return (entry.product if entry else name), False
    systems = {
        e.name: e.product for e in records() if not e.name.startswith("recorded")
    }
    found = [
        p
        for key, p in {**systems, **_ONLY_RECORDED}.items()
        if key in f"{name} {version}".lower()
    ]
    return (found[0] if found else ""), True
