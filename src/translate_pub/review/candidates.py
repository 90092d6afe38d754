"""Glossary candidates of the store's sources, for the editors' page and `glossary candidates`."""

from __future__ import annotations

from pathlib import Path

from translate_pub.config import Settings
from translate_pub.errors import ConfigError
from translate_pub.store import Store
from translate_pub.store.corpus import source_sentences, translation_pairs
from translate_pub.terms.candidates import Candidate, candidates, rejected
from translate_pub.terms.glossary import load_glossary


def find(
    store: Store, settings: Settings, glossary_path: Path, minimum: int
) -> list[Candidate]:
    """Names in the stored sources the termbase at `glossary_path` lacks, most frequent first."""
    with store.begin() as conn:
        sentences, pairs = (
            source_sentences(conn),
            list(translation_pairs(conn, settings.targets[0])),
        )
    try:
        return candidates(
            sentences,
            pairs,
            load_glossary(glossary_path),
            rejected(glossary_path),
            minimum,
            settings.translit,
        )
    except ValueError as exc:
        raise ConfigError(
            f"TRANSLATE_PUB_TRANSLIT={settings.translit!r}: {exc}"
        ) from None
