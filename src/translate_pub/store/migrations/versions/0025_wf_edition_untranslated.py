"""editions.untranslated: how many of an edition's sentences (its title included) have no text, counted
at approval, so that publishing can refuse such an edition without reading its body

Revision ID: 0025_wf_edition_untranslated
Revises: 0024_wf_drop_translation_qa
Create Date: 2026-12-06 06:30:00
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0025_wf_edition_untranslated"
down_revision = "0024_wf_drop_translation_qa"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "editions",
        sa.Column("untranslated", sa.Integer(), nullable=False, server_default="0"),
    )
    editions = sa.table(
        "editions",
        sa.column("id", sa.Integer),
        sa.column("title", sa.Text),
        sa.column("body", sa.Text),
        sa.column("untranslated", sa.Integer),
    )
    conn = op.get_bind()
    found = []
    for row in conn.execute(
        sa.select(editions.c.id, editions.c.title, editions.c.body)
    ):
        body = json.loads(row.body) if isinstance(row.body, str) else row.body
        empty = (not (row.title or "").strip()) + sum(
            1 for b in body if not (b.get("target") or "").strip()
        )
        if empty:
            found.append({"eid": row.id, "n": empty})
    if found:
        conn.execute(
            editions.update()
            .where(editions.c.id == sa.bindparam("eid"))
            .values(untranslated=sa.bindparam("n")),
            found,
        )


def downgrade() -> None:
    with op.batch_alter_table("editions") as batch:
        batch.drop_column("untranslated")
