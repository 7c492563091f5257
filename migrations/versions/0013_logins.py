"""Logins: failed attempts per user of the embedded database, and the database's own settings

Revision ID: 0013_logins
Revises: 0012_asset_list_indexes
Create Date: 2026-12-02 00:40:00

``login_failures`` counts a user's failed logins on the embedded database (slowing, then
locking the account for a while), in a table of its own so that a failure never touches the
user's row, its version or its audit. ``database_settings`` holds facts about the database
itself; the demo loader sets ``demo`` there, and only there may its demo users, who have no
password, log in without one. Databases filled by the demo loader before this revision are
recognised by their demo users (the login ``coordinator1`` with no password) and marked.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013_logins"
down_revision: str | None = "0012_asset_list_indexes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "login_failures",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("failures", sa.Integer(), server_default="0", nullable=False),
        sa.Column("last_failed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_login_failures_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_login_failures")),
    )
    op.create_table(
        "database_settings",
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_database_settings")),
    )
    op.execute(
        "INSERT INTO database_settings (key, value) SELECT 'demo', '1' WHERE EXISTS "
        "(SELECT 1 FROM users WHERE login = 'coordinator1' AND password_hash IS NULL)"
    )


def downgrade() -> None:
    op.drop_table("database_settings")
    op.drop_table("login_failures")
