"""digest numbering: shortcodes in stored digests count sentences as the editor does (1 = the title)

Shortcodes used to count from 0, the editor from 1, so `segments="3"` quoted the editor's
sentence 4. The quotes themselves (`digest_quotes`, stored positions) do not change; the
archived Markdown of every digest revision is rewritten so that editing it again in the
composer quotes the same sentences, and its content hash follows so re-saving it unchanged
stays a no-op.

Revision ID: 0020_digest_numbering
Revises: 0020_harden_logins
Create Date: 2026-12-06 05:20:00
"""

import gzip
import hashlib
import re

import sqlalchemy as sa
from alembic import op

revision = "0020_digest_numbering"
down_revision = "0020_harden_logins"
branch_labels = None
depends_on = None

SHORTCODE = re.compile(r"\{\{<\s*quote\s+(?:\w+=\"[^\"]*\"\s*)+>\}\}")
SEGMENTS = re.compile(r"segments=\"(\s*)(\d+)(?:(\s*-\s*)(\d+))?(\s*)\"")


def upgrade() -> None:
    _renumber(op.get_bind(), +1)


def downgrade() -> None:
    _renumber(op.get_bind(), -1)


def shift(text: str, by: int) -> str:
    """Every shortcode's sentence numbers moved by `by`."""

    def numbers(m: re.Match[str]) -> str:
        run = f"{int(m.group(2)) + by}" + (
            f"{m.group(3)}{int(m.group(4)) + by}" if m.group(4) else ""
        )
        return f'segments="{m.group(1)}{run}{m.group(5)}"'

    return SHORTCODE.sub(lambda call: SEGMENTS.sub(numbers, call.group(0)), text)


def _renumber(conn: sa.Connection, by: int) -> None:
    revisions = conn.execute(
        sa.text(
            "SELECT r.id, r.document_id, r.revision, r.raw_gz, d.revision AS current FROM source_revisions r "
            "JOIN documents d ON d.id = r.document_id WHERE d.kind = 'digest'"
        )
    ).all()
    for r in revisions:
        raw = gzip.decompress(r.raw_gz)
        new = shift(raw.decode("utf-8", errors="surrogateescape"), by).encode(
            "utf-8", errors="surrogateescape"
        )
        if new == raw:
            continue
        digest = hashlib.sha256(
            new + f"\n{_refs(conn, r.document_id, r.revision)}".encode()
        ).hexdigest()
        conn.execute(
            sa.text(
                "UPDATE source_revisions SET raw_gz = :raw, content_hash = :h WHERE id = :id"
            ),
            {"raw": gzip.compress(new, mtime=0), "h": digest, "id": r.id},
        )
        if r.revision == r.current:
            conn.execute(
                sa.text("UPDATE documents SET content_hash = :h WHERE id = :id"),
                {"h": digest, "id": r.document_id},
            )


def _refs(conn: sa.Connection, digest_id: int, revision: int) -> str:
    """The quotes part of a digest's content hash, as ingest/digest.py computes it."""
    rows = conn.execute(
        sa.text(
            'SELECT source_id, source_revision, "first", "last" FROM digest_quotes '
            "WHERE digest_id = :d AND revision = :r ORDER BY ordinal"
        ),
        {"d": digest_id, "r": revision},
    ).all()
    return "|".join(
        f"{q.source_id}:{q.source_revision}:{q.first}-{q.last}" for q in rows
    )
