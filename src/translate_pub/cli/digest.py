"""`translate-pub digest FOLDER`: ingest digest Markdown files (quote shortcodes resolved in the store);
`translate-pub digest renumber FOLDER`: move old files to numbering from 1 (ingest/digest_renumber.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from translate_pub.cli.core import settings_of
from translate_pub.errors import ConfigError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "digest", help="ingest digests: Markdown files with quote shortcodes"
    )
    p.add_argument(
        "path",
        nargs="+",
        metavar="FILE_OR_FOLDER",
        help="digests to ingest; `renumber FILE_OR_FOLDER` moves files written when "
        "sentences counted from 0 to the editor's numbering (from 1)",
    )
    p.add_argument(
        "--unmarked-from-zero",
        action="store_true",
        help="with renumber: files without a `numbering:` marker count from 0 (else "
        "they are refused: ingest reads them from 1)",
    )
    p.set_defaults(func=cmd_digest)


def cmd_digest(args: argparse.Namespace) -> int:
    settings = settings_of(args)
    if args.path[0] == "renumber" and len(args.path) == 2:
        from translate_pub.ingest.digest_renumber import renumber

        done, errors = renumber(
            Path(args.path[1]), settings.max_bytes, args.unmarked_from_zero
        )
        return _report(done, errors)
    if len(args.path) != 1 or args.unmarked_from_zero:
        raise ConfigError(
            "digest takes one FILE_OR_FOLDER, or `renumber FILE_OR_FOLDER "
            "[--unmarked-from-zero]`"
        )
    from translate_pub.ingest.digest_files import (
        ingest_digests,  # the store and ingest stacks: only here
    )
    from translate_pub.store import open_store
    from translate_pub.terms.names import named_in

    store = open_store(settings.db_url)
    named = named_in(settings.glossary, settings.targets_of)
    try:
        done, errors = ingest_digests(store, Path(args.path[0]), settings, named)
    finally:
        store.dispose()
    return _report(done, errors)


def _report(done: list[str], errors: list[str]) -> int:
    for line in done:
        print(line)
    for line in errors:
        print(f"translate-pub: error: {line}", file=sys.stderr)
    return 1 if errors else 0
