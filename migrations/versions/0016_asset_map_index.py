"""The index from which the assets' map reads a view box

Revision ID: 0016_asset_map_index
Revises: 0015_audit_log_indexes
Create Date: 2026-12-02 01:00:00

The map (oneaqita/services/asset_map.py) asks for the assets whose longitude and latitude lie
in the box on the screen, and either reads them (id, position, condition) or counts them per
grid cell and condition. An index on (longitude, latitude, condition, id) answers both from the
index alone on both databases: the longitude range is searched, the latitude compared in the
index entry, and nothing is read from the table unless the list's other filters need it.
Assets without coordinates have no entry worth reading (NULL sorts apart) and are never drawn.

Zoomed out, the map counts every asset per cell of 1/64° and condition. SQLite has no hash
aggregation: a GROUP BY over an expression sorts every row first (about ten times the cost of
reading them); PostgreSQL hashes the groups but reads every row of the table for them. An index
on the cells themselves (the very expressions the service sends, then condition, and longitude
and latitude so that it covers the query) hands the rows over grouped from the index alone, and
the count is one pass over it (PostgreSQL, one call on a loaded machine: 1,092 → 222 ms). The
index is not in the models (SQLAlchemy does not reflect expression indexes on SQLite; the
schema test leaves it out on PostgreSQL); a later migration that rebuilds the assets table on
SQLite must create it again.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0016_asset_map_index"
down_revision: str | None = "0015_audit_log_indexes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NAME = "ix_assets_map"
COLUMNS = ["longitude", "latitude", "condition", "id"]
CELLS = "ix_assets_map_cells"
CELL_EXPRESSIONS = {  # as oneaqita/services/asset_map.py writes them, character for character
    "sqlite": "CAST((longitude + 180) * 64 AS INTEGER), CAST((latitude + 90) * 64 AS INTEGER), "
    "condition, longitude, latitude",
    "postgresql": "(CAST(floor((CAST(longitude AS FLOAT) + 180) * 64.0) AS INTEGER)), "
    "(CAST(floor((CAST(latitude AS FLOAT) + 90) * 64.0) AS INTEGER)), condition) "
    "INCLUDE (longitude, latitude",
}


def upgrade() -> None:
    op.create_index(NAME, "assets", COLUMNS)
    expressions = CELL_EXPRESSIONS.get(op.get_bind().dialect.name)
    if expressions is not None:
        op.execute(f"CREATE INDEX {CELLS} ON assets ({expressions})")


def downgrade() -> None:
    op.execute(f"DROP INDEX IF EXISTS {CELLS}")
    op.drop_index(NAME, table_name="assets")
