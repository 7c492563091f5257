"""Service lives, bodies' target lives and unit renewal costs for the renewal outlook

Revision ID: 0010_service_lives
Revises: 0009_kpi_targets
Create Date: 2026-12-01 20:00:00

The renewal outlook (改築需要, the ストックマネジメント計画 the company makes for the bodies)
needs, per asset, when it reaches its service life and what renewing it costs:

- ``service_lives``: the standard life per asset kind, seeded with DESIGN.md's values (国交省
  「下水道施設の改築について」別表: pipes and manhole bodies 50 years, manhole pumps 15; pump
  stations and plants 20, the life of most of their mechanical and electrical equipment). The
  asset model tells kinds apart, not parts: a manhole's cover (15 / 30 years), a pump's
  control panel or a level gauge are no assets of their own, so they have no row.
- ``body_service_lives``: a body's own target life for a kind (one city plans its pipes for
  76 years); none is seeded.
- ``renewal_unit_costs``: yen per metre of pipe and per asset of every other kind, by diameter
  band (a band runs from its lower bound to the next band's). The pipe costs are the 管径別更新
  単価 of the 総務省「公共施設等更新費用試算ソフト」 for sewers (≤250 mm 61千円/m, 251–500 mm
  116千円/m, 501–1000 mm 295千円/m, 1001–2000 mm 749千円/m, 2001–3000 mm 1,680千円/m, over
  3000 mm 2,347千円/m), which many bodies' 公共施設等総合管理計画 use; the others are the
  project's own order-of-magnitude estimates of renewing what wears out within the standard
  life (a manhole 1 百万円; a manhole pump 15 百万円; for a pump station or a plant its
  mechanical and electrical equipment, not the structure: a pump station 100 百万円, a
  treatment plant 1,000 百万円, a rural drainage plant 150 百万円, a night-soil plant 500
  百万円). All of them are estimates to be edited in the app.
- ``assets.service_life_years`` becomes optional: an asset follows the tables unless it has a
  life of its own. Every stored value equal to its kind's standard life was the one the
  service filled in, so it is cleared; any other stays the asset's own.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_service_lives"
down_revision: str | None = "0009_kpi_targets"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_KINDS = (
    "pipe",
    "manhole",
    "manhole_pump",
    "pump_station",
    "treatment_plant",
    "rural_drainage_plant",
    "night_soil_plant",
)
STANDARD_LIVES = {
    "pipe": 50,
    "manhole": 50,
    "manhole_pump": 15,
    "pump_station": 20,
    "treatment_plant": 20,
    "rural_drainage_plant": 20,
    "night_soil_plant": 20,
}
UNIT_COSTS = [
    ("pipe", 0, 61_000),
    ("pipe", 251, 116_000),
    ("pipe", 501, 295_000),
    ("pipe", 1001, 749_000),
    ("pipe", 2001, 1_680_000),
    ("pipe", 3001, 2_347_000),
    ("manhole", 0, 1_000_000),
    ("manhole_pump", 0, 15_000_000),
    ("pump_station", 0, 100_000_000),
    ("treatment_plant", 0, 1_000_000_000),
    ("rural_drainage_plant", 0, 150_000_000),
    ("night_soil_plant", 0, 500_000_000),
]


def _kind(name: str) -> sa.Enum:
    return sa.Enum(*_KINDS, name=name, native_enum=False, create_constraint=True, length=24)


def _versioned() -> list[sa.Column[object]]:
    return [
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
    ]


def upgrade() -> None:
    lives = op.create_table(
        "service_lives",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", _kind("service_life_kind"), nullable=False),
        sa.Column("years", sa.Integer(), nullable=False),
        *_versioned(),
        sa.CheckConstraint("years BETWEEN 1 AND 200", name="ck_service_lives_years_range"),
        sa.PrimaryKeyConstraint("id", name="pk_service_lives"),
        sa.UniqueConstraint("kind", name="uq_service_lives_kind"),
    )
    op.create_table(
        "body_service_lives",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("kind", _kind("body_service_life_kind"), nullable=False),
        sa.Column("years", sa.Integer(), nullable=False),
        *_versioned(),
        sa.CheckConstraint("years BETWEEN 1 AND 200", name="ck_body_service_lives_years_range"),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name="fk_body_service_lives_organization_id_organizations",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_body_service_lives"),
        sa.UniqueConstraint(
            "organization_id", "kind", name="uq_body_service_lives_organization_id_kind"
        ),
    )
    costs = op.create_table(
        "renewal_unit_costs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", _kind("unit_cost_kind"), nullable=False),
        sa.Column("min_diameter_mm", sa.Integer(), nullable=False),
        sa.Column("yen", sa.BigInteger(), nullable=False),
        *_versioned(),
        sa.CheckConstraint(
            "min_diameter_mm >= 0", name="ck_renewal_unit_costs_min_diameter_not_negative"
        ),
        sa.CheckConstraint("yen >= 0", name="ck_renewal_unit_costs_yen_not_negative"),
        sa.PrimaryKeyConstraint("id", name="pk_renewal_unit_costs"),
        sa.UniqueConstraint(
            "kind", "min_diameter_mm", name="uq_renewal_unit_costs_kind_min_diameter_mm"
        ),
    )
    op.bulk_insert(
        lives, [{"kind": k, "years": y, "version": 1} for k, y in STANDARD_LIVES.items()]
    )
    op.bulk_insert(
        costs,
        [{"kind": k, "min_diameter_mm": d, "yen": y, "version": 1} for k, d, y in UNIT_COSTS],
    )
    with op.batch_alter_table("assets") as batch:
        batch.alter_column("service_life_years", existing_type=sa.Integer(), nullable=True)
    assets = sa.table("assets", sa.column("kind"), sa.column("service_life_years"))
    for kind, years in STANDARD_LIVES.items():
        op.execute(
            assets.update()
            .where(assets.c.kind == kind, assets.c.service_life_years == years)
            .values(service_life_years=None)
        )


def downgrade() -> None:
    assets = sa.table("assets", sa.column("kind"), sa.column("service_life_years"))
    for kind, years in STANDARD_LIVES.items():
        op.execute(
            assets.update()
            .where(assets.c.kind == kind, assets.c.service_life_years.is_(None))
            .values(service_life_years=years)
        )
    with op.batch_alter_table("assets") as batch:
        batch.alter_column("service_life_years", existing_type=sa.Integer(), nullable=False)
    op.drop_table("renewal_unit_costs")
    op.drop_table("body_service_lives")
    op.drop_table("service_lives")
