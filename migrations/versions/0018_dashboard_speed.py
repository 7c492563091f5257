"""The index from which the dashboard grades a finding's span without reading the findings

Revision ID: 0018_dashboard_speed
Revises: 0017_outlook_indexes
Create Date: 2026-12-02 01:50:00

The urgency-I tile (services/work_order_attention.py) derives a finding's 緊急度 from the grades
of its span when none is given: per finding without an urgency, the findings of the same asset
in the same work order graded a, weighed by category. The unique (work_order_id, asset_id,
category) index finds them but every candidate's rank is then read from the table. An index on
(work_order_id, asset_id, rank, category) answers the probe from the index alone: the span and
rank a are searched and the category is in the entry. Measured on the dashboard's bench
database (SQLite, 500,000 orders, 187,145 findings, a loaded machine, best of three): the
derived part of the tile 419 → 271 ms, the whole urgency-I statement about 1,060 → 990 ms.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0018_dashboard_speed"
down_revision: str | None = "0017_outlook_indexes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NAME = "ix_findings_span_grades"
COLUMNS = ["work_order_id", "asset_id", "rank", "category"]


def upgrade() -> None:
    op.create_index(NAME, "findings", COLUMNS)


def downgrade() -> None:
    op.drop_index(NAME, table_name="findings")
