"""The index from which the renewal outlook reads the assets in service

Revision ID: 0017_outlook_indexes
Revises: 0016_asset_map_index
Create Date: 2026-12-02 01:45:00

The renewal outlook (oneaqita/reports/renewal_outlook.py) first groups the assets in service by
owner, kind, installed year, own service life and diameter, summing their length. Without an
index of its own, SQLite found the assets in service through ix_assets_list_status and looked
each one up in the table (a third of 500,000 rows read at random), then sorted them all for the
GROUP BY over computed years due: 2-8 s on a loaded machine. An index on (status, owner_id,
kind, installed_year, service_life_years, diameter_mm, length_m) covers the statement: the
assets in service are one range of it, handed over already in the order of the GROUP BY, and
nothing is read from the table (SQLite, one call: about 2,100 → 110 ms). PostgreSQL reads it
with an index-only scan where the visibility map allows, else hashes the groups as before.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0017_outlook_indexes"
down_revision: str | None = "0016_asset_map_index"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NAME = "ix_assets_outlook"
COLUMNS = [
    "status",
    "owner_id",
    "kind",
    "installed_year",
    "service_life_years",
    "diameter_mm",
    "length_m",
]


def upgrade() -> None:
    op.create_index(NAME, "assets", COLUMNS)


def downgrade() -> None:
    op.drop_index(NAME, table_name="assets")
