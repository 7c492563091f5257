"""The targets a manager sets per fiscal year for the report's KPI table (目標 / 実績 / 達成)."""

import enum
from decimal import Decimal

from sqlalchemy import CheckConstraint, Integer, Numeric, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from oneaqita.models.base import Base, IdMixin, VersionedMixin, str_enum


class Kpi(enum.StrEnum):
    """The measures whose 実績 the data computes (oneaqita/reports/shareholders_kpi.py says how)."""

    KM_INSPECTED = "km_inspected"  # 点検・調査延長 (km)
    KM_URGENCY_I = "km_urgency_i"  # 緊急度I と判定した延長 (km)
    KM_URGENCY_II = "km_urgency_ii"
    KM_URGENCY_III = "km_urgency_iii"
    ORDERS_ACCEPTED = "orders_accepted"  # 検収された作業 (件)
    PLANS_DELIVERED = "plans_delivered"  # 計画・戦略策定の完了 (件)
    TRAINING_HOURS = "training_hours"  # 研修 (時間)
    TRAININGS_HELD = "trainings_held"  # 研修・講習会の開催 (回)
    COST_REDUCTION = "cost_reduction"  # コスト縮減額 (千円)


class KpiTarget(IdMixin, VersionedMixin, Base):
    """One KPI's target for one fiscal year (April–March, named by the year it starts)."""

    __tablename__ = "kpi_targets"
    __table_args__ = (
        UniqueConstraint("fiscal_year", "kpi"),
        CheckConstraint("fiscal_year BETWEEN 2000 AND 2200", name="fiscal_year_range"),
        CheckConstraint("target >= 0", name="target_not_negative"),
    )

    fiscal_year: Mapped[int] = mapped_column(Integer)
    kpi: Mapped[Kpi] = mapped_column(str_enum(Kpi, "kpi"))
    target: Mapped[Decimal] = mapped_column(Numeric(12, 2))
