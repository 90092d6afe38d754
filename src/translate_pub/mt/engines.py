"""Every MT engine as one record: its name, the product readers are told produced the text,
how many requests it may have in flight across workers, and what builds it.

Adding an engine is one record here (and its module); the registry (`mt.registry`), the
Prefect concurrency limits (flows/deploy.py) and the published pages' credits
(`product`) all read this table. Builders are imported only when an engine is used, so
`translate-pub` starts fast and a missing optional tool matters only to its engine.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EngineRecord:
    name: str  # as TRANSLATE_PUB_ENGINE and --engine say it
    product: str  # what readers see: "Google Translate" (a recording: the product it recorded)
    concurrency: (
        int  # requests at once across all workers (a Prefect global limit `mt-NAME`)
    )
    builds: str  # "module:attribute[.attribute]", called with `argument` if given
    argument: str = ""


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
BY_NAME = {e.name: e for e in ENGINES}
# A recording names the system it recorded in its file name (flores-dev.ru-en.google.tsv); one
# system was only ever recorded (bergamot: Firefox's offline translation), never run from here.
_RECORDED = {
    **{e.name: e.product for e in ENGINES if not e.name.startswith("recorded")},
    "bergamot": "Firefox Translations",
}


def product(label: str) -> tuple[str, bool]:
    """(the product's name, whether the output was a replayed recording) for an engine label
    (name and version, see `draft.engine_label`)."""
    name, _sep, version = label.strip().partition(" ")
    if not name.startswith("recorded"):
        record = BY_NAME.get(name)
        return (record.product if record else name), False
    found = [p for key, p in _RECORDED.items() if key in f"{name} {version}".lower()]
    return (found[0] if found else ""), True
