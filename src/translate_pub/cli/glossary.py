"""`translate-pub glossary …`: term matching, compliance check and TBX exchange for scripts.

    glossary match  [--glossary CSV] --json FILE
    glossary check  [--glossary CSV] --source RU_FILE --target EN_FILE --json [--lang en]
    glossary export [--glossary CSV] --tbx FILE
    glossary import [--glossary CSV] FILE
    glossary candidates [--min N] [--accept RU [--en FORM] | --reject RU]   (see cli/candidates.py)

match and check print one JSON object per input line, in order. check exits 1 when
any line violates the glossary (like a linter), 0 when all comply. import merges a
TBX file into the CSV: same id → replaced, new id → appended, other rows kept.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from translate_pub.cli.candidates import add_candidates
from translate_pub.cli.startup import loading
from translate_pub.errors import InputError
from translate_pub.files import read_text

if TYPE_CHECKING:  # the termbase modules load when a command runs
    from translate_pub.terms.glossary import Glossary
    from translate_pub.terms.match import Match, Matcher


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the `glossary` command and its subcommands."""
    parser = sub.add_parser(
        "glossary",
        help="match terms, check translations, exchange TBX",
        description="Term matching, compliance check and TBX exchange.",
    )
    commands = parser.add_subparsers(
        dest="glossary_command", required=True, metavar="SUBCOMMAND"
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--glossary",
        type=Path,
        metavar="CSV",
        help="termbase folder or CSV (default: the project's glossary/)",
    )

    match = commands.add_parser(
        "match", parents=[common], help="find terms in Russian segments, one per line"
    )
    match.add_argument(
        "--json",
        dest="file",
        type=Path,
        required=True,
        metavar="FILE",
        help="UTF-8 file with one Russian segment per line",
    )
    match.set_defaults(func=cmd_match)

    chk = commands.add_parser(
        "check",
        parents=[common],
        help="check line-aligned translations against the glossary",
        description="Exit status 1 when any line misses a term or uses a forbidden variant.",
    )
    chk.add_argument("--source", type=Path, required=True, metavar="RU_FILE")
    chk.add_argument("--target", type=Path, required=True, metavar="EN_FILE")
    chk.add_argument(
        "--json",
        action="store_true",
        required=True,
        help="print one JSON object per line",
    )
    chk.add_argument(
        "--lang", default="en", help="target language of EN_FILE (default en)"
    )
    chk.set_defaults(func=cmd_check)

    export = commands.add_parser(
        "export", parents=[common], help="write the glossary as TBX"
    )
    export.add_argument("--tbx", type=Path, required=True, metavar="FILE")
    export.set_defaults(func=cmd_export)

    imp = commands.add_parser(
        "import", parents=[common], help="merge a TBX file into the glossary CSV"
    )
    imp.add_argument("file", type=Path, metavar="FILE")
    imp.set_defaults(func=cmd_import)
    add_candidates(commands, common)


def _glossary_path(args: argparse.Namespace) -> Path:
    return args.glossary or args.settings.glossary


def _glossary(args: argparse.Namespace) -> Glossary:
    """The validated glossary (validated once per version: the verdict is cached under the home)."""
    from translate_pub.terms.cache import cached_glossary

    return cached_glossary(_glossary_path(args), args.settings.glossary_cache)


def _matcher(args: argparse.Namespace, glossary: Glossary) -> Matcher:
    """The compiled matcher, cached under the home so a large glossary is compiled once."""
    from translate_pub.terms.match import matcher_for

    return matcher_for(glossary, args.settings.glossary_cache)


def _lines(path: Path, max_bytes: int) -> list[str]:
    """The lines of a UTF-8 text file, without line ends; a final newline adds no empty line."""
    lines = read_text(path, max_bytes).split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.removesuffix("\r") for line in lines]


def _emit(obj: dict[str, object]) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def cmd_match(args: argparse.Namespace) -> int:
    segments = _lines(
        args.file, args.settings.max_bytes
    )  # a bad input fails before any glossary work (or cache write)
    # A batch makes hundreds of thousands of small objects that reference counting frees:
    # the cyclic collector would walk the loaded tables again and again for nothing.
    with loading():
        glossary = _glossary(args)
        matcher = _matcher(args, glossary)
        found = matcher.find_many(segments)
        # One write: with PYTHONUNBUFFERED (or a terminal) each write is a system call.
        sys.stdout.write(
            "".join(
                _MATCHES % (n, ", ".join(map(_match_json, matches)))
                for n, matches in enumerate(found, start=1)
            )
        )
    return 0


# What `_emit` would write for a line's matches, put together from strings: a long text
# has thousands of matches, and a dict and its encoding for each cost more than the match.
_MATCHES = '{"line": %d, "matches": [%s]}\n'
_MATCH = '{"id": %s, "start": %d, "end": %d, "surface": %s, "en": %s, "possible": %s}'
# What json.dumps(ensure_ascii=False) writes for a string, without its Python-level calls.
_text = json.encoder.encode_basestring


def _match_json(m: Match) -> str:
    return _MATCH % (
        _text(m.term_id),
        m.start,
        m.end,
        _text(m.surface),
        _text(m.en),
        "true" if m.possible else "false",
    )


def cmd_check(args: argparse.Namespace) -> int:
    from translate_pub.terms.check import check

    max_bytes = args.settings.max_bytes
    sources, targets = _lines(args.source, max_bytes), _lines(args.target, max_bytes)
    if len(sources) != len(targets):
        raise InputError(
            str(args.target),
            f"{len(targets)} lines, but {args.source} has {len(sources)}; "
            "the files must be line-aligned",
        )
    clean = True
    with loading():
        glossary = _glossary(args)
        matcher = _matcher(args, glossary)
        for n, (matches, target) in enumerate(
            zip(matcher.find_many(sources), targets, strict=True), start=1
        ):
            result = check(matches, target, glossary, lang=args.lang)
            clean = clean and result.ok
            _emit(
                {
                    "line": n,
                    "missing": list(result.missing),
                    "forbidden": list(result.forbidden),
                    "possible": list(result.possible),
                }
            )
    return 0 if clean else 1


def cmd_export(args: argparse.Namespace) -> int:
    from translate_pub.terms.tbx import (
        write_tbx,  # translate-toolkit is slow to import; only here
    )

    glossary = _glossary(args)
    write_tbx(glossary.terms, args.tbx)
    print(
        f"exported {len(glossary.terms)} terms (glossary {glossary.version[:12]}) to {args.tbx}"
    )
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from translate_pub.terms.glossary import csv_path, merge_into
    from translate_pub.terms.tbx import read_tbx

    target = csv_path(_glossary_path(args))
    added, updated = merge_into(target, read_tbx(args.file, args.settings.max_bytes))
    print(f"imported {args.file}: {added} added, {updated} updated in {target}")
    return 0
