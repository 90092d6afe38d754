"""`translate-pub mt …`: machine-translation engines, for people and scripts.

    mt engines                                   list the engine names
    mt eval --engine NAME --src FILE --ref FILE  BLEU, chrF and glossary compliance

eval reads line-aligned UTF-8 files (one segment per line) and translates every
source line the way the pipeline would, glossary included.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from translate_pub import config
from translate_pub.errors import InputError
from translate_pub.mt.evaluate import evaluate, read_lines
from translate_pub.mt.registry import get_engine, names
from translate_pub.terms.glossary import Glossary, csv_path, load_glossary


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the `mt` command and its subcommands."""
    parser = sub.add_parser("mt", help="machine-translation engines: list, evaluate",
                            description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="mt_command", required=True, metavar="SUBCOMMAND")
    commands.add_parser("engines", help="list the engine names").set_defaults(func=engines_command)
    ev = commands.add_parser("eval", help="score an engine against reference translations")
    ev.add_argument("--engine", help="engine name (default $TRANSLATE_PUB_ENGINE or recorded)")
    ev.add_argument("--src", type=Path, required=True, metavar="FILE", help="source segments, one per line")
    ev.add_argument("--ref", type=Path, required=True, metavar="FILE", help="reference translations, line-aligned")
    ev.add_argument("--glossary", type=Path, help="termbase folder or CSV (default: the project's glossary/)")
    ev.add_argument("--source-lang", help="language of FILE (default $TRANSLATE_PUB_SOURCE or ru)")
    ev.add_argument("--lang", help="target language (default the first of $TRANSLATE_PUB_TARGETS)")
    ev.set_defaults(func=eval_command)


def engines_command(args: argparse.Namespace) -> int:
    print("\n".join(names()))
    return 0


def eval_command(args: argparse.Namespace) -> int:
    settings = config.load(args.home)
    sources, references = read_lines(args.src), read_lines(args.ref)
    if len(sources) != len(references):
        raise InputError(str(args.ref), f"{len(references)} lines, but {args.src} has {len(sources)}")
    glossary_path = args.glossary or settings.glossary
    if args.glossary or csv_path(glossary_path).exists():
        glossary = load_glossary(glossary_path)
    else:  # no termbase yet: score the engine alone
        glossary = Glossary(terms=(), version="none")
    engine = get_engine(args.engine or settings.engine)
    result = evaluate(engine, glossary, sources, references, args.source_lang or settings.source_lang,
                      args.lang or settings.targets[0])
    print(result.report())
    return 0
