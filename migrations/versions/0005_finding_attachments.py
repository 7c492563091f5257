"""Photos and files attached to a finding

Revision ID: 0005_finding_attachments
Revises: 0004_contract_card_index
Create Date: 2026-12-01 16:30:00

`finding_attachments` holds each file in the database itself (BLOB on SQLite, bytea on
PostgreSQL) with its SHA-256 and a small JPEG thumbnail made when it was attached, so that a
list of a finding's files never reads the files. Removing a finding removes its files (ON
DELETE CASCADE; the service audits each). A name is unique per finding: an import names a
finding's files by it.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_finding_attachments"
down_revision: str | None = "0004_contract_card_index"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "finding_attachments",
        sa.Column("finding_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("thumbnail", sa.LargeBinary(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.CheckConstraint("size_bytes > 0", name=op.f("ck_finding_attachments_size_positive")),
        sa.ForeignKeyConstraint(
            ["finding_id"],
            ["findings.id"],
            name=op.f("fk_finding_attachments_finding_id_findings"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["users.id"], name=op.f("fk_finding_attachments_created_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_finding_attachments")),
        sa.UniqueConstraint(
            "finding_id", "file_name", name=op.f("uq_finding_attachments_finding_id_file_name")
        ),
    )
    with op.batch_alter_table("finding_attachments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_finding_attachments_finding_id"), ["finding_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("finding_attachments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_finding_attachments_finding_id"))
    op.drop_table("finding_attachments")
