"""KPI targets: a manager's target per fiscal year and KPI for the report to the shareholders

Revision ID: 0009_kpi_targets
Revises: 0008_timesheet_weeks
Create Date: 2026-12-01 20:00:00

The report's KPI table sets each measure's 実績 (computed from the data) against a 目標 that
a manager enters per fiscal year (DESIGN.md, "Reports"): one row per fiscal year and KPI
(unique), the target a non-negative number with two places (km, counts, hours).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_kpi_targets"
down_revision: str | None = "0008_timesheet_weeks"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_KPIS = (
    "km_inspected",
    "km_urgency_i",
    "km_urgency_ii",
    "km_urgency_iii",
    "orders_accepted",
    "plans_delivered",
    "training_hours",
)


def upgrade() -> None:
    op.create_table(
        "kpi_targets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("fiscal_year", sa.Integer(), nullable=False),
        sa.Column(
            "kpi",
            sa.Enum(*_KPIS, name="kpi", native_enum=False, create_constraint=True, length=19),
            nullable=False,
        ),
        sa.Column("target", sa.Numeric(12, 2), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.CheckConstraint(
            "fiscal_year BETWEEN 2000 AND 2200", name=op.f("ck_kpi_targets_fiscal_year_range")
        ),
        sa.CheckConstraint("target >= 0", name=op.f("ck_kpi_targets_target_not_negative")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kpi_targets")),
        sa.UniqueConstraint("fiscal_year", "kpi", name=op.f("uq_kpi_targets_fiscal_year_kpi")),
    )


def downgrade() -> None:
    op.drop_table("kpi_targets")
