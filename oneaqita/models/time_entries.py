"""Hours that people log each day against a work order or an overhead category."""

import enum
from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from oneaqita.models.base import Base, IdMixin, VersionedMixin, str_enum
from oneaqita.models.staff import Person
from oneaqita.models.work import WorkOrder


class OverheadCategory(enum.StrEnum):
    TRAINING = "training"
    OFFICE = "office"
    TRAVEL = "travel"
    LEAVE = "leave"


class TimeEntryStatus(enum.StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"  # locked
    RETURNED = "returned"


class TimeEntry(IdMixin, VersionedMixin, Base):
    __tablename__ = "time_entries"
    __table_args__ = (
        CheckConstraint("minutes BETWEEN 0 AND 1440", name="minutes_range"),
        # Hours go either to a work order or to an overhead category, never both or neither.
        CheckConstraint(
            "(work_order_id IS NULL) <> (category IS NULL)", name="work_order_xor_category"
        ),
        Index("ix_time_entries_person_id_work_date", "person_id", "work_date"),
        # The report to the shareholders sums the minutes per work order from the index alone
        # (reports/shareholders_work.py, migration 0022_report_time_entries).
        Index("ix_time_entries_report", "work_order_id", "work_date", "status", "minutes"),
        # …and the KPI 研修時間 the training entries of a period (shareholders_kpi.py).
        Index("ix_time_entries_category_day", "category", "work_date", "status", "minutes"),
    )

    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    work_date: Mapped[date] = mapped_column(index=True)
    minutes: Mapped[int] = mapped_column(Integer)
    work_order_id: Mapped[int | None] = mapped_column(ForeignKey("work_orders.id"), index=True)
    category: Mapped[OverheadCategory | None] = mapped_column(
        str_enum(OverheadCategory, "overhead_category")
    )
    note: Mapped[str | None] = mapped_column(String(500))
    status: Mapped[TimeEntryStatus] = mapped_column(
        str_enum(TimeEntryStatus, "time_entry_status"), default=TimeEntryStatus.DRAFT
    )
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    approved_at: Mapped[datetime | None]

    person: Mapped[Person] = relationship()
    work_order: Mapped[WorkOrder | None] = relationship()


class TimesheetWeek(IdMixin, VersionedMixin, Base):
    """One person's week (Monday to Sunday) as a whole: submitted, approved or returned with
    the manager's comment. No row: the week is still being entered (draft). The entries of the
    week carry the same status, so that reports read it from the entries alone."""

    __tablename__ = "timesheet_weeks"
    __table_args__ = (
        UniqueConstraint("person_id", "week_start"),
        # The approval queue reads the submitted weeks: a few hundred among hundreds of
        # thousands; an index on the status alone is too unselective for SQLite's planner.
        Index(
            "ix_timesheet_weeks_submitted",
            "week_start",
            sqlite_where=text("status = 'submitted'"),
            postgresql_where=text("status = 'submitted'"),
        ),
    )

    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    week_start: Mapped[date]
    status: Mapped[TimeEntryStatus] = mapped_column(
        str_enum(TimeEntryStatus, "timesheet_week_status")
    )
    submitted_at: Mapped[datetime | None]
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    comment: Mapped[str | None] = mapped_column(String(1000))

    person: Mapped[Person] = relationship()
