"""`translate-pub glossary candidates`: names in the stored sources that the glossary lacks.

    glossary candidates [--min N] [--limit N]     list them, most frequent first
    glossary candidates --accept RU [--en FORM]   add one to the glossary (validated, new version)
    glossary candidates --reject RU               never propose it again

Rejections are remembered in `rejected.txt` beside the termbase's CSV, one name a line.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from translate_pub import config
from translate_pub.errors import ConfigError, InputError

KINDS = {"PER": "person", "ORG": "org", "LOC": "place"}


def add_candidates(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    cand = commands.add_parser("candidates", parents=[common], help="names in stored sources the glossary lacks",
                               description=__doc__.splitlines()[0])
    cand.add_argument("--min", type=int, default=2, metavar="N", help="found at least N times (default 2)")
    cand.add_argument("--limit", type=int, default=50, metavar="N", help="show the first N (default 50)")
    what = cand.add_mutually_exclusive_group()
    what.add_argument("--accept", metavar="RU", help="add this candidate (its dictionary form) to the glossary")
    what.add_argument("--reject", metavar="RU", help="never propose this name again")
    cand.add_argument("--en", metavar="FORM", help="with --accept: the English form (default: the proposed one)")
    cand.set_defaults(func=cmd_candidates)


def _rejected_file(glossary: Path) -> Path:
    from translate_pub.terms.glossary import csv_path

    return csv_path(glossary).parent / "rejected.txt"


def cmd_candidates(args: argparse.Namespace) -> int:
    settings = args.settings
    glossary_path = args.glossary or settings.glossary
    rejected_file = _rejected_file(glossary_path)
    rejected = set(rejected_file.read_text(encoding="utf-8").splitlines()) if rejected_file.exists() else set()
    if args.reject:
        with rejected_file.open("a", encoding="utf-8") as out:
            out.write(args.reject.strip() + "\n")
        print(f"{rejected_file}: «{args.reject.strip()}» will not be proposed again")
        return 0
    found = _find(settings, glossary_path, rejected, args.min)
    if args.accept:
        return _accept(glossary_path, found, args.accept.strip(), args.en)
    for c in found[:args.limit]:
        used = ", ".join(f"{form} ({n})" for form, n in c.english.most_common(3)) or "none yet"
        print(f"{c.count:4d}  {c.kind}  {c.ru}  →  {c.proposed}   [used: {used}]")
        for context in c.contexts:
            print(f"        … {context[:160]}")
    print(f"{len(found)} candidate(s) found at least {args.min} times")
    return 0


def _find(settings: config.Settings, glossary_path: Path, rejected: set[str], minimum: int) -> list:  # type: ignore[type-arg]
    from translate_pub.store import open_store
    from translate_pub.store.corpus import source_sentences, translation_pairs
    from translate_pub.terms.candidates import candidates
    from translate_pub.terms.glossary import load_glossary

    scheme = settings.translit
    store = open_store(settings.db_url)
    with store.begin() as conn:
        sentences, pairs = source_sentences(conn), list(translation_pairs(conn, settings.targets[0]))
    try:
        return candidates(sentences, pairs, load_glossary(glossary_path), rejected, minimum, scheme)
    except ValueError as exc:
        raise ConfigError(f"TRANSLATE_PUB_TRANSLIT={scheme!r}: {exc}") from None


def _accept(glossary_path: Path, found: list, ru: str, en: str | None) -> int:  # type: ignore[type-arg]
    from translate_pub.slugs import slugify
    from translate_pub.terms.glossary import Term, load_glossary, merge_into

    match = next((c for c in found if c.ru == ru), None)
    if match is None:
        raise InputError(ru, "not among the candidates (see `translate-pub glossary candidates`)")
    english = (en or match.proposed).strip()
    term = Term(id=slugify(english) or slugify(match.proposed), ru=ru, en=english, en_forbidden=(),
                note=f"added from glossary candidates ({match.count} occurrences)",
                extra={"pos": "PROPN", "domain": KINDS[match.kind], "status": "mandatory"})
    added, updated = merge_into(glossary_path, (term,))
    version = load_glossary(glossary_path).version
    print(f"{glossary_path}: «{ru}» → {english} ({'added' if added else 'updated'}); glossary version {version[:12]}")
    return 0
