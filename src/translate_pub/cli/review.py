"""`translate-pub review …`: exchange translations with CAT tools.

    review export --xliff FILE [--doc ID …] [--lang L]   XLIFF 1.2, one <file> per document
    review export --tmx FILE [--lang L]                  TMX 1.4 of approved translations
    review import FILE --as USER                         apply an XLIFF file, all or nothing

Without --doc, export takes every document still being worked on (machine translated,
in review or stale). Import prints every invalid unit and writes nothing if there is one.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from translate_pub import config
from translate_pub.errors import ConfigError
from translate_pub.files import read_capped, write_output
from translate_pub.model import Status

WORKING = (Status.MACHINE_TRANSLATED, Status.IN_REVIEW, Status.STALE)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add `review export` and `review import`."""
    parser = sub.add_parser(
        "review",
        help="XLIFF/TMX exchange with CAT tools",
        description=__doc__.splitlines()[0],
    )
    commands = parser.add_subparsers(
        dest="review_command", required=True, metavar="SUBCOMMAND"
    )
    export = commands.add_parser(
        "export", help="write XLIFF 1.2 (drafts) or TMX 1.4 (approved)"
    )
    what = export.add_mutually_exclusive_group(required=True)
    what.add_argument("--xliff", type=Path, metavar="FILE")
    what.add_argument("--tmx", type=Path, metavar="FILE")
    export.add_argument(
        "--doc",
        type=int,
        action="append",
        metavar="ID",
        help="document id (repeatable)",
    )
    export.add_argument(
        "--lang", help="target language (default: the first configured)"
    )
    export.set_defaults(func=cmd_export)
    imp = commands.add_parser("import", help="apply an XLIFF 1.2 file")
    imp.add_argument("file", type=Path, metavar="FILE")
    imp.add_argument(
        "--as",
        dest="user",
        required=True,
        metavar="USER",
        help="the user the changes are made as",
    )
    imp.set_defaults(func=cmd_import)


def _lang(settings: config.Settings, lang: str | None, allowed: tuple[str, ...]) -> str:
    lang = lang or settings.targets[0]
    if lang not in allowed:
        raise ConfigError(f"target language {lang!r} is not configured")
    return lang


def cmd_export(args: argparse.Namespace) -> int:
    from translate_pub.review.tmx import export_tmx
    from translate_pub.review.xliff import export_xliff
    from translate_pub.store import open_store
    from translate_pub.store.queue import document_ids

    settings = args.settings
    # XLIFF goes into any language, the source one too (English-first digests); TMX pairs
    # the source language with a target
    allowed = settings.targets if args.tmx else settings.languages
    lang, store = _lang(settings, args.lang, allowed), open_store(settings.db_url)
    with store.begin() as conn:
        if args.tmx:
            data, count = export_tmx(conn, lang, settings.source_lang)
            write_output(args.tmx, data)
            print(
                f"{args.tmx}: {count} approved translation units ({settings.source_lang}→{lang})"
            )
            return 0
        ids = args.doc or document_ids(conn, lang, WORKING)
        write_output(args.xliff, export_xliff(conn, lang, ids))
    into = f"{settings.source_lang}→{lang}" if lang in settings.targets else f"→{lang}"
    print(f"{args.xliff}: {len(ids)} document(s) ({into})")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from translate_pub.review.checks import load_glossaries
    from translate_pub.review.xliff_import import ImportRejected, import_xliff
    from translate_pub.store import open_store

    settings = args.settings
    data = read_capped(
        args.file, settings.max_bytes
    )  # a bad file fails before any store work
    store = open_store(settings.db_url)
    glossaries = load_glossaries(
        settings.glossary, settings.targets, settings.glossary_cache
    )
    try:
        report = import_xliff(
            store, data, str(args.file), args.user, settings.languages, glossaries
        )
    except ImportRejected as exc:
        for line in exc.problems:
            print(line, file=sys.stderr)
        if exc.unlisted:
            print(f"… and {exc.unlisted:,} more problem(s) not listed", file=sys.stderr)
        raise
    print(
        f"{args.file}: {report.documents} document(s), {report.units_changed} unit(s) changed"
    )
    for move in report.status_changes:
        print(f"  {move}")
    return 0
