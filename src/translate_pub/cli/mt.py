"""`translate-pub mt …`: machine-translation engines, for people and scripts.

    mt engines                                   list the engine names
    mt eval --engine NAME --src FILE --ref FILE  BLEU, chrF and glossary compliance
    mt eval --hyp FILE --src FILE --ref FILE     the same for a system's output file, without an engine

eval reads line-aligned UTF-8 files (one segment per line) and translates every
source line the way the pipeline would, glossary included; with --hyp the output
file's lines stand in for the engine's (cleaned, then house style enforced), so a
newsroom can compare engines on its own texts.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from translate_pub.errors import InputError

if TYPE_CHECKING:  # the MT stack loads when a command runs
    from translate_pub.mt.base import Engine


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the `mt` command and its subcommands."""
    parser = sub.add_parser(
        "mt",
        help="machine-translation engines: list, evaluate",
        description=__doc__.splitlines()[0],
    )
    commands = parser.add_subparsers(
        dest="mt_command", required=True, metavar="SUBCOMMAND"
    )
    commands.add_parser("engines", help="list the engine names").set_defaults(
        func=cmd_engines
    )
    ev = commands.add_parser(
        "eval", help="score an engine against reference translations"
    )
    system = ev.add_mutually_exclusive_group()
    system.add_argument(
        "--engine", help="engine name (default $TRANSLATE_PUB_ENGINE or recorded)"
    )
    system.add_argument(
        "--hyp",
        type=Path,
        metavar="FILE",
        help="a system's output, line-aligned with --src",
    )
    ev.add_argument(
        "--src",
        type=Path,
        required=True,
        metavar="FILE",
        help="source segments, one per line",
    )
    ev.add_argument(
        "--ref",
        type=Path,
        required=True,
        metavar="FILE",
        help="reference translations, line-aligned",
    )
    ev.add_argument(
        "--glossary",
        type=Path,
        help="termbase folder or CSV (default: the project's glossary/)",
    )
    ev.add_argument(
        "--source-lang", help="language of FILE (default $TRANSLATE_PUB_SOURCE or ru)"
    )
    ev.add_argument(
        "--lang", help="target language (default the first of $TRANSLATE_PUB_TARGETS)"
    )
    ev.set_defaults(func=cmd_eval)


def _hypotheses(
    path: Path, sources: list[str], source_lang: str, lang: str, max_bytes: int
) -> Engine:
    from translate_pub.mt.evaluate import read_lines
    from translate_pub.mt.recorded import RecordedEngine

    outputs = read_lines(path, max_bytes)
    if len(outputs) != len(sources):
        raise InputError(
            str(path), f"{len(outputs)} lines, but the source has {len(sources)}"
        )
    # An empty line is the system's miss, scored as one.
    return RecordedEngine.from_pairs(
        path.name,
        [(s, o) for s, o in zip(sources, outputs, strict=True) if o.strip()],
        source_lang,
        lang,
    )


def cmd_engines(args: argparse.Namespace) -> int:
    from translate_pub.mt.registry import names

    print("\n".join(names()))
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from translate_pub.mt.evaluate import evaluate, read_lines
    from translate_pub.mt.registry import get_engine
    from translate_pub.terms.glossary import Glossary, csv_path, load_glossary

    settings = args.settings
    sources, references = (
        read_lines(args.src, settings.max_bytes),
        read_lines(args.ref, settings.max_bytes),
    )
    if len(sources) != len(references):
        raise InputError(
            str(args.ref), f"{len(references)} lines, but {args.src} has {len(sources)}"
        )
    glossary_path = args.glossary or settings.glossary
    if args.glossary or csv_path(glossary_path).exists():
        glossary = load_glossary(glossary_path)
    else:  # no termbase yet: score the engine alone
        glossary = Glossary(terms=(), version="none")
    source_lang, lang = (
        args.source_lang or settings.source_lang,
        args.lang or settings.targets[0],
    )
    engine = (
        _hypotheses(args.hyp, sources, source_lang, lang, settings.max_bytes)
        if args.hyp
        else get_engine(args.engine or settings.engine)
    )
    result = evaluate(engine, glossary, sources, references, source_lang, lang)
    print(result.report())
    return 0
