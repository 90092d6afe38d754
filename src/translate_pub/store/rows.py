"""Typed rows of the stored documents and segments, as the store hands them out (never raw SQL rows)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from sqlalchemy import Row


@dataclass(frozen=True)
class StoredDocument:
    """A document as stored: its provenance, slug and current source revision."""

    id: int
    source_lang: str
    outlet: str
    title: str
    url: str
    canonical_url: str
    slug: str
    content_hash: str
    revision: int
    published_at: datetime | None
    fetched_at: datetime
    tags: list[str]
    kind: str

    @classmethod
    def of(cls, row: Row[Any]) -> StoredDocument:
        """From a row of the table's columns (columns added later are left out)."""
        return cls(**{f.name: row._mapping[f.name] for f in fields(cls)})


@dataclass(frozen=True)
class StoredSegment:
    """One sentence of one source revision, with its database id."""

    id: int
    document_id: int
    revision: int
    position: int
    paragraph: int
    sentence: int
    block: str
    source: str
    markup: dict[str, dict[str, str]]

    @classmethod
    def of(cls, row: Row[Any]) -> StoredSegment:
        """From a row of the table's columns (columns added later are left out)."""
        return cls(**{f.name: row._mapping[f.name] for f in fields(cls)})
