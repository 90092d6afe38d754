"""The English inflections of a glossary's phrases, kept per glossary version in the glossary
cache (beside the matcher's tables, terms/cache.py).

MT's house-style repair and the glossary check compare renderings with `phrase_pattern`,
whose last word takes every inflection lemminflect knows. Loading lemminflect (numpy and
its tables) costs about 0.8 s: every `translate` of a text with a term paid it. `remember`
hands `phrases` the inflections of every last word of the glossary's phrases, read from
the cache (computed once, with lemminflect, when the file is missing); a word not in the
file is still asked of lemminflect, so the patterns are the same either way.

Keyed by the glossary version, lemminflect's version and the source of phrases.py.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from translate_pub.terms import phrases
from translate_pub.terms.cache import _code, _read, _write
from translate_pub.terms.glossary import Glossary
from translate_pub.terms.installed import version

FORMAT = 1
PREFIX = "inflections-"
LANGS = ("en", "ru")  # the target columns a translation may be checked in
log = logging.getLogger(__name__)


def remember(glossary: Glossary, folder: Path | None) -> None:
    """Give `phrases` the inflections of the glossary's last words, from `folder`'s file
    (written first when missing or damaged). No folder: nothing is kept, nothing changes."""
    if folder is None:
        return
    key = _key(glossary.version)
    file = folder / f"{PREFIX}{key}.bin"
    stored = _read(file, key)
    forms = stored.get("forms") if stored is not None else None
    if not _well_formed(forms):
        forms = {
            word: phrases.inflections(word) for word in sorted(last_words(glossary))
        }
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            _write(folder, file, {"key": key, "forms": forms}, PREFIX)
        except OSError as exc:
            log.warning("cannot write the glossary cache %s (%s)", file, exc)
    phrases.remember(forms)  # type: ignore[arg-type]


def last_words(glossary: Glossary) -> set[str]:
    """The words `phrase_pattern` inflects: the last of each rendering, allowed or forbidden one."""
    words = set()
    for term in glossary.terms:
        for lang in LANGS:
            target = glossary.target(term.id, lang)
            for phrase in ([target, *term.allowed(lang)] if target else []) + list(
                term.forbidden(lang)
            ):
                split = phrases.normalise(phrase).split()
                if split and split[-1][-1:].isalpha():
                    words.add(split[-1])
    return words


def _well_formed(forms: object) -> bool:
    return isinstance(forms, dict) and all(
        isinstance(word, str)
        and isinstance(inflected, list)
        and all(isinstance(f, str) for f in inflected)
        for word, inflected in forms.items()
    )


def _key(glossary_version: str) -> str:
    parts = [
        f"format={FORMAT}",
        f"glossary={glossary_version}",
        f"lemminflect={version('lemminflect')}",
        f"code={_code(('phrases.py',))}",
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]
