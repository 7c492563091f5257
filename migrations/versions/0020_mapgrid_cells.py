"""The map's pre-counted cells: placed assets counted per grid cell, zoom level and slice

Revision ID: 0020_mapgrid_cells
Revises: 0019_pgsec13_login_functions
Create Date: 2026-12-02 05:30:00

Zoomed out, the map (oneaqita/services/asset_map.py) counted every placed asset of the view per
cell on each redraw: 500,000 rows for the prefecture, 120–170 ms. ``asset_map_cells`` holds
those counts for the levels and slices of oneaqita/db/asset_map_sql.py (which says how they are
kept), so a redraw reads one row per drawn cell in key order. ``asset_map_changes`` holds the
writes of placed assets not yet folded into them, written by the triggers created here (on
PostgreSQL statement triggers calling SECURITY DEFINER functions of the owner). The cells of the
assets already stored are built here: every placed asset noted as a change, then folded.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from oneaqita.db import asset_map_sql as grid

revision: str = "0020_mapgrid_cells"
down_revision: str | None = "0019_pgsec13_login_functions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "asset_map_cells",
        sa.Column("level", sa.SmallInteger(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("cx", sa.Integer(), nullable=False),
        sa.Column("cy", sa.Integer(), nullable=False),
        *(sa.Column(n, sa.Integer(), nullable=False) for n in grid.COUNTS),
        sa.PrimaryKeyConstraint(*grid.KEY, name="pk_asset_map_cells"),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "asset_map_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sign", sa.SmallInteger(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("severity", sa.SmallInteger(), nullable=False),
        sa.Column("longitude", sa.Numeric(precision=9, scale=6), nullable=False),
        sa.Column("latitude", sa.Numeric(precision=9, scale=6), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_asset_map_changes"),
    )
    bind = op.get_bind()
    op.execute(grid.note_every_asset())
    if bind.dialect.name == "postgresql":
        schema = bind.exec_driver_sql("SELECT current_schema()").scalar_one()
        for statement in (*grid.postgresql_functions(schema), *grid.postgresql_triggers()):
            op.execute(statement)
        op.execute(f"SELECT {grid.FOLD_FUNCTION}")
    else:
        for statement in (*grid.sqlite_fold(), *grid.sqlite_triggers()):
            op.execute(statement)


def downgrade() -> None:
    for name in grid.TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}" + (" ON assets" if _pg() else ""))
    if _pg():
        op.execute(f"DROP FUNCTION IF EXISTS {grid.NOTE_FUNCTION}")
        op.execute(f"DROP FUNCTION IF EXISTS {grid.FOLD_FUNCTION}")
    op.drop_table("asset_map_changes")
    op.drop_table("asset_map_cells")


def _pg() -> bool:
    return op.get_bind().dialect.name == "postgresql"
