"""`translate-pub glossary candidates`: names in the stored sources that the glossary lacks.

    glossary candidates [--min N] [--limit N]     list them, most frequent first
    glossary candidates --accept RU [--en FORM]   add one to the glossary (validated, new version)
    glossary candidates --reject RU               never propose it again

Rejections are remembered in `rejected.txt` beside the termbase's CSV, one name a line.
"""

from __future__ import annotations

import argparse

from translate_pub.errors import InputError


def add_candidates(
    commands: argparse._SubParsersAction, common: argparse.ArgumentParser
) -> None:  # type: ignore[type-arg]
    cand = commands.add_parser(
        "candidates",
        parents=[common],
        help="names in stored sources the glossary lacks",
        description=__doc__.splitlines()[0],
    )
    cand.add_argument(
        "--min",
        type=int,
        default=2,
        metavar="N",
        help="found at least N times (default 2)",
    )
    cand.add_argument(
        "--limit",
        type=int,
        default=50,
        metavar="N",
        help="show the first N (default 50)",
    )
    what = cand.add_mutually_exclusive_group()
    what.add_argument(
        "--accept",
        metavar="RU",
        help="add this candidate (its dictionary form) to the glossary",
    )
    what.add_argument("--reject", metavar="RU", help="never propose this name again")
    cand.add_argument(
        "--en",
        metavar="FORM",
        help="with --accept: the English form (default: the proposed one)",
    )
    cand.set_defaults(func=cmd_candidates)


def cmd_candidates(args: argparse.Namespace) -> int:
    from translate_pub.review.candidates import find
    from translate_pub.store import open_store
    from translate_pub.terms import candidates as cand

    settings = args.settings  # the command's one Settings, loaded by main
    glossary_path = args.glossary or settings.glossary
    if args.reject:
        cand.reject(glossary_path, args.reject)
        print(
            f"{cand.rejected_file(glossary_path)}: «{args.reject.strip()}» will not be proposed again"
        )
        return 0
    store = open_store(settings.db_url)
    found = find(store, settings, glossary_path, args.min)
    if args.accept:
        match = next((c for c in found if c.ru == args.accept.strip()), None)
        if match is None:
            raise InputError(
                args.accept,
                "not among the candidates (see `translate-pub glossary candidates`)",
            )
        term, version = cand.accept(glossary_path, match, args.en)
        print(
            f"{glossary_path}: «{term.ru}» → {term.en} added; glossary version {version[:12]}"
        )
        return 0
    for c in found[: args.limit]:
        used = (
            ", ".join(f"{form} ({n})" for form, n in c.english.most_common(3))
            or "none yet"
        )
        print(f"{c.count:4d}  {c.kind}  {c.ru}  →  {c.proposed}   [used: {used}]")
        for context in c.contexts:
            print(f"        … {context[:160]}")
    print(f"{len(found)} candidate(s) found at least {args.min} times")
    return 0
