"""The database tables (SQLAlchemy Core). Alembic migrations are generated from this.

A change here needs a new migration: `python -m translate_pub.store.migrate revision "what"`.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

# An index PostgreSQL builds `USING hash` (equality lookups of long texts), said in its
# `info` rather than by the `postgresql_using` keyword, which loads PostgreSQL's dialect in
# every command, on SQLite too. Write it into the index's migration by hand (autogenerate
# does not see it); tests/store/test_migrations.py checks the database has it.
HASH = {"using": "hash"}


class UtcDateTime(TypeDecorator[datetime]):
    """Timestamps go in and come out as aware UTC datetimes on every backend.

    SQLite keeps no time zone, so a naive value (written or read back) is taken as UTC;
    PostgreSQL's are converted to UTC whatever the session's zone.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(
        self, value: datetime | None, dialect: Dialect
    ) -> datetime | None:
        return as_utc(value)

    def process_result_value(
        self, value: datetime | None, dialect: Dialect
    ) -> datetime | None:
        return as_utc(value)


def as_utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


Ts = UtcDateTime()

documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source_lang", String(16), nullable=False),
    Column("outlet", String(200), nullable=False, index=True),
    Column("title", Text, nullable=False),
    Column("url", Text, nullable=False),
    Column("canonical_url", String(2000), nullable=False, unique=True),
    Column("slug", String(200), nullable=False, unique=True),
    Column("content_hash", String(64), nullable=False),
    Column("revision", Integer, nullable=False, default=1),
    Column("published_at", Ts),
    Column("fetched_at", Ts, nullable=False),
    Column("tags", JSON, nullable=False, default=list),
    Column(
        "kind", String(16), nullable=False, default="article", server_default="article"
    ),
    Index("ix_documents_fetched_at", "fetched_at"),  # the review queue sorts by age
)

# What a digest (a document of kind "digest") has besides a document's columns.
digests = Table(
    "digests",
    metadata,
    Column(
        "document_id", ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("author", String(200), nullable=False),
    Column("series", String(200), nullable=False, default=""),
    Column(
        "names", JSON
    ),  # language → {tag or series → its name there}, from the digest's English fields
)

# Each quote block of each revision of a digest: a run of segments of one revision of a source.
digest_quotes = Table(
    "digest_quotes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("digest_id", ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("revision", Integer, nullable=False),
    Column("ordinal", Integer, nullable=False),
    Column(
        "source_id",
        ForeignKey("documents.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("source_revision", Integer, nullable=False),
    Column("first", Integer, nullable=False),
    Column("last", Integer, nullable=False),
    UniqueConstraint("digest_id", "revision", "ordinal"),
)

# Exactly what was fetched or read for each revision of a document, gzip-compressed.
source_revisions = Table(
    "source_revisions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "document_id", ForeignKey("documents.id", ondelete="CASCADE"), nullable=False
    ),
    Column("revision", Integer, nullable=False),
    Column("url", Text, nullable=False),
    Column("fetched_at", Ts, nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("content_type", String(200), nullable=False),
    Column("raw_gz", LargeBinary, nullable=False),
    UniqueConstraint("document_id", "revision"),
)

segments = Table(
    "segments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "document_id", ForeignKey("documents.id", ondelete="CASCADE"), nullable=False
    ),
    Column("revision", Integer, nullable=False),
    Column("position", Integer, nullable=False),
    Column("paragraph", Integer, nullable=False),
    Column("sentence", Integer, nullable=False),
    Column("block", String(20), nullable=False, default="p"),
    Column("source", Text, nullable=False),
    Column("markup", JSON, nullable=False, default=dict),
    UniqueConstraint("document_id", "revision", "position"),
    # Translation-memory lookups by exact source; hash on PostgreSQL, whose btree entries are size-limited.
    Index("ix_segments_source", "source", info=HASH),
)

translations = Table(
    "translations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("segment_id", ForeignKey("segments.id", ondelete="CASCADE"), nullable=False),
    Column("lang", String(16), nullable=False),
    Column("text", Text, nullable=False),
    Column("origin", String(16), nullable=False),
    Column("engine", String(100), nullable=False, default=""),
    Column("glossary_version", String(64), nullable=False, default=""),
    Column("mt_text", Text, nullable=False, default=""),
    Column("version", Integer, nullable=False, default=1),
    Column("updated_at", Ts, nullable=False),
    Column("updated_by", String(100), nullable=False, default=""),
    UniqueConstraint("segment_id", "lang"),
)

# One ordered status per document and target language (see model.Status).
doc_status = Table(
    "doc_status",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "document_id", ForeignKey("documents.id", ondelete="CASCADE"), nullable=False
    ),
    Column("lang", String(16), nullable=False),
    Column("status", Integer, nullable=False),
    Column("assignee", String(100)),
    Column("version", Integer, nullable=False, default=1),
    Column("updated_at", Ts, nullable=False),
    # Progress (see store/progress.py): translated of all segments, source words still untranslated.
    Column("translated", Integer, nullable=False, default=0, server_default="0"),
    Column("segments", Integer, nullable=False, default=0, server_default="0"),
    Column("words_left", Integer, nullable=False, default=0, server_default="0"),
    UniqueConstraint("document_id", "lang"),
    Index("ix_doc_status_lang_status", "lang", "status", "updated_at"),
)

# Each document's search terms (`stems.terms` of its titles and current source text, once each,
# space-separated), one row per document. The full-text index over them is made by the
# migration, not declared here, and named after SEARCH_INDEX: an FTS5 table (and its own tables) on
# SQLite; on PostgreSQL a GIN index over a generated tsvector column.
doc_search = Table(
    "doc_search",
    metadata,
    Column(
        "document_id", ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("terms", Text, nullable=False),
)
SEARCH_INDEX = "doc_search_fts"


def declared(name: str | None, type_: str, _parents: object) -> bool:
    """Alembic's `include_name`: everything but the full-text indexes (and FTS5's own tables)."""
    return not (name or "").startswith((SEARCH_INDEX, MEMORY_INDEX))


# The approved memory's words (see store/memory_index.py): per segment, a token "lang:side:stem"
# for each stem of its source and of its approved translation into each language. Indexed by
# migration 0029_memory_fts: FTS5 on SQLite, a (token, segment) table on PostgreSQL; triggers
# keep either in step.
memory_texts = Table(
    "memory_texts",
    metadata,
    Column(
        "segment_id",
        ForeignKey("segments.id", ondelete="CASCADE"),
        primary_key=True,
        autoincrement=False,
    ),
    Column("words", Text, nullable=False),
)
MEMORY_INDEX = "memory_fts"

# Translation memory imported from TMX files (see store/imported.py): never approved here,
# always shown as "imported from FILE". `key` (a hash of source and target) merges duplicates.
memory_units = Table(
    "memory_units",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("lang", String(16), nullable=False),
    Column("key", String(64), nullable=False),
    Column("source", Text, nullable=False),
    Column("target", Text, nullable=False),
    Column("origin", String(20), nullable=False),
    Column("file", String(500), nullable=False),
    Column("creator", String(200), nullable=False),
    Column("changed_at", Ts, nullable=True),
    Column("imported_at", Ts, nullable=False),
    UniqueConstraint("lang", "key"),
    Index("ix_memory_units_source", "source", info=HASH),
)

# The imported memory's word index, a row per stem (as the approved memory's was until 0029), but one B-tree on SQLite (WITHOUT ROWID, no
# index by unit): a 50,000-unit import writes 1.3 million rows, and each extra tree costs a third.
memory_unit_words = Table(
    "memory_unit_words",
    metadata,
    Column("word", String(64), primary_key=True),
    Column("lang", String(16), primary_key=True),
    Column("side", String(1), primary_key=True),
    Column(
        "unit_id", ForeignKey("memory_units.id", ondelete="CASCADE"), primary_key=True
    ),
    sqlite_with_rowid=False,
)

# How approved human translations rendered each name (see terms/names.py): one row per name,
# rendering and segment, refilled with the memory's word index when a document is approved.
name_renderings = Table(
    "name_renderings",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("lang", String(16), primary_key=True),
    Column("rendering", String(64), primary_key=True),
    Column(
        "segment_id",
        ForeignKey("segments.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)

# The same, counted per name and rendering (kept in step by store/memory.index): an editor page
# reads a few rows per name instead of counting thousands of sentences for a frequent one.
name_counts = Table(
    "name_counts",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("lang", String(16), primary_key=True),
    Column("rendering", String(64), primary_key=True),
    Column("n", Integer, nullable=False),
)

revisions = Table(
    "revisions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "translation_id",
        ForeignKey("translations.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("user", String(100), nullable=False),
    Column("at", Ts, nullable=False),
    Column("action", String(30), nullable=False),
    Column("before", Text, nullable=False),
    Column("after", Text, nullable=False),
    Column(
        "page", String(64), nullable=False, server_default=""
    ),  # the editor page (tab) it was saved from
)

# QA issues dismissed as false alarms on one segment, for the text they were dismissed for.
qa_dismissals = Table(
    "qa_dismissals",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "translation_id",
        ForeignKey("translations.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("issue", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("user", String(100), nullable=False),
    Column("at", Ts, nullable=False),
)

# Sentences a reviewer decided to leave out of the translation, with why (see store/omissions.py);
# the only way an empty sentence is published: as a visible marker.
omissions = Table(
    "omissions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("segment_id", ForeignKey("segments.id", ondelete="CASCADE"), nullable=False),
    Column("lang", String(16), nullable=False),
    Column("reason", Text, nullable=False),
    Column("user", String(100), nullable=False),
    Column("at", Ts, nullable=False),
    UniqueConstraint("segment_id", "lang"),
)

# Decisions on one sentence, for History: omit and its undo, a dismissal and its removal (by a
# person, or dropped because the problem changed or went away). Rows are never changed.
segment_decisions = Table(
    "segment_decisions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "document_id", ForeignKey("documents.id", ondelete="CASCADE"), nullable=False
    ),
    Column("lang", String(16), nullable=False),
    Column("segment_id", ForeignKey("segments.id", ondelete="CASCADE"), nullable=False),
    Column("user", String(100), nullable=False),
    Column("at", Ts, nullable=False),
    Column("action", String(30), nullable=False),
    Column("subject", Text, nullable=False, default=""),  # the dismissed issue's key
    Column("reason", Text, nullable=False, default=""),
    Index("ix_segment_decisions_doc_lang", "document_id", "lang", "id"),
)

# Every status change of a document in a language, for its History.
status_changes = Table(
    "status_changes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "document_id", ForeignKey("documents.id", ondelete="CASCADE"), nullable=False
    ),
    Column("lang", String(16), nullable=False),
    Column("user", String(100), nullable=False),
    Column("at", Ts, nullable=False),
    Column("action", String(30), nullable=False),
    Column("status", Integer, nullable=False),  # the status it moved to
    Column("reason", Text, nullable=False, default=""),
    Index("ix_status_changes_doc_lang", "document_id", "lang", "id"),
)

comments = Table(
    "comments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "document_id",
        ForeignKey("documents.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("lang", String(16), nullable=False),
    Column("segment_id", ForeignKey("segments.id", ondelete="CASCADE")),
    Column("user", String(100), nullable=False),
    Column("at", Ts, nullable=False),
    Column("text", Text, nullable=False),
)

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("role", Integer, nullable=False),
    Column("password_hash", Text, nullable=False),
    Column("active", Boolean, nullable=False, default=True),
    Column("created_at", Ts, nullable=False),
)

# Review-app sessions: the cookie holds a random token; only its SHA-256 is stored, so a copy of
# the database does not let anyone in. Every app process reads the same rows.
sessions = Table(
    "sessions",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column(
        "user_id",
        Integer,
        ForeignKey("users.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("csrf", String(64), nullable=False),
    Column("created_at", Ts, nullable=False),
    Column("expires_at", Ts, nullable=False, index=True),
    Column("last_seen", Ts, nullable=False),
)

login_guesses = Table(  # a row per login attempt of the last minute, reserved before its password is checked
    "login_guesses",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(200), nullable=False),
    Column("started_at", Ts, nullable=False),
    Index("ix_login_guesses_key_started_at", "key", "started_at"),
)

login_devices = (
    Table(  # browsers a user signed in from: their guesses count apart from the name's
        "login_devices",
        metadata,
        Column("token_hash", String(64), primary_key=True),
        Column(
            "user_id",
            Integer,
            ForeignKey("users.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        Column("created_at", Ts, nullable=False),
    )
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", Ts, nullable=False, index=True),
    Column("user", String(100), nullable=False),
    Column("action", String(50), nullable=False),
    Column("detail", Text, nullable=False, default=""),
)

# A translated page's slug, from its own title, fixed when it is first published so links last.
page_slugs = Table(
    "page_slugs",
    metadata,
    Column(
        "document_id", ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("lang", String(16), primary_key=True),
    Column("slug", String(200), nullable=False),
    UniqueConstraint("lang", "slug"),
)

# Approved translations frozen at approval time; publishing reads only these.
editions = Table(
    "editions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "document_id", ForeignKey("documents.id", ondelete="CASCADE"), nullable=False
    ),
    Column("lang", String(16), nullable=False),
    Column("source_revision", Integer, nullable=False),
    Column("approved_at", Ts, nullable=False),
    Column("approved_by", String(100), nullable=False),
    Column("translated_by", JSON, nullable=False, default=list),
    Column("engine", String(100), nullable=False, default=""),
    Column("glossary_version", String(64), nullable=False, default=""),
    Column("title", Text, nullable=False),
    Column("body", JSON, nullable=False),
    Column(
        "untranslated", Integer, nullable=False, server_default="0"
    ),  # sentences with no text (title too)
    Column("names", JSON, nullable=True),  # tag/series names translated with it
    Index("ix_editions_doc_lang", "document_id", "lang", "id"),
)

# Machine translation cache: (engine, languages, glossary version, source) → output.
mt_cache = Table(
    "mt_cache",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("engine", String(100), nullable=False),
    Column("source_lang", String(16), nullable=False),
    Column("target_lang", String(16), nullable=False),
    Column("glossary_version", String(64), nullable=False),
    Column("source_hash", String(64), nullable=False),
    Column("output", Text, nullable=False),
    Column("created_at", Ts, nullable=False),
    UniqueConstraint(
        "engine", "source_lang", "target_lang", "glossary_version", "source_hash"
    ),
)

# A translate run's claim on a segment it is sending to the engine (store/leases.py).
mt_leases = Table(
    "mt_leases",
    metadata,
    Column(
        "segment_id", ForeignKey("segments.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("lang", String(16), primary_key=True),
    Column("holder", String(32), nullable=False),
    Column("expires_at", Ts, nullable=False),
)

glossary_versions = Table(
    "glossary_versions",
    metadata,
    Column("version", String(64), primary_key=True),
    Column("loaded_at", Ts, nullable=False),
    Column("terms", Integer, nullable=False),
    Column("csv", Text, nullable=False),
)

# Conditional GET state for polite re-polling (ETag / Last-Modified).
fetch_state = Table(
    "fetch_state",
    metadata,
    Column("url", String(2000), primary_key=True),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("fetched_at", Ts, nullable=False),
)
