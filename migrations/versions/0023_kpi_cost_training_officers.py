"""What the KPI table and 職員の状況 need of the data: cost reductions, training, officers

Revision ID: 0023_kpi_cost_training_officers
Revises: 0022_report_time_entries
Create Date: 2026-12-02 05:10:00

The report to the shareholders lists cost reduction and training held among its KPIs and shows
the staff by origin for officers and staff (DESIGN.md, "Reports"); the data held nothing to
compute them from.

- ``work_orders.cost_reduction_yen`` (コスト縮減額): the yen by which a design check, cost
  estimate or supervision reduced the design or estimate submitted to it; nullable, none for
  every stored order (nothing was recorded).
- ``people.officer`` (役員): whether the person is an officer of the company (代表取締役,
  取締役, 監査役 …) rather than staff; false for everyone, except those whose secondment
  already names an officer's post in its 役職 (that much the data did say).
- Two KPIs a target may be set for: ``cost_reduction`` (千円) and ``trainings_held`` (回);
  the CHECK on ``kpi_targets.kpi`` lists them.
- The work type ``training`` 研修・講習会: the courses the company holds for the bodies; an
  order of it done in a period is one held. Not added where the catalogue has that code or
  name already (an administrator may have added it).

Downgrade drops the columns, the targets of the two KPIs and the work type where no order
has it.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0023_kpi_cost_training_officers"
down_revision: str | None = "0022_report_time_entries"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TRAINING = ("training", "研修・講習会", "Training course", "office")
OFFICER_POSTS = ("%取締役%", "%監査役%", "%社長%")
OLD_KPIS = (
    "km_inspected",
    "km_urgency_i",
    "km_urgency_ii",
    "km_urgency_iii",
    "orders_accepted",
    "plans_delivered",
    "training_hours",
)
NEW_KPIS = ("cost_reduction", "trainings_held")
KPI_CHECK = "ck_kpi_targets_kpi"


def _kpi_check(kpis: Sequence[str]) -> None:
    with op.batch_alter_table("kpi_targets") as batch:
        batch.drop_constraint(op.f(KPI_CHECK), type_="check")
        batch.create_check_constraint(op.f(KPI_CHECK), sa.column("kpi").in_(kpis))


def upgrade() -> None:
    _kpi_check(OLD_KPIS + NEW_KPIS)
    with op.batch_alter_table("work_orders") as batch:
        batch.add_column(sa.Column("cost_reduction_yen", sa.BigInteger(), nullable=True))
    with op.batch_alter_table("people") as batch:
        batch.add_column(sa.Column("officer", sa.Boolean(), server_default="0", nullable=False))
    people = sa.table("people", sa.column("id"), sa.column("officer", sa.Boolean()))
    secondments = sa.table("secondments", sa.column("person_id"), sa.column("position"))
    posts = sa.select(secondments.c.person_id).where(
        sa.or_(*(secondments.c.position.like(p) for p in OFFICER_POSTS))
    )
    op.execute(people.update().where(people.c.id.in_(posts)).values(officer=True))

    work_types = sa.table(
        "work_types",
        sa.column("code"),
        sa.column("name_ja"),
        sa.column("name_en"),
        sa.column("kind"),
        sa.column("requires_assets", sa.Boolean()),
        sa.column("active", sa.Boolean()),
        sa.column("sort_order"),
        sa.column("version"),
    )
    code, name_ja, name_en, kind = TRAINING
    bind = op.get_bind()
    taken = bind.scalar(
        sa.select(sa.func.count())
        .select_from(work_types)
        .where(sa.or_(work_types.c.code == code, work_types.c.name_ja == name_ja))
    )
    if not taken:
        last = bind.scalar(sa.select(sa.func.max(work_types.c.sort_order))) or 0
        op.execute(
            work_types.insert().values(
                code=code,
                name_ja=name_ja,
                name_en=name_en,
                kind=kind,
                requires_assets=False,
                active=True,
                sort_order=last + 10,
                version=1,
            )
        )


def downgrade() -> None:
    targets = sa.table("kpi_targets", sa.column("kpi"))
    op.execute(targets.delete().where(targets.c.kpi.in_(NEW_KPIS)))
    _kpi_check(OLD_KPIS)
    work_types = sa.table("work_types", sa.column("code"))
    orders = sa.table("work_orders", sa.column("type"))
    used = sa.select(orders.c.type).where(orders.c.type == TRAINING[0])
    op.execute(work_types.delete().where(work_types.c.code == TRAINING[0], ~sa.exists(used)))
    with op.batch_alter_table("people") as batch:
        batch.drop_column("officer")
    with op.batch_alter_table("work_orders") as batch:
        batch.drop_column("cost_reduction_yen")
