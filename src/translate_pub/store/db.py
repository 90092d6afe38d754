"""The engine, the one transaction factory, and schema migration on open."""

from __future__ import annotations

import ast
import functools
import json
import os
import re
import zlib
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import orjson
from sqlalchemy import (
    ColumnElement,
    Connection,
    CursorResult,
    Engine,
    Table,
    bindparam,
    create_engine,
    event,
    func,
    inspect,
    literal_column,
    select,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import (
    ArgumentError,
    NoSuchModuleError,
    OperationalError,
    SQLAlchemyError,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.visitors import InternalTraversal
from sqlalchemy.types import NullType, Text, TypeDecorator

from translate_pub.errors import ConfigError, StoreError

# Alembic loads only to migrate: a command that opens a store skips it.
if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy.dialects import postgresql, sqlite

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(url: str) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


_REVISION = re.compile(r"^(down_revision|revision)\b[^=\n]*=(.+)$", re.MULTILINE)


@functools.cache
def schema_head() -> str | None:
    """The newest migration's revision: the one no script names as its parent. Read from the
    scripts' `revision` lines, as Alembic's ScriptDirectory reads them (a test holds the two to
    the same answer), without importing Alembic (0.1 s of every command). Once per process: a
    flow opens a store per task."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in (MIGRATIONS / "versions").glob("*.py"):
        for name, value in _REVISION.findall(script.read_text(encoding="utf-8")):
            found = ast.literal_eval(value.strip())
            found = found if isinstance(found, tuple) else (found,)
            (revisions if name == "revision" else parents).update(found)
    heads = revisions - parents
    if len(heads) > 1:
        raise StoreError(f"the migrations have {len(heads)} heads: {sorted(heads)}")
    return heads.pop() if heads else None


def ids_in(column: ColumnElement[int], ids: Collection[int]) -> ColumnElement[bool]:
    """`column IN ids` for any number of integer ids.

    The ids are rendered into the SQL (safe: they are ints), because one bound parameter
    per id fails past 65535 on PostgreSQL (psycopg) and 32766 on SQLite.
    """
    return column.in_(
        bindparam(None, [int(i) for i in ids], expanding=True, literal_execute=True)
    )


class _IdsJson(TypeDecorator[list[int]]):
    """A list of ids bound as one JSON text, for SQLite's json_each."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str:
        return json.dumps([int(i) for i in value])


class _AnyOf(ColumnElement[Any]):
    """`column IN` the ids bound at execution as the parameter `name` (see `any_of`)."""

    inherit_cache = True
    type = NullType()  # a predicate as it stands: Boolean would add SQLite's "= 1"
    _traverse_internals = [
        ("column", InternalTraversal.dp_clauseelement),
        ("name", InternalTraversal.dp_string),
    ]

    def __init__(self, column: ColumnElement[int], name: str) -> None:
        self.column, self.name = column, name


@compiles(_AnyOf)
def _any_of_literal(element: _AnyOf, compiler: SQLCompiler, **kw: Any) -> str:
    ids: Any = bindparam(element.name, expanding=True, literal_execute=True)
    return compiler.process(element.column.in_(ids), **kw)


@compiles(_AnyOf, "sqlite")
def _any_of_json(element: _AnyOf, compiler: SQLCompiler, **kw: Any) -> str:
    ids: Any = func.json_each(bindparam(element.name, type_=_IdsJson()))
    return compiler.process(
        element.column.in_(select(literal_column("value")).select_from(ids)), **kw
    )


def any_of(column: ColumnElement[int], name: str) -> ColumnElement[bool]:
    """`ids_in` for a statement built once: the ids come at execution as the parameter `name`
    (a list of ints). On SQLite one JSON parameter read by json_each, so the statement's text
    is the same whatever the ids (SQLite's statement cache keeps it prepared; rendering the ids
    into it cost SQLAlchemy more than SQLite running it); elsewhere rendered as `ids_in` does."""
    return cast(ColumnElement[bool], _AnyOf(column, name))


def inserted_id(result: CursorResult[Any]) -> int:
    """The primary key an INSERT of one row made."""
    key = result.inserted_primary_key
    if key is None:
        raise StoreError("the database returned no key for a new row")
    return int(key[0])


# Rows in one INSERT at most: 512 rows of a few columns stay far below SQLite's 32,766
# parameters and PostgreSQL's 65,535.
ROWS_PER_INSERT = 512


def insert_rows(
    conn: Connection,
    table: Table,
    columns: tuple[str, ...],
    rows: Sequence[tuple[object, ...]],
) -> None:
    """Insert many plain rows (ints and strings) in a few multi-row statements (`pieces`).

    Not a dict of bound parameters per row: building those cost more than SQLite's insert
    itself (memory indexing at approval). Not an executemany, which SQLite runs as a statement
    per row: FTS5 writes its pending terms to the index at every statement of a transaction,
    so the memory index (memory_texts, under FTS5) wrote and merged an index segment per row."""
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    names = ", ".join(conn.dialect.identifier_preparer.quote(c) for c in columns)
    group = f"({', '.join([mark] * len(columns))})"
    start = 0
    for size in pieces(len(rows)):
        chunk = rows[start : start + size]
        start += size
        conn.exec_driver_sql(
            f"INSERT INTO {table.name} ({names}) VALUES {', '.join([group] * size)}",
            tuple(value for row in chunk for value in row),
        )


def pieces(n: int) -> list[int]:
    """How `insert_rows` splits n rows: `ROWS_PER_INSERT` at a time, then the powers of two of
    what is left, largest first (30: 16, 8, 4, 2). So a table is written by at most 10
    statement texts, whatever the lengths of its documents, and the connection's cache of
    prepared statements (128 in Python's sqlite3) keeps the rest of an approval's."""
    full, rest = divmod(n, ROWS_PER_INSERT)
    return [ROWS_PER_INSERT] * full + [
        1 << b for b in range(rest.bit_length() - 1, -1, -1) if rest >> b & 1
    ]


def upsert(conn: Connection, table: Table) -> postgresql.Insert | sqlite.Insert:
    """An INSERT into `table` that takes ON CONFLICT clauses, in the connection's dialect:
    PostgreSQL's is imported only where it is used (it is ~30 ms of every command's start-up)."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table)
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(table)


def hold(conn: Connection, key: str) -> None:
    """Serialise the transactions that hold `key`, until this one ends: an advisory lock on
    PostgreSQL (on no row, so it joins no row lock's order); SQLite has one writer anyway."""
    if conn.dialect.name == "postgresql":
        conn.execute(
            text("SELECT pg_advisory_xact_lock(:k)"), {"k": zlib.crc32(key.encode())}
        )


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
    cur = dbapi_conn.cursor()
    # WAL lets the review app read while a flow writes; busy_timeout waits for locks
    # instead of failing at once.
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    # Indexes keyed by text (segments by source, the imported memory's words) take each
    # transaction's rows all over their trees: a 32 MiB page cache (default 2 MiB) keeps them
    # in memory, and a WAL checkpointed every 10,000 pages (default 1,000) copies a page
    # rewritten by several transactions back once (benchmarks/store_load.py). The approved
    # memory's word index, a thousand scattered pages an approval, is FTS5 since 0029.
    cur.execute("PRAGMA cache_size=-32768")
    cur.execute("PRAGMA wal_autocheckpoint=10000")
    cur.close()


def make_engine(url: str) -> Engine:
    try:
        if url.startswith("sqlite"):
            path = url.split("///", 1)[-1]
            if path and path != ":memory:":
                _private_file(Path(path))
            # a publish decodes two JSON columns of every edition (psycopg decodes its own)
            engine = create_engine(
                url,
                connect_args={"check_same_thread": False, "timeout": 30},
                json_deserializer=_json_loads,
            )
            event.listen(engine, "connect", _sqlite_pragmas)
            return engine
        return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)
    except (ArgumentError, NoSuchModuleError, ValueError) as exc:
        raise ConfigError(f"bad database URL {redact(url)!r}: {exc}") from None


def _private_file(path: Path) -> None:
    """The SQLite file's folder (0700 when we make it) and the file itself, made 0600 before SQLite
    opens it: it holds password hashes, sessions and unpublished drafts (SQLite gives its -wal and
    -shm files the database's mode)."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # Only a new file is opened here: closing a descriptor of a database this process already has
        # open releases SQLite's POSIX locks on it (a long-lived process, `serve`, opens several
        # stores), and the next reader finds the "database disk image is malformed".
        if not path.exists():
            with suppress(FileExistsError):
                os.close(os.open(path, os.O_RDONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except (
        OSError
    ) as exc:  # the home is a file, under a read-only folder, or not ours to enter
        raise StoreError(
            f"cannot open the store {path}: {exc.strerror or exc}"
        ) from None


def _json_loads(text: str) -> object:
    """orjson's speed, with the standard library's leniency for what it refuses (NaN, lone surrogates,
    integers beyond 64 bits) but `json.dumps` may have written."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)


def redact(url: str) -> str:
    """A database URL fit for a log line: the password replaced by ***."""
    head, sep, tail = url.partition("@")
    if not sep or ":" not in head.split("//", 1)[-1]:
        return url
    scheme_user, _, _pw = head.rpartition(":")
    return f"{scheme_user}:***@{tail}"


def _end_reading(conn: Connection, sqlite: bool) -> None:
    """Roll back a reading transaction; SQLite's query_only is the connection's own, so it is
    set back before the connection returns to the pool, which never gets it back read-only."""
    try:
        conn.rollback()
        if sqlite:
            conn.exec_driver_sql("PRAGMA query_only=OFF")
    except BaseException:
        conn.invalidate()
        raise


class Store:
    """One database: its engine, its migrations and its transactions."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """A transaction: committed when the block ends, rolled back on any error."""
        try:
            with self.engine.begin() as conn:
                yield conn
        except OperationalError as exc:
            raise StoreError(f"database {redact(self.url)}: {exc.orig}") from exc

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """A transaction that may only read: the database itself refuses a write in it
        (SQLite's query_only, PostgreSQL's READ ONLY), and it is rolled back when the block ends."""
        sqlite = self.url.startswith("sqlite")
        try:
            with self.engine.connect() as conn:
                conn.exec_driver_sql(
                    "PRAGMA query_only=ON" if sqlite else "SET TRANSACTION READ ONLY"
                )
                try:
                    yield conn
                finally:
                    _end_reading(conn, sqlite)
        except OperationalError as exc:
            raise StoreError(f"database {redact(self.url)}: {exc.orig}") from exc

    def migrate(self) -> None:
        """Create or upgrade the schema to the newest migration."""
        if self.url.startswith(
            "sqlite:///"
        ):  # a store made before its mode was set on purpose
            with suppress(OSError):
                os.chmod(self.url.split("///", 1)[-1], 0o600)
        try:
            from alembic import command

            with self.engine.begin() as conn:
                cfg = alembic_config(self.url)
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
        except SQLAlchemyError as exc:
            raise StoreError(
                f"cannot migrate database {redact(self.url)}: {exc}"
            ) from None

    def is_current(self) -> bool:
        try:
            with self.engine.connect() as conn:
                current = _revision(conn)
        except SQLAlchemyError as exc:
            raise StoreError(
                f"cannot open database {redact(self.url)}: {exc}"
            ) from None
        return current == schema_head()

    def dispose(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        # Flows open a store per task: closing its pool keeps PostgreSQL connections bounded.
        self.dispose()


def _revision(conn: Connection) -> str | None:
    """The database's migration revision (Alembic's version table), None before the first."""
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def open_store(url: str, *, migrate: bool = False) -> Store:
    """Open a store; with `migrate`, bring its schema up to date first."""
    store = Store(url)
    if migrate:
        store.migrate()
    elif not store.is_current():
        raise StoreError(
            f"database {redact(url)} is not initialised or outdated: run `translate-pub init`"
        )
    return store
