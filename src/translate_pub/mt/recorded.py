"""`recorded`: replays recorded real MT output (TSV of source<TAB>target, or TMX).

Ships with FLORES-200 dev ru→en as recorded from Google Translate (`recorded`),
Microsoft Translator (`recorded-microsoft`) and Firefox's offline Bergamot model
(`recorded-bergamot`). A sentence with no recording is reported as a miss (None),
never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from translate_pub.config import DATA_DIR
from translate_pub.errors import ConfigError
from translate_pub.mt.base import REPLAY
from translate_pub.segment import PLACEHOLDER

RECORDINGS = DATA_DIR / "recorded"
DEFAULT_RECORDING = RECORDINGS / "flores-dev.ru-en.google.tsv"
_SPACE = re.compile(r"\s+")


def _key(text: str) -> str:
    return _SPACE.sub(" ", PLACEHOLDER.sub("", text)).strip()


class RecordedEngine:
    name = "recorded"
    glossary_mode = REPLAY  # the output exists already: terms cannot be shielded, only checked

    def __init__(self, path: Path = DEFAULT_RECORDING, source_lang: str = "ru", target_lang: str = "en") -> None:
        if not path.exists():
            raise ConfigError(f"recorded engine: no recording at {path}")
        self.path = path
        self.version = f"{path.name}"
        self.langs = (source_lang, target_lang)
        self.table = self._load(path)

    @staticmethod
    def _load(path: Path) -> dict[str, str]:
        table: dict[str, str] = {}
        if path.suffix.lower() == ".tmx":
            from translate.storage.tmx import tmxfile

            with path.open("rb") as fh:
                for unit in tmxfile(fh).units:
                    table[_key(str(unit.source))] = str(unit.target)
            return table
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            source, sep, target = line.partition("\t")
            if not sep:
                raise ConfigError(f"{path}:{n}: expected source<TAB>target")
            table[_key(source)] = target
        return table

    def translate(self, texts: Sequence[str], source_lang: str, target_lang: str) -> list[str | None]:
        if (source_lang, target_lang) != self.langs:
            return [None] * len(texts)
        return [self.table.get(_key(t)) for t in texts]
