"""Loading approved documents through the store's own functions, as the publish benchmark's store
is loaded (benchmarks/publish.py `load_store`): per FLORES article, save the document, save its
drafts, submit and approve (gate, edition, History, memory) through the workflow, one
transaction per article, as the app approves. Beside a baseline tree in the same run.

    .venv/bin/python benchmarks/store_load.py [--docs 500] [--baseline ce492e5]

Each tree loads the same `--docs` articles into its own temporary SQLite store, in a child
process with PYTHONPATH pointing at its source (the baseline's: a `git worktree` in a temporary
folder, removed at the end; the load function is this tree's, so both trees do the same
work). Prints wall and CPU seconds and milliseconds per article, and the load average: on
a shared machine CPU time is the steadier figure, and the bytes written (to the database's
write-ahead log and its checkpoints, from /proc/self/io) do not depend on load.
Issue #27's target: 5,000 articles in ≤ 60 s (12 ms an article). FLORES_DIR as for
benchmarks/publish.py.
"""

from __future__ import annotations

import argparse
import json
import os
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
sys.path.insert(0, sys.argv[3])  # benchmarks/: publish.load_store
import publish
from translate_pub import config
from translate_pub.store import Store

home, docs = Path(sys.argv[1]), int(sys.argv[2])
store = Store(config.load(home).db_url)
store.migrate()

def written():  # bytes this process handed to write(): the database's log and its checkpoints
    io = Path("/proc/self/io")
    return int(io.read_text().split("wchar:")[1].split()[0]) if io.exists() else 0

wall, cpu, io = time.perf_counter(), time.process_time(), written()
publish.load_store(store, docs)
wall, cpu, io = time.perf_counter() - wall, time.process_time() - cpu, written() - io
store.dispose()
print(json.dumps({"wall": wall, "cpu": cpu, "written": io}))
"""


def measure(src: Path, docs: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="store-load-") as home:
        env = {
            **os.environ,
            "PYTHONPATH": f"{src}:{ROOT}",
            "TRANSLATE_PUB_TARGETS": "en",
        }
        env.pop("TRANSLATE_PUB_DB", None)
        out = subprocess.run(
            [sys.executable, "-c", CHILD, home, str(docs), str(ROOT / "benchmarks")],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    return json.loads(out.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=500)
    parser.add_argument(
        "--baseline", default="ce492e5", help="commit to compare with (a git worktree)"
    )
    args = parser.parse_args()
    print(
        f"loading {args.docs} approved FLORES articles (load {os.getloadavg()[0]:.1f})",
        flush=True,
    )
    with worktree(args.baseline) as base:  # removed again at the end
        trees = (
            (f"baseline {args.baseline}", base / "src"),
            ("this tree", ROOT / "src"),
        )
        for name, src in trees:
            r = measure(src, args.docs)
            print(
                f"{name:<18} wall {r['wall']:6.1f} s ({r['wall'] / args.docs * 1000:5.1f} ms/article)"
                f"   cpu {r['cpu']:6.1f} s ({r['cpu'] / args.docs * 1000:5.1f} ms/article)"
                f"   written {r['written'] / args.docs / 1024:6.0f} KiB/article"
                f"   → 5,000 at this rate: {r['wall'] / args.docs * 5000:4.0f} s wall",
                flush=True,
            )
    print(f"(load {os.getloadavg()[0]:.1f} at the end)")


if __name__ == "__main__":
    main()
