"""Migrations build, from an empty database, exactly the schema that schema.py declares,
on SQLite and on PostgreSQL (the `store` fixture runs each test against both)."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from translate_pub.errors import StoreError
from translate_pub.store import Store, open_store
from translate_pub.store.schema import HASH, declared, metadata


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


def test_an_index_declared_hash_is_one_on_postgresql(store):
    declared_hash = {
        index.name
        for table in metadata.tables.values()
        for index in table.indexes
        if index.info == HASH
    }
    assert declared_hash >= {"ix_segments_source", "ix_memory_units_source"}
    if store.engine.dialect.name != "postgresql":
        return  # SQLite has one kind of index
    inspector = inspect(store.engine)
    built_hash = {
        index["name"]
        for name in metadata.tables
        for index in inspector.get_indexes(name)
        if index.get("dialect_options", {}).get("postgresql_using") == "hash"
    }
    assert built_hash == declared_hash


def test_migrate_twice_is_harmless(store):
    store.migrate()
    assert store.is_current()


def test_opening_an_uninitialised_store_says_run_init(db_url):
    with pytest.raises(StoreError, match="run `translate-pub init`"):
        open_store(db_url).dispose()


def test_schema_head_is_alembics_head():
    # The store reads the head from the scripts' own lines, without Alembic: the same answer.
    from alembic.script import ScriptDirectory

    from translate_pub.store.db import alembic_config, schema_head

    alembic_head = ScriptDirectory.from_config(alembic_config("")).get_current_head()
    assert schema_head() == alembic_head


def test_the_revision_read_is_alembics(store):
    from translate_pub.store.db import _revision

    with store.engine.connect() as conn:
        assert (
            _revision(conn) == MigrationContext.configure(conn).get_current_revision()
        )
        assert _revision(conn) is not None


def test_a_store_check_does_not_load_alembic(tmp_path):
    # `translate-pub ingest` checks the store before every run: Alembic loads only to migrate.
    import subprocess
    import sys

    from translate_pub.store import open_store as opened

    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    opened(url, migrate=True).dispose()
    code = (
        "import sys; from translate_pub.store import open_store; "
        f"open_store({url!r}).dispose(); "
        "print(sorted(m for m in sys.modules if m.startswith('alembic')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"
