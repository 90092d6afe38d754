"""`translate-pub memory …`: bring past translations into the translation memory.

    memory import FILE.tmx|FOLDER...    TMX 1.4 from CAT tools (a folder: every *.tmx in it)

Every usable unit is imported, marked "imported from FILE" (never approved); each refused
unit or file is one line on stderr, and the command then exits non-zero.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from translate_pub import config
from translate_pub.errors import InputError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add `memory import`."""
    parser = sub.add_parser("memory", help="import translation memory (TMX)", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="memory_command", required=True, metavar="SUBCOMMAND")
    imp = commands.add_parser("import", help="import TMX files or folders of them")
    imp.add_argument("paths", type=Path, nargs="+", metavar="FILE_OR_FOLDER")
    imp.set_defaults(func=cmd_import)


def cmd_import(args: argparse.Namespace) -> int:
    from translate_pub.review.tmx_import import import_tmx, tmx_files
    from translate_pub.store import open_store

    settings = config.load(args.home)
    files = [f for p in args.paths for f in tmx_files(p)]
    store = open_store(settings.db_url)
    problems = 0
    for path in files:
        report = import_tmx(store, path, settings)
        for refused in report.refused:
            print(refused, file=sys.stderr)
        print(report, file=sys.stderr if report.failed else sys.stdout)
        problems += len(report.refused) + bool(report.failed)
    if problems:
        raise InputError(", ".join(map(str, args.paths)), f"{problems} problem(s), listed above")
    return 0
