"""A migrated, empty Prefect database that a fresh home's Prefect server starts from.

On a new SQLite database, Prefect's server runs over a hundred Alembic migrations and
registers its block types before it answers: on a busy 2-core machine that is more than
half of a fresh home's first start (measured at load 10: 36 s, against 17 s from a migrated
copy). `build()` does
that once per installation, in a throwaway PREFECT_HOME, and keeps the result beside the
interpreter (`SEED`, named by the Prefect version, so an upgrade builds a new one);
`plant(folder)` copies it into a home's Prefect folder that has no database yet. The seed
holds only Prefect's own tables, never a home's runs. Without a seed, or with a database
configured in the environment, the server creates its database as before.

    python -m translate_pub.orchestra.seed     build the seed if it is missing (`dev.py setup` runs it)
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sqlite3
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path

SEED = Path(sys.prefix) / "share" / "translate-pub" / f"prefect-{version('prefect')}.db"
CONFIGURED = (
    "PREFECT_API_DATABASE_CONNECTION_URL",
    "PREFECT_SERVER_DATABASE_CONNECTION_URL",
)


def plant(folder: Path) -> None:
    """Give the Prefect server in `folder` (its PREFECT_HOME) the seed as its database, if it has none."""
    target = folder / "prefect.db"
    if (
        any(os.environ.get(name) for name in CONFIGURED)
        or target.exists()
        or not SEED.is_file()
    ):
        return
    folder.mkdir(parents=True, exist_ok=True)
    fd, partial = tempfile.mkstemp(dir=folder, prefix=".prefect-db-")
    with os.fdopen(fd, "wb") as out, SEED.open("rb") as seed:
        out.write(seed.read())
    os.replace(partial, target)


def build() -> None:
    """Migrate an empty Prefect database and register the block types, then keep it as `SEED`."""
    if SEED.is_file():
        return
    with tempfile.TemporaryDirectory(prefix="tp-prefect-seed-") as tmp:
        os.environ["PREFECT_HOME"] = (
            tmp  # before Prefect is imported: it reads its settings then
        )
        for name in CONFIGURED:
            os.environ.pop(name, None)
        asyncio.run(_create())
        SEED.parent.mkdir(parents=True, exist_ok=True)
        fd, partial = tempfile.mkstemp(dir=SEED.parent, prefix=".seed-")
        os.close(fd)
        os.unlink(partial)  # VACUUM INTO writes a new file only
        with contextlib.closing(sqlite3.connect(Path(tmp) / "prefect.db")) as db:
            db.execute("VACUUM INTO ?", (partial,))  # one file, no WAL: safe to copy
        os.replace(partial, SEED)


async def _create() -> None:
    from prefect.server.database import provide_database_interface
    from prefect.server.models.block_registration import run_block_auto_registration

    db = provide_database_interface()
    await db.create_db()
    async with await db.session() as session:
        await run_block_auto_registration(session=session)
        await session.commit()


if __name__ == "__main__":
    build()
