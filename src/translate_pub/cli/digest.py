"""`translate-pub digest FOLDER`: ingest digest Markdown files (quote shortcodes resolved in the store)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from translate_pub.cli.core import settings_of


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "digest", help="ingest digests: Markdown files with quote shortcodes"
    )
    p.add_argument("path", metavar="FILE_OR_FOLDER")
    p.set_defaults(func=cmd_digest)


def cmd_digest(args: argparse.Namespace) -> int:
    from translate_pub.ingest.digest_files import (
        ingest_digests,  # the store and ingest stacks: only here
    )
    from translate_pub.store import open_store

    settings = settings_of(args)
    store = open_store(settings.db_url)
    try:
        done, errors = ingest_digests(store, Path(args.path), settings)
    finally:
        store.dispose()
    for line in done:
        print(line)
    for line in errors:
        print(f"translate-pub: error: {line}", file=sys.stderr)
    return 1 if errors else 0
