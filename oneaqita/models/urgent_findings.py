"""The findings of 緊急度 I not yet acted on, kept as rows (oneaqita/db/urgent_findings_sql.py
says how they are kept, services/work_order_attention.py how they are read)."""

from sqlalchemy import Index, Integer
from sqlalchemy.orm import Mapped, mapped_column

from oneaqita.models.base import Base


class UrgentFinding(Base):
    """One finding of 緊急度 I not yet acted on (the rule of services/work_order_attention.py),
    as of the last fold of its asset's changes."""

    __tablename__ = "urgent_findings"
    __table_args__ = (Index("ix_urgent_findings_asset_id", "asset_id"),)

    finding_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    work_order_id: Mapped[int] = mapped_column(Integer)
    asset_id: Mapped[int] = mapped_column(Integer)


class UrgentChange(Base):
    """An asset whose findings, orders or links were written since the last fold: its rows of
    urgent_findings are recomputed at the next fold, and read live until then (written by the
    triggers of migration 0024)."""

    __tablename__ = "urgent_changes"
    __table_args__ = (Index("ix_urgent_changes_asset_id", "asset_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    asset_id: Mapped[int] = mapped_column(Integer)
