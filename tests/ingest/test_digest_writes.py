"""A digest of many quotes is parsed and resolved before its write transaction, and that
transaction's work does not grow with the number of quotes; a digest holds at most
TRANSLATE_PUB_MAX_QUOTES quotes."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from sqlalchemy import event

from tests.digest_newsroom import build_sources
from translate_pub.config import Settings
from translate_pub.ingest.digest_files import ingest_digests
from translate_pub.store import Store

from .test_digest import write


@contextmanager
def writing_transactions(store: Store) -> Iterator[list[int]]:
    """The number of statements each transaction that wrote ran, as it commits."""
    counts: dict[int, list[int]] = {}  # id(connection) → [statements, writes]
    done: list[int] = []

    def begin(conn) -> None:  # type: ignore[no-untyped-def]
        counts[id(conn)] = [0, 0]

    def execute(conn, _cursor, statement: str, *_args) -> None:  # type: ignore[no-untyped-def]
        found = counts.setdefault(id(conn), [0, 0])
        found[0] += 1
        found[1] += (
            statement.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        )

    def commit(conn) -> None:  # type: ignore[no-untyped-def]
        statements, writes = counts.pop(id(conn), [0, 0])
        if writes:
            done.append(statements)

    hooks = (("begin", begin), ("before_cursor_execute", execute), ("commit", commit))
    for name, hook in hooks:
        event.listen(store.engine, name, hook)
    try:
        yield done
    finally:
        for name, hook in hooks:
            event.remove(store.engine, name, hook)


def _digest(tmp_path: Path, quotes: int, name: str) -> Path:
    body = "".join(
        f'Текст {n}.\n\n{{{{< quote doc="o-nas" segments="{n % 14 + 2}" >}}}}\n\n'
        for n in range(quotes)
    )
    return write(tmp_path, body, name)


def test_the_write_transaction_does_not_grow_with_the_quotes(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    build_sources(store)
    settings = replace(settings, max_quotes=1_000)
    sizes = []
    for quotes in (10, 1_000):
        path = _digest(tmp_path, quotes, f"weekly-{quotes}.md")
        with writing_transactions(store) as done:
            saved, errors = ingest_digests(store, path, settings)
        assert errors == [] and "created" in saved[0]
        [statements] = (
            done  # one transaction wrote: the save, with nothing parsed or resolved in it
        )
        sizes.append(statements)
    assert sizes[1] <= sizes[0] + 2, (
        sizes
    )  # was one query (an edition's body decoded) per quote


def test_a_digest_holds_at_most_max_quotes(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    build_sources(store)
    path = _digest(tmp_path, 301, "weekly.md")
    assert settings.max_quotes == 300
    saved, errors = ingest_digests(store, path, settings)
    assert saved == [] and errors == [
        f"{path}:{6 + 300 * 4 + 2}: a digest quotes at most 300 times "
        "(TRANSLATE_PUB_MAX_QUOTES)"
    ]
