"""The `translate-pub` command. Subcommand names are a stable, scripted interface.

Every expected failure is a `TranslatePubError`, printed here as one line with no
traceback, exit status 1; argparse usage errors exit 2.
"""

from __future__ import annotations

import argparse
import sys

from translate_pub.cli import core, demo, digest, glossary, mt, review
from translate_pub.errors import TranslatePubError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="translate-pub", description=__doc__.splitlines()[0])
    parser.add_argument("--home", help="data home (default $TRANSLATE_PUB_HOME or ./.translate-pub/)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in (core, digest, glossary, review, mt, demo):
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except TranslatePubError as exc:
        print(f"translate-pub: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("translate-pub: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
