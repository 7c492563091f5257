"""The secondment's monthly cost basis (月額負担基礎額), from which the settlement is computed

Revision ID: 0007_secondment_cost_basis
Revises: 0006_asset_district_year_index
Create Date: 2026-12-01 17:45:00

The monthly settlement per sending body (DESIGN.md, "Secondment settlement") bills or refunds
the company's share of each seconded person's monthly pay plus the employer's insurance. That
basis is stated per secondment (IMPORT-FORMAT.md: monthly_cost_yen / 月額負担基礎額); stored
secondments have none until it is entered or imported.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_secondment_cost_basis"
down_revision: str | None = "0006_asset_district_year_index"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("secondments") as batch:
        batch.add_column(sa.Column("monthly_cost_yen", sa.BigInteger(), nullable=True))
        batch.create_check_constraint("monthly_cost_not_negative", "monthly_cost_yen >= 0")


def downgrade() -> None:
    with op.batch_alter_table("secondments") as batch:
        batch.drop_constraint("monthly_cost_not_negative", type_="check")
        batch.drop_column("monthly_cost_yen")
