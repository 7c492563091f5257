"""Indexes from which the asset registry's list pages in any column's order, and its tree

Revision ID: 0012_asset_list_indexes
Revises: 0011_dashboard_indexes
Create Date: 2026-12-01 20:00:00

The registry (oneaqita/services/asset_registry.py) sorts by every column with the id as the
tie-break, so that pages never overlap. An index on (column, id) hands a page over in that
order on both databases (a single-column index does so on SQLite only, whose entries end in
the rowid; PostgreSQL would sort every row of the table). The single-column indexes of kind,
owner and installed year are the prefixes of the new ones and are dropped; the planner's
"installed before a year" and the foreign key's lookups use the new ones as well.

The tree reads a body's districts with their counts and a district's top-level assets in code
order from (owner_id, district, parent_id, code) alone. Children of an asset come from
ix_assets_parent_id (0001).
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0012_asset_list_indexes"
down_revision: str | None = "0011_dashboard_indexes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SORT_COLUMNS = (
    "kind",
    "owner_id",
    "district",
    "installed_year",
    "material",
    "diameter_mm",
    "length_m",
    "status",
    "condition",
)
REPLACED = ("kind", "owner_id", "installed_year")  # ix_assets_<column> of 0001
TREE = ("ix_assets_tree", ["owner_id", "district", "parent_id", "code"])


def upgrade() -> None:
    for column in SORT_COLUMNS:
        op.create_index(f"ix_assets_list_{column}", "assets", [column, "id"])
    op.create_index(TREE[0], "assets", TREE[1])
    for column in REPLACED:
        op.drop_index(f"ix_assets_{column}", table_name="assets")


def downgrade() -> None:
    for column in REPLACED:
        op.create_index(f"ix_assets_{column}", "assets", [column])
    op.drop_index(TREE[0], table_name="assets")
    for column in SORT_COLUMNS:
        op.drop_index(f"ix_assets_list_{column}", table_name="assets")
