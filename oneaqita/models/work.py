"""Contracts with client bodies, the work orders carried out under them, and their history."""

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Table,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from oneaqita.models.assets import Asset, Finding
from oneaqita.models.base import Base, IdMixin, VersionedMixin, str_enum, utcnow
from oneaqita.models.organizations import Organization
from oneaqita.models.staff import Person

if TYPE_CHECKING:
    from oneaqita.models.users import User


class WorkKind(enum.StrEnum):
    """Whether a work type is one of the company's own office services or field work that
    contractors do under its supervision."""

    OFFICE = "office"
    FIELD = "field"


class WorkType(IdMixin, VersionedMixin, Base):
    """One entry of the work-type catalogue (reference data an administrator extends; see
    oneaqita.services.work_types). Work orders refer to it by its code, which never changes."""

    __tablename__ = "work_types"

    code: Mapped[str] = mapped_column(String(40), unique=True)
    name_ja: Mapped[str] = mapped_column(String(100), unique=True)
    name_en: Mapped[str] = mapped_column(String(100))
    kind: Mapped[WorkKind] = mapped_column(str_enum(WorkKind, "work_kind"))
    requires_assets: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class WorkOrderStatus(enum.StrEnum):
    DRAFT = "draft"
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    ACCEPTED = "accepted"
    CANCELLED = "cancelled"


class Contract(IdMixin, VersionedMixin, Base):
    __tablename__ = "contracts"
    __table_args__ = (
        CheckConstraint("end_date >= start_date", name="end_after_start"),
        CheckConstraint("amount_yen >= 0", name="amount_not_negative"),
    )

    number: Mapped[str] = mapped_column(String(40), unique=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str | None] = mapped_column(String(100))
    start_date: Mapped[date]
    end_date: Mapped[date]
    amount_yen: Mapped[int] = mapped_column(BigInteger)
    # The prefecture orders for several bodies at once; contracts of one order share the group.
    bulk_group: Mapped[str | None] = mapped_column(String(40), index=True)

    client: Mapped[Organization] = relationship()


work_order_assets = Table(
    "work_order_assets",
    Base.metadata,
    Column("work_order_id", ForeignKey("work_orders.id", ondelete="CASCADE"), primary_key=True),
    Column("asset_id", ForeignKey("assets.id"), primary_key=True),
    # An asset's orders from the index alone (the dashboard's follow-up check).
    Index("ix_work_order_assets_asset_id_work_order_id", "asset_id", "work_order_id"),
)

work_order_assignees = Table(
    "work_order_assignees",
    Base.metadata,
    Column("work_order_id", ForeignKey("work_orders.id", ondelete="CASCADE"), primary_key=True),
    Column("person_id", ForeignKey("people.id"), primary_key=True, index=True),
)


class WorkOrder(IdMixin, VersionedMixin, Base):
    __tablename__ = "work_orders"
    __table_args__ = (
        CheckConstraint("priority BETWEEN 1 AND 3", name="priority_range"),
        CheckConstraint(
            "planned_end IS NULL OR planned_start IS NULL OR planned_end >= planned_start",
            name="planned_end_after_start",
        ),
        CheckConstraint(
            "actual_end IS NULL OR actual_start IS NULL OR actual_end >= actual_start",
            name="actual_end_after_start",
        ),
        # Every sortable list column has an index ending in the list's further sort keys
        # (planned_start, then id: PostgreSQL does not keep the row id in an index as SQLite
        # does), so that any sort reads 200 rows off an index at 500,000.
        Index("ix_work_orders_planned_start", "planned_start", "id"),
        Index("ix_work_orders_planned_end", "planned_end", "planned_start", "id"),
        Index("ix_work_orders_status_planned_start", "status", "planned_start", "id"),
        Index("ix_work_orders_type_planned_start", "type", "planned_start", "id"),
        Index("ix_work_orders_priority_planned_start", "priority", "planned_start", "id"),
        Index(
            "ix_work_orders_assignee_names_planned_start", "assignee_names", "planned_start", "id"
        ),
        Index("ix_work_orders_client_code_planned_start", "client_code", "planned_start", "id"),
        Index(
            "ix_work_orders_contract_number_planned_start", "contract_number", "planned_start", "id"
        ),
        Index("ix_work_orders_title_planned_start", "title", "planned_start", "id"),
        # The report's 検収件数: the orders accepted in a period, counted from this alone.
        Index("ix_work_orders_accepted", "status", "accepted_on"),
        # The dashboard counts the overdue orders per client body from this alone.
        Index("ix_work_orders_contract_status_end", "contract_id", "status", "planned_end"),
        # The contract card counts its orders by status and fiscal year from this alone.
        Index(
            "ix_work_orders_contract_status_dates",
            "contract_id",
            "status",
            "planned_start",
            "actual_start",
        ),
    )

    number: Mapped[str] = mapped_column(String(40), unique=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    type: Mapped[str] = mapped_column(String(40), ForeignKey("work_types.code"))
    status: Mapped[WorkOrderStatus] = mapped_column(
        str_enum(WorkOrderStatus, "work_order_status"), default=WorkOrderStatus.DRAFT
    )
    priority: Mapped[int] = mapped_column(SmallInteger, default=2)
    planned_start: Mapped[date | None]
    planned_end: Mapped[date | None]
    actual_start: Mapped[date | None]
    actual_end: Mapped[date | None]
    note: Mapped[str | None] = mapped_column(String(2000))
    # Set when the client accepts the finished work (検収): the day and its reference.
    accepted_on: Mapped[date | None]
    acceptance_ref: Mapped[str | None] = mapped_column(String(100))
    # コスト縮減額: the yen a design check, cost estimate or supervision took off the design
    # or estimate submitted to it (services/cost_reduction.py), the KPI's basis.
    cost_reduction_yen: Mapped[int | None] = mapped_column(BigInteger)
    # Derived by oneaqita.search.reindex_work_orders from the assignees, the contract and its
    # client, so that lists show and sort by them off one table's indexes: a join per row
    # made a deep page sorted by client take seconds at 500,000 orders.
    assignee_names: Mapped[str] = mapped_column(String(400), default="", server_default="")
    client_code: Mapped[str] = mapped_column(String(20), default="", server_default="")
    contract_number: Mapped[str] = mapped_column(String(40), default="", server_default="")

    contract: Mapped[Contract] = relationship()
    work_type: Mapped[WorkType] = relationship()
    assets: Mapped[list[Asset]] = relationship(secondary=work_order_assets, order_by=Asset.code)
    assignees: Mapped[list[Person]] = relationship(
        secondary=work_order_assignees, order_by=Person.employee_no
    )
    findings: Mapped[list[Finding]] = relationship(order_by=Finding.id)
    events: Mapped[list["WorkOrderEvent"]] = relationship(
        back_populates="work_order", order_by="WorkOrderEvent.id"
    )


class WorkOrderEvent(IdMixin, Base):
    """One status move of a work order: who moved it from where to where, and when."""

    __tablename__ = "work_order_events"

    work_order_id: Mapped[int] = mapped_column(
        ForeignKey("work_orders.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime] = mapped_column(default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    from_status: Mapped[WorkOrderStatus | None] = mapped_column(
        str_enum(WorkOrderStatus, "event_from_status")
    )
    to_status: Mapped[WorkOrderStatus] = mapped_column(str_enum(WorkOrderStatus, "event_to_status"))
    note: Mapped[str | None] = mapped_column(String(1000))

    work_order: Mapped[WorkOrder] = relationship(back_populates="events")
    user: Mapped["User | None"] = relationship()
