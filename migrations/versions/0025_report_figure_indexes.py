"""The condition in the renewal outlook's asset index, and an index of the orders accepted by
day: the report to the shareholders reads its 資産の状況 and its 検収件数 from indexes alone

Revision ID: 0025_report_figure_indexes
Revises: 0024_acted_urgent_findings
Create Date: 2026-12-02 21:10:00

資産の状況 (oneaqita/reports/shareholders_assets.py) counts the assets in service per owner
and condition, with the pipes' lengths. SQLite read every asset of the table for it (the
demo at scale 25, 500,000 assets: 0.7-1.3 s on a loaded machine). ix_assets_outlook already
holds status, owner, kind and length in that order; with the condition appended, the figures
are read from it in owner order, grouped as they come (0.16 s), and the outlook's own reads,
which use its leading columns, are unchanged. No index is added to the assets, whose imports
pay for each.

検収件数 (shareholders_kpi.py) counts the orders accepted inside a period: SQLite read every
accepted order of the table to look at its 検収日 (126,000 orders: 0.14 s per period); an
index on (status, accepted_on) counts them from the index (3 ms).
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0025_report_figure_indexes"
down_revision: str | None = "0024_acted_urgent_findings"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OUTLOOK = "ix_assets_outlook"
BEFORE = ["status", "owner_id", "kind", "installed_year", "service_life_years", "diameter_mm"]
BEFORE.append("length_m")
ACCEPTED = "ix_work_orders_accepted"


def upgrade() -> None:
    op.drop_index(OUTLOOK, table_name="assets")
    op.create_index(OUTLOOK, "assets", [*BEFORE, "condition"])
    op.create_index(ACCEPTED, "work_orders", ["status", "accepted_on"])


def downgrade() -> None:
    op.drop_index(ACCEPTED, table_name="work_orders")
    op.drop_index(OUTLOOK, table_name="assets")
    op.create_index(OUTLOOK, "assets", BEFORE)
