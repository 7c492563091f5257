"""Indexes from which the dashboard counts overdue orders and finds a follow-up order

Revision ID: 0011_dashboard_indexes
Revises: 0010_service_lives
Create Date: 2026-12-01 20:50:00

- work_orders (contract_id, status, planned_end): the overdue tile counts the open orders
  planned to end before today per client body; with only (contract_id, status, …) both
  databases read every open order's row for its planned end. Measured on the dashboard's
  bench database (SQLite, 500,000 orders, a loaded machine): 6,100 ms → 240 ms, read from
  the index alone.
- work_order_assets (asset_id, work_order_id) instead of (asset_id): whether a finding's asset
  has a follow-up order reads the asset's orders from the index alone (the urgency-I tile:
  18.8 s → 11.5 s under the same load).
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0011_dashboard_indexes"
down_revision: str | None = "0010_service_lives"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OVERDUE = "ix_work_orders_contract_status_end"
ASSET_ORDERS = "ix_work_order_assets_asset_id_work_order_id"
OLD_ASSET = "ix_work_order_assets_asset_id"


def upgrade() -> None:
    op.create_index(OVERDUE, "work_orders", ["contract_id", "status", "planned_end"])
    op.create_index(ASSET_ORDERS, "work_order_assets", ["asset_id", "work_order_id"])
    op.drop_index(OLD_ASSET, table_name="work_order_assets")


def downgrade() -> None:
    op.create_index(OLD_ASSET, "work_order_assets", ["asset_id"])
    op.drop_index(ASSET_ORDERS, table_name="work_order_assets")
    op.drop_index(OVERDUE, table_name="work_orders")
