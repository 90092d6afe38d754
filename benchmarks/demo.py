"""How long `translate-pub demo` makes a new user wait for its URLs, beside a baseline checkout.

    .venv/bin/python benchmarks/demo.py [ROUNDS] [BASELINE_DIR]

Each round runs the demo on a fresh home (so the home's Prefect server starts from nothing)
and times two moments from the command's start: the URLs printed, and the review app
answering at the printed URL. Then, on the same home with its server still running, a second
demo (the warm case). With BASELINE_DIR, a checkout with its own `.venv` (`git worktree add
/tmp/base f3866a3 && python3 /tmp/base/dev.py setup`: the demo before issue 14, which started
a Prefect server of its own and waited for it before any work), the baseline's demo runs in
each round right after ours, so both meet the same machine load. Prints medians (ROUNDS,
default 3) and the ratios. Stops every server it started.
"""

from __future__ import annotations

import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

OURS = Path(__file__).resolve().parent.parent
URL_LINE = "Prefect UI:"  # the last of the URL lines, in both versions


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def run_demo(tree: Path, home: Path) -> tuple[float, float]:
    """Seconds until the URLs are printed and until the review app answers; then stop the demo."""
    cli = str(tree / ".venv" / "bin" / "translate-pub")
    port = free_port()
    cmd = [cli, "--home", str(home), "demo", "--port", str(port)]
    if (
        "--prefect-port"
        in subprocess.run(
            [cli, "demo", "--help"], capture_output=True, text=True
        ).stdout
    ):
        cmd += [
            "--prefect-port",
            str(free_port()),
        ]  # the baseline's own server, on a free port
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PREFECT_", "TRANSLATE_PUB_"))
    }
    started = time.perf_counter()
    demo = subprocess.Popen(
        cmd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        cwd=home.parent,
        start_new_session=True,
    )
    try:
        shown = _urls_shown(demo, started)
        answered = _answering(demo, port, started)
    finally:
        os.killpg(demo.pid, signal.SIGINT)  # Ctrl-C, as a user stops it
        demo.wait(timeout=120)
    return shown, answered


def _urls_shown(demo: subprocess.Popen[str], started: float) -> float:
    for line in demo.stdout:  # type: ignore[union-attr]
        if line.startswith(URL_LINE):
            return time.perf_counter() - started
    sys.exit(f"the demo ended (exit {demo.wait()}) without printing its URLs")


def _answering(demo: subprocess.Popen[str], port: int, started: float) -> float:
    with httpx.Client(timeout=5) as client:
        while demo.poll() is None:
            try:
                client.get(f"http://127.0.0.1:{port}/")
                return time.perf_counter() - started
            except httpx.TransportError:
                time.sleep(
                    0.05
                )  # polling a starting server's port: nothing else to wait on
    sys.exit(f"the demo ended (exit {demo.returncode}) before its review app answered")


def stop_home_server(tree: Path, home: Path) -> None:
    subprocess.run(
        [
            str(tree / ".venv" / "bin" / "translate-pub"),
            "--home",
            str(home),
            "server",
            "stop",
        ],
        capture_output=True,
        timeout=120,
    )


def main(rounds: int, baseline: Path | None) -> None:
    figures: dict[str, list[tuple[float, float]]] = {
        "ours, fresh home": [],
        "ours, warm (second demo)": [],
    }
    if baseline:
        figures["baseline, fresh home"] = []
    for _ in range(rounds):
        with tempfile.TemporaryDirectory(prefix="tp-bench-demo-") as tmp:
            home = Path(tmp) / "home"
            try:
                figures["ours, fresh home"].append(run_demo(OURS, home))
                figures["ours, warm (second demo)"].append(run_demo(OURS, home))
            finally:
                stop_home_server(OURS, home)
            if baseline:
                figures["baseline, fresh home"].append(
                    run_demo(baseline, Path(tmp) / "base-home")
                )
    report(figures, rounds)


def report(figures: dict[str, list[tuple[float, float]]], rounds: int) -> None:
    print(
        f"median seconds from `translate-pub demo` to … over {rounds} rounds (2-core machine, shared)"
    )
    print(f"{'demo':<28}{'URLs printed':>14}{'app answers':>14}")
    medians = {}
    for name, times in figures.items():
        medians[name] = tuple(statistics.median(t[i] for t in times) for i in (0, 1))
        print(f"{name:<28}{medians[name][0]:>14.1f}{medians[name][1]:>14.1f}")
    if "baseline, fresh home" in medians:
        ours, base = medians["ours, fresh home"], medians["baseline, fresh home"]
        print(
            f"ours / baseline, fresh home: URLs {ours[0] / base[0]:.2f}×, app {ours[1] / base[1]:.2f}×"
        )
        pairs = zip(
            figures["ours, fresh home"], figures["baseline, fresh home"], strict=True
        )
        print(
            "per round (ours/baseline, URLs): "
            + ", ".join(f"{o[0] / b[0]:.2f}×" for o, b in pairs)
        )


if __name__ == "__main__":
    main(
        int(sys.argv[1]) if len(sys.argv) > 1 else 3,
        Path(sys.argv[2]) if len(sys.argv) > 2 else None,
    )
