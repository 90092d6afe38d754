"""`argos`: an Argos Translate model package run with CTranslate2, for users who install one.

    ARGOS_PACKAGE_DIR   an unpacked .argosmodel package (metadata.json, model/, sentencepiece.model)

Needs `pip install ctranslate2 sentencepiece` (not project dependencies: the
models are large and optional). Everything up to loading the model files is
checked first, so a misconfiguration names the missing file or package.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from translate_pub.errors import ConfigError
from translate_pub.mt.base import Engine


def read_package(package_dir: Path) -> dict[str, Any]:
    """The package's metadata, after checking that every file the model needs is there."""
    meta_file = package_dir / "metadata.json"
    try:
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
    except OSError:
        raise ConfigError(
            f"argos: {meta_file} not found; is {package_dir} an unpacked Argos package?"
        ) from None
    except json.JSONDecodeError as exc:
        raise ConfigError(f"argos: {meta_file}:{exc.lineno}: not valid JSON") from None
    if (
        not isinstance(meta, dict)
        or not meta.get("from_code")
        or not meta.get("to_code")
    ):
        raise ConfigError(f"argos: {meta_file}: needs from_code and to_code")
    for needed in (
        package_dir / "model" / "model.bin",
        package_dir / "sentencepiece.model",
    ):
        if not needed.exists():
            raise ConfigError(f"argos: {needed} is missing; reinstall the package")
    return meta


def _runtime() -> tuple[Any, Any]:
    try:
        import ctranslate2
        import sentencepiece
    except ImportError:
        raise ConfigError(
            "argos: install the runtime with `pip install ctranslate2 sentencepiece`"
        ) from None
    return ctranslate2, sentencepiece


class ArgosEngine(Engine):
    name = "argos"

    def __init__(self, package_dir: Path) -> None:
        meta = read_package(package_dir)
        self.langs = (str(meta["from_code"]), str(meta["to_code"]))
        self.version = (
            f"{self.langs[0]}-{self.langs[1]} {meta.get('package_version', '')}".strip()
        )
        ctranslate2, sentencepiece = _runtime()
        self.translator = ctranslate2.Translator(
            str(package_dir / "model"), device="cpu"
        )
        self.tokenizer = sentencepiece.SentencePieceProcessor(
            model_file=str(package_dir / "sentencepiece.model")
        )

    @classmethod
    def from_env(cls) -> ArgosEngine:
        value = os.environ.get("ARGOS_PACKAGE_DIR", "").strip()
        if not value:
            raise ConfigError(
                "argos: set ARGOS_PACKAGE_DIR to an unpacked Argos Translate package"
            )
        return cls(Path(value))

    def translate(
        self, texts: Sequence[str], source_lang: str, target_lang: str
    ) -> list[str | None]:
        if (source_lang, target_lang) != self.langs or not texts:
            return [None] * len(texts)
        tokens = [self.tokenizer.encode(t, out_type=str) for t in texts]
        results = self.translator.translate_batch(
            tokens, beam_size=4, max_batch_size=32
        )
        outs = [
            self.tokenizer.decode(r.hypotheses[0]).strip() if r.hypotheses else ""
            for r in results
        ]
        return [o or None for o in outs]
