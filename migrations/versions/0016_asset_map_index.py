"""The index from which the assets' map reads a view box

Revision ID: 0016_asset_map_index
Revises: 0013_logins
Create Date: 2026-12-02 01:00:00

The map (oneaqita/services/asset_map.py) asks for the assets whose longitude and latitude lie
in the box on the screen, and either reads them (id, position, condition) or counts them per
grid cell and condition. An index on (longitude, latitude, condition, id) answers both from the
index alone on both databases: the longitude range is searched, the latitude compared in the
index entry, and nothing is read from the table unless the list's other filters need it.
Assets without coordinates have no entry worth reading (NULL sorts apart) and are never drawn.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0016_asset_map_index"
down_revision: str | None = "0013_logins"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NAME = "ix_assets_map"
COLUMNS = ["longitude", "latitude", "condition", "id"]


def upgrade() -> None:
    op.create_index(NAME, "assets", COLUMNS)


def downgrade() -> None:
    op.drop_index(NAME, table_name="assets")
