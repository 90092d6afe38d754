"""One changed article, republished: the incremental figure of benchmarks/publish.py without its slow load.

    .venv/bin/python benchmarks/publish_incremental.py HOME SITE [--runs 5] [--search]

HOME is a translate-pub home whose store benchmarks/publish.py already loaded (keep its WORK,
e.g. WORK/translate-pub); SITE is the site link to publish to (a full build first if it is
missing). Each run edits article 1's translation and approves it again (publish.change_one),
then times `publish_site` (with --search as benchmarks/publish.py's "with search" line: the
side-by-side pages too, and the link to the search index, timed until the site switches; the
index itself is built after). Prints the median wall and CPU seconds with the load average. For a
baseline in the same run, run it again with PYTHONPATH=<another checkout>/src and its own SITE.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from publish import change_one  # noqa: E402  (benchmarks/ is not a package)

import translate_pub  # noqa: E402
from translate_pub import config  # noqa: E402
from translate_pub.publish.site import publish_site  # noqa: E402
from translate_pub.store import Store  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("home", type=Path)
    parser.add_argument("site", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--search", action="store_true")
    args = parser.parse_args()
    views = {"parallel": args.search, "search": args.search}
    settings = replace(config.load(args.home), site_url="https://example.org/")
    store = Store(settings.db_url)
    store.migrate()
    if not args.site.exists():
        publish_site(store, settings, args.site, **views)
    publish_site(
        store, settings, args.site, **views
    )  # the next build has a spare to take over
    walls, cpus = [], []
    for _ in range(args.runs):
        change_one(store)
        wall, cpu = time.perf_counter(), time.process_time()
        publish_site(store, settings, args.site, **views)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    load = os.getloadavg()[0]
    print(
        f"one article changed{', with search' if args.search else ''}: {statistics.median(walls):.3f} s wall {statistics.median(cpus):.3f} s cpu "
        f"(median of {args.runs}; load {load:.1f}) code: {Path(translate_pub.__file__).parent}"
    )
    store.dispose()


if __name__ == "__main__":
    main()
