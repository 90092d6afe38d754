"""`translate-pub memory …`: bring past translations into the translation memory.

    memory import FILE|FOLDER...            TMX 1.4 from CAT tools (a folder: every *.tmx in it),
                                            or an alignment review file (.tsv) once reviewed
    memory align RU EN [--yes] [--review F] a Russian document and its English version (files or
                                            page URLs, read as `ingest` reads them), aligned
    memory align --pairs LIST [--yes] …     every pair a list names (RU<TAB>EN a line)

Every usable unit is imported, marked "imported from FILE" (never approved); each refused
unit or file is one line on stderr, and the command then exits non-zero. `align` writes a
review file (default alignment-review.tsv) to read before anything enters memory; `--yes`
imports its confident sentences at once.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from translate_pub.errors import InputError

REVIEW = Path("alignment-review.tsv")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add `memory import` and `memory align`."""
    parser = sub.add_parser(
        "memory",
        help="import translation memory (TMX, aligned documents)",
        description=__doc__.splitlines()[0],
    )
    commands = parser.add_subparsers(
        dest="memory_command", required=True, metavar="SUBCOMMAND"
    )
    imp = commands.add_parser(
        "import",
        help="import TMX files, folders of them, or a reviewed alignment (.tsv)",
    )
    imp.add_argument("paths", type=Path, nargs="+", metavar="FILE_OR_FOLDER")
    imp.set_defaults(func=cmd_import)
    align = commands.add_parser(
        "align", help="align past bilingual documents into memory"
    )
    align.add_argument(
        "sides",
        nargs="*",
        metavar="RU EN",
        help="the Russian document and its English version",
    )
    align.add_argument(
        "--pairs",
        type=Path,
        metavar="LIST",
        help="a file of RU<TAB>EN lines (paths relative to it)",
    )
    align.add_argument(
        "--yes",
        action="store_true",
        help="import the confident sentences without a review file",
    )
    align.add_argument(
        "--review",
        type=Path,
        default=REVIEW,
        metavar="FILE",
        help=f"where the review file goes (default {REVIEW})",
    )
    align.set_defaults(func=cmd_align)


def cmd_import(args: argparse.Namespace) -> int:
    from translate_pub.review.tmx_import import import_memory, tmx_files
    from translate_pub.store import open_store

    settings = args.settings
    files = [f for p in args.paths for f in tmx_files(p)]
    store = open_store(settings.db_url)
    problems = 0
    for path in files:
        report = import_memory(store, path, settings)
        for refused in report.refused:
            print(refused, file=sys.stderr)
        print(report, file=sys.stderr if report.failed else sys.stdout)
        problems += len(report.refused) + bool(report.failed)
    if problems:
        raise InputError(
            ", ".join(map(str, args.paths)), f"{problems} problem(s), listed above"
        )
    return 0


def cmd_align(args: argparse.Namespace) -> int:
    from translate_pub.ingest.fetch import Fetcher
    from translate_pub.ingest.run import read_document
    from translate_pub.review.align import align_documents
    from translate_pub.review.align_review import AlignedUnit, write_review
    from translate_pub.review.tmx_import import import_units
    from translate_pub.store import open_store

    settings = args.settings
    pairs = _pairs(args)
    store = (
        open_store(settings.db_url) if args.yes else None
    )  # an unusable store fails before the work
    beads, lang = [], settings.targets[0]
    with Fetcher(max_bytes=settings.max_bytes) as fetcher:
        for ru, en in pairs:
            found = align_documents(
                read_document(ru, settings, settings.source_lang, fetcher),
                read_document(en, settings, "en", fetcher),
                Path(ru).name,
            )
            kept = found.kept
            print(
                f"{ru} + {en}: {len(found.beads)} sentence pairs, {len(kept)} confident "
                f"({sum(b.ru_sentences for b in kept)} of {found.sentences} Russian sentences)"
            )
            if store is not None:
                report = import_units(
                    store, [AlignedUnit(lang, b.ru, b.en) for b in kept], Path(ru).name
                )
                print(f"  {report}")
            beads += found.beads
    if store is None:
        write_review(args.review, beads)
        print(
            f"{args.review}: {len(beads)} rows to review (keep: yes/no); then `translate-pub memory import "
            f"{args.review}`"
        )
    return 0


def _pairs(args: argparse.Namespace) -> list[tuple[str, str]]:
    if args.pairs and args.sides or not args.pairs and len(args.sides) != 2:
        raise InputError("memory align", "give RU and EN, or --pairs LIST")
    if not args.pairs:
        return [(args.sides[0], args.sides[1])]
    from translate_pub.files import read_text

    found = []
    for n, line in enumerate(read_text(args.pairs).splitlines(), start=1):
        if line.strip() and not line.startswith("#"):
            sides = line.split("\t")
            if len(sides) != 2 or not all(s.strip() for s in sides):
                raise InputError(f"{args.pairs}:{n}", "expected RU<TAB>EN")
            found.append(tuple(_beside(args.pairs, s.strip()) for s in sides))
    return found  # type: ignore[return-value]


def _beside(listed: Path, side: str) -> str:
    return (
        side
        if side.startswith(("http://", "https://")) or Path(side).is_absolute()
        else str(listed.parent / side)
    )
