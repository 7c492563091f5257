"""What the work-order sheet (作業指示書) prints, read by SQL into plain dataclasses.

An order may hold thousands of assets: they are read by one query (joined to the order by its
number), never one query per asset. The findings already recorded come from
``finding_queries.findings_of_work_order``, with the urgency each one has in effect (given, or
following from the grades by oneaqita/condition.py).
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from oneaqita.errors import NotFound
from oneaqita.models import (
    Asset,
    AssetKind,
    Contract,
    FindingRank,
    Organization,
    Person,
    Urgency,
    WorkOrder,
    WorkOrderStatus,
    WorkType,
    work_order_assets,
    work_order_assignees,
)
from oneaqita.services.database import Database
from oneaqita.services.finding_queries import findings_of_work_order
from oneaqita.services.text_fields import reference_text
from oneaqita.values import quote

__all__ = [
    "SheetAsset",
    "SheetAssignee",
    "SheetFinding",
    "SheetPhoto",
    "WorkOrderSheetData",
    "work_order_sheet_data",
]


@dataclass(frozen=True, slots=True)
class SheetAsset:
    code: str
    kind: AssetKind
    district: str | None
    material: str | None
    diameter_mm: int | None
    length_m: Decimal | None
    installed_year: int | None


@dataclass(frozen=True, slots=True)
class SheetAssignee:
    employee_no: str
    name: str


@dataclass(frozen=True, slots=True)
class SheetFinding:
    asset_code: str
    category: str
    rank: FindingRank
    urgency: Urgency | None  # in effect: as given, else what the grades give
    note: str | None


@dataclass(frozen=True, slots=True)
class SheetPhoto:
    """One photo for the 写真帳: which asset and finding it shows, and the image file's bytes
    (JPEG, PNG or anything Pillow reads; one it cannot read prints as a captioned box)."""

    asset_code: str
    category: str
    rank: FindingRank | None
    urgency: Urgency | None
    image: bytes


@dataclass(frozen=True)
class WorkOrderSheetData:
    id: int
    number: str
    title: str
    contract_number: str
    contract_title: str
    client_name: str
    type_name_ja: str
    priority: int
    status: WorkOrderStatus
    planned_start: date | None
    planned_end: date | None
    actual_start: date | None
    actual_end: date | None
    description: str | None
    assignees: list[SheetAssignee]
    assets: list[SheetAsset]
    findings: list[SheetFinding]


def not_found(number: str) -> NotFound:
    return NotFound(
        f"作業番号 {quote(number, ja=True)} の作業指示はありません。",
        f"There is no work order numbered {quote(number)}.",
    )


def work_order_sheet_data(db: Database, number: str) -> WorkOrderSheetData:
    """The order numbered ``number`` with its assignees, assets and findings; NotFound (in
    both languages) when there is none. The number is read as typed references are (a
    character that no number can hold is refused, which PostgreSQL would not even compare)."""
    given = reference_text(number, "number", "作業番号", "Work-order number")
    if not given:
        raise not_found(number)
    with db.read() as session:
        head = session.execute(
            select(
                WorkOrder.id.label("id"),
                WorkOrder.number.label("number"),
                WorkOrder.title.label("title"),
                Contract.number.label("contract_number"),
                Contract.title.label("contract_title"),
                Organization.name_ja.label("client_name"),
                WorkType.name_ja.label("type_name_ja"),
                WorkOrder.priority.label("priority"),
                WorkOrder.status.label("status"),
                WorkOrder.planned_start.label("planned_start"),
                WorkOrder.planned_end.label("planned_end"),
                WorkOrder.actual_start.label("actual_start"),
                WorkOrder.actual_end.label("actual_end"),
                WorkOrder.note.label("description"),
            )
            .join(Contract, Contract.id == WorkOrder.contract_id)
            .join(Organization, Organization.id == Contract.client_id)
            .join(WorkType, WorkType.code == WorkOrder.type)
            .where(WorkOrder.number == given)
        ).one_or_none()
        if head is None:
            raise not_found(number)
        order_id = head.id
        assignees = session.execute(
            select(Person.employee_no, Person.name)
            .join(work_order_assignees, work_order_assignees.c.person_id == Person.id)
            .where(work_order_assignees.c.work_order_id == order_id)
            .order_by(Person.employee_no)
        ).all()
        assets = session.execute(
            select(
                Asset.code,
                Asset.kind,
                Asset.district,
                Asset.material,
                Asset.diameter_mm,
                Asset.length_m,
                Asset.installed_year,
            )
            .join(work_order_assets, work_order_assets.c.asset_id == Asset.id)
            .where(work_order_assets.c.work_order_id == order_id)
            .order_by(Asset.code)
        ).all()
    findings = [
        SheetFinding(f.asset_code, f.category, f.rank, f.effective_urgency, f.note)
        for f in findings_of_work_order(db, order_id)
    ]
    return WorkOrderSheetData(
        **head._asdict(),  # the columns above, labelled as the fields
        assignees=[SheetAssignee(*a) for a in assignees],
        assets=[SheetAsset(*a) for a in assets],
        findings=findings,
    )
