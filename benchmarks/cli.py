"""What a user waits for at the command line, beside the cost of `import prefect` in the same run.

    .venv/bin/python benchmarks/cli.py [ROUNDS]

On a fresh home: `translate-pub --help`; the first `ingest` of a small article (it starts the
home's Prefect server); then, ROUNDS times (default 5) with the server running, `ingest` of a
new small article, `translate` and `publish`. Prints the median wall time of each, its ratio
to `python -c "import prefect"` (timed in the same rounds), and the issue's targets: warm
ingest ≤ 2.5× the import, --help ≤ 0.5× the import. Stops the home's server at the end.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
CLI = str(BIN / "translate-pub")
SAMPLE = (
    Path(__file__).resolve().parent.parent
    / "src"
    / "translate_pub"
    / "data"
    / "samples"
)
ARTICLE = """---
title: Суд оштрафовал участников акции {n}
---

Суд в Москве оштрафовал {n} человек за участие в акции 5 марта 2024 года.

Правозащитники сообщили, что задержанных отпустили к вечеру.
"""


def timed(*cmd: str, env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600)
    elapsed = time.perf_counter() - started
    if done.returncode:
        sys.exit(
            f"{' '.join(cmd[:4])}… failed ({done.returncode}): {done.stderr.strip()[-500:]}"
        )
    return elapsed


def main(rounds: int) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PREFECT_", "TRANSLATE_PUB_"))
    }
    with tempfile.TemporaryDirectory(prefix="tp-bench-cli-") as tmp:
        home = Path(tmp) / "home"
        tp = (CLI, "--home", str(home))
        timed(*tp, "init", env=env)
        figures: dict[str, list[float]] = {
            "import prefect": [],
            "--help": [],
            "ingest (warm)": [],
            "translate (warm)": [],
            "publish (warm)": [],
        }
        first = Path(tmp) / "article-0.md"
        first.write_text(ARTICLE.format(n=10), encoding="utf-8")
        try:
            figures["ingest (first: starts the server)"] = [
                timed(*tp, "ingest", str(first), env=env)
            ]
            for n in range(1, rounds + 1):
                article = Path(tmp) / f"article-{n}.md"
                article.write_text(ARTICLE.format(n=10 + n), encoding="utf-8")
                figures["import prefect"].append(
                    timed(sys.executable, "-c", "import prefect", env=env)
                )
                figures["--help"].append(timed(CLI, "--help", env=env))
                figures["ingest (warm)"].append(
                    timed(*tp, "ingest", str(article), env=env)
                )
                figures["translate (warm)"].append(timed(*tp, "translate", env=env))
                figures["publish (warm)"].append(
                    timed(*tp, "publish", "--out", str(Path(tmp) / "site"), env=env)
                )
        finally:
            subprocess.run(
                [*tp, "server", "stop"], env=env, capture_output=True, timeout=120
            )
    report(figures, rounds)


def report(figures: dict[str, list[float]], rounds: int) -> None:
    base = statistics.median(figures["import prefect"])
    print(f"median wall seconds over {rounds} rounds (2-core machine, shared)")
    print(f"{'command':<36}{'seconds':>9}{'× import prefect':>18}")
    for name, times in figures.items():
        median = statistics.median(times)
        print(f"{name:<36}{median:>9.2f}{median / base:>18.2f}")
    warm, helped = (
        statistics.median(figures["ingest (warm)"]),
        statistics.median(figures["--help"]),
    )
    print(
        f"target warm ingest ≤ 2.5× import: {warm / base:.2f}× {'met' if warm <= 2.5 * base else 'MISSED'}"
    )
    print(
        f"target --help ≤ 0.5× import:      {helped / base:.2f}× {'met' if helped <= 0.5 * base else 'MISSED'}"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
