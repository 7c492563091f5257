"""Work types from a catalogue; the acceptance of a work order

Revision ID: 0003_work_type_catalogue
Revises: 0002
Create Date: 2026-12-01 14:30:00

Until now a work order's type was one of five fixed values (a VARCHAR with a CHECK, no native
PostgreSQL enum). It now refers by code to `work_types`, reference data an administrator
extends without a new release. The table is created with the company's ten office services
and the five kinds of field work it supervises; the five old values are among their codes, so
every existing order keeps its type as it is. The CHECK goes, a foreign key comes.

Also two nullable columns for recording the client's acceptance (検収) of a work order.

Downgrade refuses while an order has a type the old CHECK does not know (it would be lost).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_work_type_catalogue"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_TYPES = ("inspection", "tv_survey", "cleaning", "repair", "emergency")

# (code, Japanese name, English name, kind, requires assets): frozen here, as this revision
# ships them (a revision must not change when the code of a later version does).
CATALOGUE = (
    ("strategy", "経営戦略策定支援", "Management strategy support", "office", False),
    ("stock_plan", "ストックマネジメント計画策定", "Stock-management plan", "office", False),
    ("analysis", "経営分析", "Management analysis", "office", False),
    ("ledger", "台帳管理", "Asset ledger management", "office", False),
    ("returns", "調書作成", "Statutory returns", "office", False),
    ("estimate", "積算", "Cost estimate", "office", False),
    ("supervision", "工事監督", "Construction supervision", "office", True),
    ("design_review", "設計照査", "Design check", "office", False),
    ("consultation", "各種協議", "Consultations", "office", False),
    ("monitoring", "業務モニタリング", "Contractor monitoring", "office", False),
    ("inspection", "点検", "Inspection", "field", True),
    ("tv_survey", "TVカメラ調査", "TV camera survey", "field", True),
    ("cleaning", "清掃", "Cleaning", "field", True),
    ("repair", "修繕", "Repair", "field", True),
    ("emergency", "緊急対応", "Emergency response", "field", True),
)

_OLD_TYPE = sa.Enum(
    *OLD_TYPES,
    name="work_order_type",
    native_enum=False,
    create_constraint=True,
    length=14,
)


def upgrade() -> None:
    work_types = op.create_table(
        "work_types",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name_ja", sa.String(length=100), nullable=False),
        sa.Column("name_en", sa.String(length=100), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "office",
                "field",
                name="work_kind",
                native_enum=False,
                create_constraint=True,
                length=10,
            ),
            nullable=False,
        ),
        sa.Column("requires_assets", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_types")),
        sa.UniqueConstraint("code", name=op.f("uq_work_types_code")),
        sa.UniqueConstraint("name_ja", name=op.f("uq_work_types_name_ja")),
    )
    op.bulk_insert(
        work_types,
        [
            {
                "code": code,
                "name_ja": name_ja,
                "name_en": name_en,
                "kind": kind,
                "requires_assets": requires_assets,
                "active": True,
                "sort_order": (position + 1) * 10,
                "version": 1,
            }
            for position, (code, name_ja, name_en, kind, requires_assets) in enumerate(CATALOGUE)
        ],
    )
    with op.batch_alter_table("work_orders", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_work_orders_work_order_type"), type_="check")
        batch_op.alter_column(
            "type", existing_type=sa.String(length=14), type_=sa.String(length=40)
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_work_orders_type_work_types"), "work_types", ["type"], ["code"]
        )
        batch_op.add_column(sa.Column("accepted_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("acceptance_ref", sa.String(length=100), nullable=True))


def downgrade() -> None:
    bind = op.get_bind()
    unknown = (
        bind.execute(
            sa.text(
                "SELECT DISTINCT type FROM work_orders WHERE type NOT IN :old ORDER BY type"
            ).bindparams(sa.bindparam("old", expanding=True)),
            {"old": list(OLD_TYPES)},
        )
        .scalars()
        .all()
    )
    if unknown:
        raise RuntimeError(
            "Cannot downgrade below 0003: work orders have types the old schema does not know: "
            + ", ".join(unknown)
        )
    with op.batch_alter_table("work_orders", schema=None) as batch_op:
        batch_op.drop_column("acceptance_ref")
        batch_op.drop_column("accepted_on")
        batch_op.drop_constraint(batch_op.f("fk_work_orders_type_work_types"), type_="foreignkey")
        batch_op.alter_column("type", existing_type=sa.String(length=40), type_=_OLD_TYPE)
    op.drop_table("work_types")
