"""issue 23: login guesses and trusted devices in the store, shared by every app process

Revision ID: 0020_harden_logins
Revises: 0020_memory_tmx
Create Date: 2026-12-06 05:20:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0020_harden_logins"
down_revision = "0020_memory_tmx"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "login_guesses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_guesses")),
    )
    op.create_index(
        "ix_login_guesses_key_started_at",
        "login_guesses",
        ["key", "started_at"],
        unique=False,
    )
    op.create_table(
        "login_devices",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_login_devices_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_login_devices")),
    )
    op.create_index(
        op.f("ix_login_devices_user_id"), "login_devices", ["user_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_login_devices_user_id"), table_name="login_devices")
    op.drop_table("login_devices")
    op.drop_index("ix_login_guesses_key_started_at", table_name="login_guesses")
    op.drop_table("login_guesses")
