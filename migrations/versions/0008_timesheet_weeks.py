"""Timesheet weeks: a person's week submitted, approved or returned with the manager's comment

Revision ID: 0008_timesheet_weeks
Revises: 0007_secondment_cost_basis
Create Date: 2026-12-01 18:00:00

A week is submitted as a whole and approved or returned as a whole (DESIGN.md, "Time entry");
the return's comment, who decided and when belong to the week, not to one entry, so they live
in a row per person and week (unique). The approval queue reads the submitted weeks by
a partial index of the submitted weeks; the entries of a week keep their own status as well.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_timesheet_weeks"
down_revision: str | None = "0007_secondment_cost_basis"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_STATUSES = ("draft", "submitted", "approved", "returned")


def upgrade() -> None:
    op.create_table(
        "timesheet_weeks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("week_start", sa.Date(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                *_STATUSES,
                name="timesheet_week_status",
                native_enum=False,
                create_constraint=True,
                length=13,
            ),
            nullable=False,
        ),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("submitted_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("comment", sa.String(length=1000), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name="fk_timesheet_weeks_person_id_people"
        ),
        sa.ForeignKeyConstraint(
            ["submitted_by_id"], ["users.id"], name="fk_timesheet_weeks_submitted_by_id_users"
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"], ["users.id"], name="fk_timesheet_weeks_decided_by_id_users"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_timesheet_weeks"),
        sa.UniqueConstraint(
            "person_id", "week_start", name="uq_timesheet_weeks_person_id_week_start"
        ),
    )
    # The approval queue's few hundred submitted weeks among hundreds of thousands.
    op.create_index(
        "ix_timesheet_weeks_submitted",
        "timesheet_weeks",
        ["week_start"],
        sqlite_where=sa.text("status = 'submitted'"),
        postgresql_where=sa.text("status = 'submitted'"),
    )


def downgrade() -> None:
    op.drop_index("ix_timesheet_weeks_submitted", table_name="timesheet_weeks")
    op.drop_table("timesheet_weeks")
