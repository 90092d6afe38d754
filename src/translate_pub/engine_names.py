"""Engines as readers know them: "Google Translate", never "recorded flores-dev.ru-en.google.tsv".

An edition stores each engine's label (name and version, see `draft.engine_label`);
published pages show the product's own name instead, and a replayed recording as that
product's recorded output.
"""

from __future__ import annotations

PRODUCTS = {
    "google": "Google Translate", "deepl": "DeepL", "microsoft": "Microsoft Translator", "apertium": "Apertium",
    "argos": "Argos Translate", "libretranslate": "LibreTranslate", "yandex": "Yandex Translate",
    "mymemory": "MyMemory", "bergamot": "Firefox Translations",
}


def product(label: str) -> tuple[str, bool]:
    """(the product's name, whether the output was a replayed recording) for an engine label."""
    name, _sep, version = label.strip().partition(" ")
    if not name.startswith("recorded"):
        return PRODUCTS.get(name, name), False
    found = [p for key, p in PRODUCTS.items() if key in f"{name} {version}".lower()]
    return (found[0] if found else ""), True
