"""Loading approved documents through the store's own functions, as the publish benchmark's store
is loaded (benchmarks/publish.py `load_store`): per FLORES article, save the document, save its
drafts, submit and approve (gate, edition, History, memory) through the workflow, one
transaction per article, as the app approves. Beside a baseline tree in the same run.

    .venv/bin/python benchmarks/store_load.py [--docs 500] [--baseline 7c679de]

Each tree loads the same `--docs` articles into its own temporary SQLite store, in a child
process with PYTHONPATH pointing at its source (the baseline's: a `git worktree` in a temporary
folder, removed at the end; the load function is this tree's, so both trees do the same
work). The two take turns, `--chunk` articles at a time, the first of each pair alternating:
this machine's speed drifts by 10-20% within minutes, and one tree loading after the other
measured the drift as often as the change. Prints wall and CPU seconds and milliseconds per
article, the median of the chunks' ratios (this tree ÷ baseline), and the load average; the
bytes written (to the database's write-ahead log and its checkpoints, from /proc/self/io) do
not depend on load.
Issue #27's target: 5,000 articles in ≤ 60 s (12 ms an article). FLORES_DIR as for
benchmarks/publish.py.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.baseline_tree import worktree  # noqa: E402

CHILD = r"""
import json, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[2])  # benchmarks/: publish.load_store
import publish
from translate_pub import config
from translate_pub.store import Store

store = Store(config.load(Path(sys.argv[1])).db_url)
store.migrate()

def written():  # bytes this process handed to write(): the database's log and its checkpoints
    io = Path("/proc/self/io")
    return int(io.read_text().split("wchar:")[1].split()[0]) if io.exists() else 0

print("ready", flush=True)
for line in sys.stdin:  # "start end": load those articles and say what it took
    start, end = map(int, line.split())
    wall, cpu, io = time.perf_counter(), time.process_time(), written()
    publish.load_store(store, end, start)
    wall, cpu, io = time.perf_counter() - wall, time.process_time() - cpu, written() - io
    print(json.dumps({"wall": wall, "cpu": cpu, "written": io}), flush=True)
store.dispose()
"""


class Loader:
    """A child process loading articles into its own store with one tree's source, on request."""

    def __init__(self, name: str, src: Path, home: Path) -> None:
        env = {
            **os.environ,
            "PYTHONPATH": f"{src}:{ROOT}",
            "TRANSLATE_PUB_TARGETS": "en",
        }
        env.pop("TRANSLATE_PUB_DB", None)
        self.name, self.total = name, {"wall": 0.0, "cpu": 0.0, "written": 0.0}
        self.chunks: list[float] = []  # CPU seconds of each chunk
        home.mkdir()
        self.proc = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(home), str(ROOT / "benchmarks")],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        if (line := self._answer()).strip() != "ready":  # migrated
            raise SystemExit(f"{self.name}: expected 'ready', the child said {line!r}")

    def _answer(self) -> str:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            raise SystemExit(
                f"{self.name}: the loading process ended (exit {self.proc.wait()})"
            )
        return line

    def load(self, start: int, end: int) -> None:
        assert self.proc.stdin is not None
        try:
            self.proc.stdin.write(f"{start} {end}\n")
            self.proc.stdin.flush()
        except BrokenPipeError:
            raise SystemExit(
                f"{self.name}: the loading process ended (exit {self.proc.wait()})"
            ) from None
        r = json.loads(self._answer())
        for k in self.total:
            self.total[k] += r[k]
        self.chunks.append(r["cpu"])

    def close(self) -> None:
        if self.proc.stdin is not None:
            with contextlib.suppress(BrokenPipeError):  # it ended already
                self.proc.stdin.close()
        self.proc.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=500)
    parser.add_argument("--chunk", type=int, default=250, help="articles a turn")
    parser.add_argument(
        "--baseline", default="7c679de", help="commit to compare with (a git worktree)"
    )
    args = parser.parse_args()
    if args.docs < 1 or args.chunk < 1:
        parser.error("--docs and --chunk take a number of articles, at least 1")
    print(
        f"loading {args.docs} approved FLORES articles (load {os.getloadavg()[0]:.1f})",
        flush=True,
    )
    with (
        worktree(args.baseline) as base,  # removed again at the end
        tempfile.TemporaryDirectory(prefix="store-load-") as homes,
    ):
        loaders: list[Loader] = []
        try:
            loaders.append(
                Loader(f"baseline {args.baseline}", base / "src", Path(homes) / "base")
            )
            loaders.append(Loader("this tree", ROOT / "src", Path(homes) / "this"))
            for n, start in enumerate(range(0, args.docs, args.chunk)):
                end = min(start + args.chunk, args.docs)
                for loader in loaders if n % 2 == 0 else loaders[::-1]:
                    loader.load(start, end)
        finally:
            for loader in loaders:
                loader.close()
    for loader in loaders:
        r = loader.total
        print(
            f"{loader.name:<18} wall {r['wall']:6.1f} s ({r['wall'] / args.docs * 1000:5.1f} ms/article)"
            f"   cpu {r['cpu']:6.1f} s ({r['cpu'] / args.docs * 1000:5.1f} ms/article)"
            f"   written {r['written'] / args.docs / 1024:6.0f} KiB/article"
            f"   → 5,000 at this rate: {r['wall'] / args.docs * 5000:4.0f} s wall",
            flush=True,
        )
    base_chunks, this_chunks = loaders[0].chunks, loaders[1].chunks
    ratios = sorted(t / b for t, b in zip(this_chunks, base_chunks, strict=True) if b)
    print(
        f"this tree ÷ baseline, CPU of the {len(ratios)} chunks: median "
        f"{statistics.median(ratios):.2f}× (min {ratios[0]:.2f}×, max {ratios[-1]:.2f}×)"
    )
    print(f"(load {os.getloadavg()[0]:.1f} at the end)")


if __name__ == "__main__":
    main()
