"""Importing a large TMX into the translation memory: what `translate-pub memory import` costs.

    .venv/bin/python benchmarks/tmx_import.py [--units 50000]

Writes a TMX of `--units` units shaped like an OmegaT export (FLORES-like sentence lengths, one
in five with an inline bpt/ept pair, one in ten a duplicate of an earlier unit with a newer
date) into a fresh home, then runs the command a user runs, as a separate process, and prints
its wall time and peak memory (RSS of that process) against the goals (30 s, 300 MB). Beside
it, in the same run: the same file only parsed by lxml's iterparse (no conversion, no store),
the floor any importer pays, and `translate-pub init` on a fresh home (start-up and migrations).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
CLI = ROOT / ".venv" / "bin" / "translate-pub"
WORDS_RU = [
    "суд",
    "активист",
    "задержание",
    "полиция",
    "акция",
    "протест",
    "приговор",
    "статья",
    "штраф",
    "Москва",
    "журналист",
    "адвокат",
    "заседание",
    "обвинение",
    "дело",
    "решение",
    "митинг",
]
WORDS_EN = [
    "court",
    "activist",
    "detention",
    "police",
    "rally",
    "protest",
    "sentence",
    "article",
    "fine",
    "Moscow",
    "journalist",
    "lawyer",
    "hearing",
    "charge",
    "case",
    "decision",
    "meeting",
]


def sentence(rng: random.Random, words: list[str], n: int, code: bool) -> str:
    picked = [rng.choice(words) for _ in range(n)]
    if code:
        picked[1] = (
            f'<bpt i="1" x="1">&lt;b0&gt;</bpt>{picked[1]}<ept i="1">&lt;/b0&gt;</ept>'
        )
    return " ".join(picked) + "."


def write_tmx(path: Path, units: int) -> None:
    rng = random.Random(26)
    made: list[tuple[str, str]] = []
    with path.open("w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n<header creationtool="OmegaT" '
            'o-tmf="OmegaT TMX" adminlang="EN-US" datatype="plaintext" segtype="sentence" srclang="ru-RU"/>\n'
            "<body>\n"
        )
        for k in range(units):
            if made and k % 10 == 9:
                ru, en = rng.choice(made)
            else:
                n, code = rng.randint(8, 30), k % 5 == 0
                ru, en = (
                    sentence(rng, WORDS_RU, n, code) + f" {k}",
                    sentence(rng, WORDS_EN, n, code) + f" {k}",
                )
                made.append((ru, en))
            out.write(
                f'<tu><tuv xml:lang="ru-RU"><seg>{ru}</seg></tuv><tuv xml:lang="en-GB" changeid="t{k % 7}" '
                f'changedate="2024{1 + k % 12:02d}01T000000Z"><seg>{en}</seg></tuv></tu>\n'
            )
        out.write("</body>\n</tmx>\n")


def run(args: list[str], home: Path) -> tuple[float, float, int]:
    """Wall and CPU seconds, and the child's peak RSS in MB (ru_maxrss of the finished children so far)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [str(CLI), "--home", str(home), *args],
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - started
    if done.returncode:
        sys.exit(f"{args[0]} failed: {done.stderr.strip()}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    print(f"  {' '.join(args[:2])}: {done.stdout.strip()}")
    return wall, cpu, after.ru_maxrss // 1024


def parse_only(path: Path) -> float:
    started = time.perf_counter()
    for _event, el in etree.iterparse(
        str(path), tag="tu", resolve_entities=False, no_network=True
    ):
        el.clear()
        while el.getprevious() is not None:
            del el.getparent()[0]
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=50_000)
    units = parser.parse_args().units
    with tempfile.TemporaryDirectory() as tmp:
        path, home = Path(tmp) / "big.tmx", Path(tmp) / "home"
        write_tmx(path, units)
        print(f"{units:,} units, {path.stat().st_size / 1e6:.1f} MB")
        init, init_cpu, _ = run(["init"], home)
        wall, cpu, peak = run(["memory", "import", str(path)], home)
        floor = parse_only(path)
    print(
        f"memory import: {wall:.1f} s wall, {cpu:.1f} s CPU, peak RSS {peak} MB  (goals: 30 s, 300 MB; "
        f"load average {os.getloadavg()[0]:.1f})"
    )
    print(
        f"baselines, same run: lxml iterparse alone {floor:.1f} s; translate-pub init on a fresh home "
        f"{init:.1f} s wall, {init_cpu:.1f} s CPU"
    )


if __name__ == "__main__":
    main()
