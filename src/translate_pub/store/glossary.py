"""Glossary versions seen by this store, so a translation's glossary_version can be looked up."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import Connection, insert, select

from translate_pub.store import schema as t


def record_glossary(
    conn: Connection,
    version: str,
    terms: int,
    csv_text: str,
    at: datetime | None = None,
) -> bool:
    """Keep the exact termbase text of a version the first time it is seen (`at`, default
    now: the date its glossary page shows)."""
    if conn.execute(
        select(t.glossary_versions.c.version).where(
            t.glossary_versions.c.version == version
        )
    ).first():
        return False
    conn.execute(
        insert(t.glossary_versions).values(
            version=version,
            loaded_at=at or datetime.now(UTC),
            terms=terms,
            csv=csv_text,
        )
    )
    return True


def glossary_csvs(conn: Connection, versions: Iterable[str]) -> dict[str, str]:
    """The termbase text of each of these versions this store has seen (unknown ones are left out)."""
    wanted = sorted(set(versions))
    if not wanted:
        return {}
    gv = t.glossary_versions
    return dict(
        conn.execute(select(gv.c.version, gv.c.csv).where(gv.c.version.in_(wanted)))
        .tuples()
        .all()
    )


def glossary_dates(conn: Connection, versions: Iterable[str]) -> dict[str, datetime]:
    """When this store first saw each of these versions (unknown ones are left out)."""
    gv = t.glossary_versions
    rows = conn.execute(
        select(gv.c.version, gv.c.loaded_at).where(
            gv.c.version.in_(sorted(set(versions)))
        )
    )
    return dict(rows.tuples().all())
