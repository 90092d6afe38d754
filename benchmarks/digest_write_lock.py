"""How long a digest of many quotes holds the store's write lock; prints figures, asserts nothing.

    .venv/bin/python benchmarks/digest_write_lock.py [--quotes 1900] [--rounds 2] [--baseline CHECKOUT]

Each round, in a fresh process per variant: a new SQLite store with the digest test newsroom
(tests/digest_newsroom.py), then `ingest_digests` of one file with --quotes quote shortcodes.
Printed: the time from the first write statement of the transaction that writes to its commit
(what a translator's save waits for), that transaction's statements, and the whole command.
--baseline runs the same child against another checkout (its src/ and the checkout itself first
on the path), alternating with this one in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import fields, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def child(quotes: int) -> dict[str, float]:
    from sqlalchemy import event

    from tests.digest_newsroom import build_sources
    from translate_pub import config
    from translate_pub.ingest.digest_files import ingest_digests
    from translate_pub.store import Store

    tmp = Path(tempfile.mkdtemp())
    settings = config.load(tmp / "home")
    if "max_quotes" in {f.name for f in fields(settings)}:
        settings = replace(settings, max_quotes=quotes)
    store = Store(settings.db_url)
    store.migrate()
    build_sources(store)
    open_tx: dict[int, list[float]] = {}  # connection → [statements, first write]
    spans: list[tuple[float, float]] = []

    def execute(conn, _cursor, statement: str, *_args) -> None:  # type: ignore[no-untyped-def]
        tx = open_tx.setdefault(id(conn), [0, 0.0])
        tx[0] += 1
        if not tx[1] and statement.lstrip().upper().startswith(
            ("INSERT", "UPDATE", "DELETE")
        ):
            tx[1] = time.perf_counter()

    def commit(conn) -> None:  # type: ignore[no-untyped-def]
        tx = open_tx.pop(id(conn), None)
        if tx and tx[1]:
            spans.append((time.perf_counter() - tx[1], tx[0]))

    event.listen(store.engine, "before_cursor_execute", execute)
    event.listen(store.engine, "commit", commit)
    body = "".join(
        f'Текст {n}.\n\n{{{{< quote doc="o-nas" segments="{n % 14 + 2}" >}}}}\n\n'
        for n in range(quotes)
    )
    path = tmp / "digests" / "weekly.md"
    path.parent.mkdir()
    path.write_text(
        f"---\ntitle: Обзор\nauthor: Rights in Russia\ndate: 2017-06-26\n---\n{body}",
        encoding="utf-8",
    )
    started = time.perf_counter()
    done, errors = ingest_digests(store, path, settings)
    total = time.perf_counter() - started
    assert done and not errors, errors
    lock, statements = max(spans)
    return {"lock": lock, "statements": statements, "total": total}


def run(checkout: Path, quotes: int) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": f"{checkout}:{checkout / 'src'}"}
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(quotes)],
        env=env,
        cwd=checkout,
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quotes", type=int, default=1900)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--baseline", type=Path)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child)))
        return
    variants = [("this", ROOT)] + (
        [("baseline", args.baseline.resolve())] if args.baseline else []
    )
    print(
        f"{args.quotes} quotes; write lock held (first write → commit), its statements, whole ingest"
    )
    for n in range(args.rounds):
        for name, checkout in variants:
            r = run(checkout, args.quotes)
            print(
                f"round {n + 1} {name:8} lock {r['lock']:6.2f} s  statements {r['statements']:6.0f}  "
                f"ingest {r['total']:6.2f} s"
            )


if __name__ == "__main__":
    main()
