"""The flow commands against the home's running Prefect server, beside `import prefect` in the
same rounds; prints figures, asserts nothing.

    .venv/bin/python benchmarks/flow_commands.py [--rounds 5] [--baseline CHECKOUT]

Each variant gets a fresh home: `init`, the bundled FLORES samples ingested and translated with
the recorded engine and approved, one publish (its Prefect server is then running and warm).
Then ROUNDS rounds, in turn: `python -c "import prefect"`, and for each variant `ingest` of a
new small article, `translate` (what is pending: the new article) and `publish` (the approved
samples: a build with nothing to rewrite). Each command is a whole process, timed from outside:
wall seconds, and CPU seconds (user + sys, the process's own from wait4). Printed per command:
the medians and the median of each round's ratio to the import (the target: ≤ 1.5×).

--baseline measures another checkout in the same rounds (its src/ and flows/ first on the path),
e.g. `git worktree add /tmp/base 0e3785f`; the machine's load moves both alike.

Every process runs with its modules' bytecode already compiled (as a pip install leaves it):
the processes share a PYTHONPYCACHEPREFIX of their own, filled by the untimed preparation (a
shell with PYTHONDONTWRITEBYTECODE would otherwise compile the package's source in every
command, not in `import prefect`, whose bytecode the virtualenv holds).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from publish_button import APPROVE  # approve as a reviewer would, in the variant's code

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "src" / "translate_pub" / "data" / "samples"
ARTICLE = """---
title: Суд оштрафовал участников акции {n}
---

Суд в Москве оштрафовал {n} человек за участие в акции 5 марта 2024 года.

Правозащитники сообщили, что задержанных отпустили к вечеру.
"""
COMMANDS = ("ingest", "translate", "publish")
TARGET = 1.5


class Variant:
    """One checkout of the project, with a home of its own."""

    def __init__(self, name: str, checkout: Path, tmp: Path) -> None:
        self.name, self.cwd = name, tmp / name
        self.home, self.site = self.cwd / "home", self.cwd / "site"
        self.cwd.mkdir(parents=True)
        self.env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("PREFECT_", "TRANSLATE_PUB_"))
        }
        self.env["TRANSLATE_PUB_TARGETS"] = "en"
        if checkout != ROOT:  # its flows as translate_pub_flows, its src first
            (self.cwd / "path").mkdir()
            (self.cwd / "path" / "translate_pub_flows").symlink_to(checkout / "flows")
            self.env["PYTHONPATH"] = (
                f"{self.cwd / 'path'}{os.pathsep}{checkout / 'src'}"
            )
        self.cli = [
            sys.executable,
            "-c",
            "from translate_pub.cli import console; console()",
        ]
        self.articles = 0

    def argv(self, *args: str) -> list[str]:
        return [*self.cli, "--home", str(self.home), *args]

    def run(self, *args: str) -> tuple[float, float]:
        return run_timed(self.argv(*args), self.env, self.cwd)

    def prepare(self) -> None:
        self.run("init")
        flores = sorted(str(p) for p in SAMPLES.glob("flores-*.md"))
        self.run("ingest", *flores)
        self.run("translate")
        subprocess.run(
            [sys.executable, "-c", APPROVE, str(self.home)],
            env=self.env,
            cwd=self.cwd,
            check=True,
            capture_output=True,
        )
        self.run("publish", "--out", str(self.site))

    def command(self, name: str) -> tuple[float, float]:
        if name == "ingest":
            self.articles += 1
            article = self.cwd / f"article-{self.articles}.md"
            article.write_text(ARTICLE.format(n=10 + self.articles), encoding="utf-8")
            return self.run("ingest", str(article))
        if name == "publish":
            return self.run("publish", "--out", str(self.site))
        return self.run(name)

    def stop(self) -> None:
        subprocess.run(
            self.argv("server", "stop"), env=self.env, cwd=self.cwd, capture_output=True
        )


def run_timed(argv: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """Wall and CPU seconds (user + sys, from wait4) of one whole process; exits on failure."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        argv,
        env=env,
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stderr.close()
    if proc.returncode:
        sys.exit(f"{' '.join(argv[-4:])} failed: {err.decode()[-400:]}")
    return wall, usage.ru_utime + usage.ru_stime


def report(figures: dict[str, list[tuple[float, float]]], rounds: int) -> None:
    base = figures["import prefect"]
    print(
        f"{rounds} rounds; load {os.getloadavg()[0]:.1f} at the end; 2-core machine, shared"
    )
    print(
        f"{'command':<26}{'wall s':>8}{'cpu s':>8}{'wall ×import':>14}{'cpu ×import':>13}"
    )
    for name, times in figures.items():
        wall = statistics.median(t[0] for t in times)
        cpu = statistics.median(t[1] for t in times)
        wall_x = statistics.median(
            t[0] / b[0] for t, b in zip(times, base, strict=True)
        )
        cpu_x = statistics.median(t[1] / b[1] for t, b in zip(times, base, strict=True))
        mark = (
            ""
            if name == "import prefect"
            else ("  met" if wall_x <= TARGET else "  MISSED")
        )
        print(f"{name:<26}{wall:>8.2f}{cpu:>8.2f}{wall_x:>14.2f}{cpu_x:>13.2f}{mark}")
    print(f"target: each command's wall ≤ {TARGET}× the import, warm")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--baseline", type=Path, help="another checkout, same rounds")
    args = parser.parse_args()
    checkouts = {"this": ROOT}
    if args.baseline:
        checkouts["baseline"] = args.baseline.resolve()
    with tempfile.TemporaryDirectory(prefix="tp-bench-flows-") as tmp:
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
        os.environ["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "bytecode")
        variants = [Variant(n, c, Path(tmp)) for n, c in checkouts.items()]
        figures: dict[str, list[tuple[float, float]]] = {"import prefect": []}
        try:
            for variant in variants:
                variant.prepare()
            for _ in range(args.rounds):
                figures["import prefect"].append(
                    run_timed(
                        [sys.executable, "-c", "import prefect"],
                        variants[0].env,
                        Path(tmp),
                    )
                )
                for variant in variants:
                    for name in COMMANDS:
                        key = f"{name} ({variant.name})"
                        figures.setdefault(key, []).append(variant.command(name))
        finally:
            for variant in variants:
                variant.stop()
    report(figures, args.rounds)


if __name__ == "__main__":
    main()
