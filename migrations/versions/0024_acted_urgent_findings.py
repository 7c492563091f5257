"""The findings of 緊急度 I not yet acted on, kept as rows for the dashboard and the work-order list

Revision ID: 0024_acted_urgent_findings
Revises: 0023_kpi_cost_training_officers
Create Date: 2026-12-02 11:30:00

The dashboard's tile 緊急度Iの所見（未対応） computed its rule (services/work_order_attention.py)
over every finding on each refresh: about 0.5 s on SQLite and 1 s on PostgreSQL at 190,000
findings and 500,000 orders. ``urgent_findings`` holds the rule's answer; ``urgent_changes``
the assets written since, noted by the triggers created here (on PostgreSQL statement triggers
calling SECURITY DEFINER functions of the owner, and the owner's fold function, which holds the
rule as compiled now). oneaqita/db/urgent_findings_sql.py says how they are kept. The rows of
the findings already stored are computed here.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from oneaqita.db import urgent_findings_sql as urgent
from oneaqita.services.work_order_attention import computed_unacted, recompute_sql

revision: str = "0024_acted_urgent_findings"
down_revision: str | None = "0023_kpi_cost_training_officers"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "urgent_findings",
        sa.Column("finding_id", sa.Integer(), nullable=False),
        sa.Column("work_order_id", sa.Integer(), nullable=False),
        sa.Column("asset_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("finding_id", name="pk_urgent_findings"),
    )
    op.create_index("ix_urgent_findings_asset_id", "urgent_findings", ["asset_id"])
    op.create_table(
        "urgent_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("asset_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_urgent_changes"),
    )
    op.create_index("ix_urgent_changes_asset_id", "urgent_changes", ["asset_id"])
    bind = op.get_bind()
    dialect = bind.dialect.name
    everything = computed_unacted(dialect).compile(
        dialect=bind.dialect, compile_kwargs={"literal_binds": True}
    )
    op.execute(f"INSERT INTO urgent_findings (finding_id, work_order_id, asset_id) {everything}")
    if dialect == "postgresql":
        schema = bind.exec_driver_sql("SELECT current_schema()").scalar_one()
        kept = recompute_sql("postgresql")
        for statement in urgent.postgresql_functions(schema, "urgent_findings", kept):
            op.execute(statement)
        for statement in urgent.postgresql_triggers():
            op.execute(statement)
    else:
        for statement in urgent.sqlite_triggers():
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name, table in urgent.PG_TRIGGERS.items():
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        for function in urgent.PG_FUNCTIONS:
            op.execute(f"DROP FUNCTION IF EXISTS {function}")
    else:
        for name in urgent.SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("urgent_changes")
    op.drop_table("urgent_findings")
