"""Alembic environment: runs migrations on the connection the Store hands over."""

from alembic import context
from sqlalchemy import create_engine

from translate_pub.store.schema import declared, metadata

config = context.config


def run() -> None:
    conn = config.attributes.get("connection")
    if conn is not None:
        _run_on(conn)
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "")
    with engine.begin() as connection:
        _run_on(connection)


def _run_on(connection) -> None:  # type: ignore[no-untyped-def]
    # render_as_batch: SQLite cannot ALTER most things; batch mode rebuilds tables.
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=True,
        compare_type=True,
        include_name=declared,
    )
    with context.begin_transaction():
        context.run_migrations()


run()
