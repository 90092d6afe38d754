"""Migrations build, from an empty database, exactly the schema that schema.py declares,
on SQLite and on PostgreSQL (the `store` fixture runs each test against both)."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from translate_pub.errors import StoreError
from translate_pub.store import Store, open_store
from translate_pub.store.schema import declared, metadata


def test_upgrade_from_empty_creates_every_table(db_url):
    store = Store(db_url)
    try:
        assert not store.is_current()
        store.migrate()
        assert store.is_current()
        assert set(inspect(store.engine).get_table_names()) >= set(metadata.tables)
    finally:
        store.dispose()


def test_migrations_match_the_declared_schema(store):
    with store.engine.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(
                conn, opts={"compare_type": True, "include_name": declared}
            ),
            metadata,
        )
    assert diff == []


def test_migrate_twice_is_harmless(store):
    store.migrate()
    assert store.is_current()


def test_opening_an_uninitialised_store_says_run_init(db_url):
    with pytest.raises(StoreError, match="run `translate-pub init`"):
        open_store(db_url).dispose()
