"""`recorded`: replays recorded real MT output (TSV of source<TAB>target, or TMX).

Ships with FLORES-200 dev ru→en as recorded from Google Translate (`recorded`),
Microsoft Translator (`recorded-microsoft`) and Firefox's offline Bergamot model
(`recorded-bergamot`). A sentence with no recording is reported as a miss (None),
never guessed. `recorded:FILE` replays any other recording, e.g. another engine's
output on the newsroom's own texts.

A recording says itself whether its targets are HTML-escaped (as Google's web
endpoint returns them): it is, when some target carries an entity its source lacks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from translate_pub.config import DATA_DIR
from translate_pub.entities import stray_entities
from translate_pub.errors import ConfigError
from translate_pub.mt.base import HTML, REPLAY, TEXT, Engine
from translate_pub.placeholders import PLACEHOLDER

RECORDINGS = DATA_DIR / "recorded"
DEFAULT_RECORDING = RECORDINGS / "flores-dev.ru-en.google.tsv"


def flores(system: str) -> RecordedEngine:
    """The bundled FLORES-200 dev recording of one system (google, microsoft, bergamot-tiny)."""
    return RecordedEngine(RECORDINGS / f"flores-dev.ru-en.{system}.tsv")


_SPACE = re.compile(r"\s+")


def _key(text: str) -> str:
    return _SPACE.sub(" ", PLACEHOLDER.sub("", text)).strip()


class RecordedEngine(Engine):
    name = "recorded"
    glossary_mode = (
        REPLAY  # the output exists already: terms cannot be shielded, only checked
    )

    def __init__(
        self,
        path: Path = DEFAULT_RECORDING,
        source_lang: str = "ru",
        target_lang: str = "en",
    ) -> None:
        if not path.is_file():
            raise ConfigError(f"recorded engine: no recording at {path}")
        self._use(path.name, self._load(path), (source_lang, target_lang))

    @classmethod
    def from_pairs(
        cls,
        name: str,
        pairs: Iterable[tuple[str, str]],
        source_lang: str,
        target_lang: str,
    ) -> RecordedEngine:
        """A recording given as (source, output) pairs, e.g. a system's output file beside its input."""
        engine = cls.__new__(cls)
        engine._use(name, {_key(s): t for s, t in pairs}, (source_lang, target_lang))
        return engine

    def _use(self, version: str, table: dict[str, str], langs: tuple[str, str]) -> None:
        self.version, self.table, self.langs = version, table, langs
        self.output_format = (
            HTML if any(stray_entities(s, t) for s, t in table.items()) else TEXT
        )

    @staticmethod
    def _load(path: Path) -> dict[str, str]:
        table: dict[str, str] = {}
        if path.suffix.lower() == ".tmx":
            from lxml.etree import XMLSyntaxError
            from translate.storage.tmx import tmxfile

            try:
                with path.open("rb") as fh:
                    units = tmxfile(fh).units
            except XMLSyntaxError as exc:
                raise ConfigError(f"{path}: not a TMX file ({exc})") from None
            for unit in units:
                table[_key(str(unit.source))] = str(unit.target)
            return table
        try:
            lines = path.read_text(encoding="utf-8-sig").splitlines()
        except UnicodeDecodeError as exc:
            raise ConfigError(f"{path}: not UTF-8 (byte {exc.start})") from None
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            source, sep, target = line.partition("\t")
            if not sep:
                raise ConfigError(f"{path}:{n}: expected source<TAB>target")
            table[_key(source)] = target
        return table

    def translate(
        self, texts: Sequence[str], source_lang: str, target_lang: str
    ) -> list[str | None]:
        if (source_lang, target_lang) != self.langs:
            return [None] * len(texts)
        return [self.table.get(_key(t)) for t in texts]
