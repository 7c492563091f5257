"""Reading findings: those of a work order, those of an asset over time, one for its editor;
each with the number of files attached to it.

Each line carries the urgency given for the finding (None when none was) beside the one its
span's grades give by the rule (``derived_urgency``: oneaqita/condition.py, over every finding
of that asset in that work order), so that a view shows both when they differ.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from oneaqita.condition import effective_urgency, span_urgency, survey_date
from oneaqita.errors import NotFound
from oneaqita.models import (
    Asset,
    AssetKind,
    Finding,
    FindingAttachment,
    FindingRank,
    Urgency,
    WorkOrder,
    WorkOrderStatus,
    work_order_assets,
)
from oneaqita.services.database import Database

__all__ = [
    "FindingLine",
    "OrderAsset",
    "findings_of_asset",
    "findings_of_work_order",
    "get_finding",
    "order_assets",
]


@dataclass(frozen=True, slots=True)
class FindingLine:
    id: int
    version: int
    work_order_id: int
    work_order_number: str
    work_order_status: WorkOrderStatus
    surveyed: date | None
    asset_id: int
    asset_code: str
    category: str
    rank: FindingRank
    urgency: Urgency | None  # as given for the finding; None: it follows from the grades
    derived_urgency: Urgency | None  # what the span's grades give by the rule
    note: str | None
    attachments: int = 0  # how many files are attached to it

    @property
    def effective_urgency(self) -> Urgency | None:
        return effective_urgency(self.urgency, self.derived_urgency)

    @property
    def differs(self) -> bool:
        """A given urgency that is not the one the grades give (both are shown)."""
        return self.urgency is not None and self.urgency != self.derived_urgency


@dataclass(frozen=True, slots=True)
class OrderAsset:
    id: int
    code: str
    kind: AssetKind


_COLUMNS: tuple[Any, ...] = (
    Finding.id,
    Finding.version,
    Finding.work_order_id,
    WorkOrder.number,
    WorkOrder.status,
    survey_date(),
    Finding.asset_id,
    Asset.code,
    Finding.category,
    Finding.rank,
    Finding.urgency,
    Finding.note,
)


def _lines(session: Session, where: Any, order: tuple[Any, ...]) -> list[FindingLine]:
    rows = session.execute(
        select(*_COLUMNS)
        .join(WorkOrder, WorkOrder.id == Finding.work_order_id)
        .join(Asset, Asset.id == Finding.asset_id)
        .where(where)
        .order_by(*order)
    ).all()
    if not rows:
        return []
    # The span's grades: every finding of the same asset in the same order, also those the
    # query did not select (one finding read for its editor).
    spans = {(r[2], r[6]) for r in rows}
    grades: dict[tuple[int, int], list[tuple[str, FindingRank]]] = defaultdict(list)
    orders = sorted({o for o, _ in spans})
    assets = sorted({a for _, a in spans})
    for order_id, asset_id, category, rank in session.execute(
        select(Finding.work_order_id, Finding.asset_id, Finding.category, Finding.rank).where(
            Finding.work_order_id.in_(orders), Finding.asset_id.in_(assets)
        )
    ):
        if (order_id, asset_id) in spans:
            grades[(order_id, asset_id)].append((category, rank))
    derived = {span: span_urgency(g) for span, g in grades.items()}
    files: dict[int, int] = dict(
        session.execute(
            select(FindingAttachment.finding_id, func.count())
            .where(FindingAttachment.finding_id.in_([r[0] for r in rows]))
            .group_by(FindingAttachment.finding_id)
        ).all()
    )
    return [
        FindingLine(
            id=r[0],
            version=r[1],
            work_order_id=r[2],
            work_order_number=r[3],
            work_order_status=r[4],
            surveyed=r[5],
            asset_id=r[6],
            asset_code=r[7],
            category=r[8],
            rank=r[9],
            urgency=r[10],
            derived_urgency=derived.get((r[2], r[6])),
            note=r[11],
            attachments=files.get(r[0], 0),
        )
        for r in rows
    ]


def findings_of_work_order(db: Database, work_order_id: int) -> list[FindingLine]:
    """The order's findings by asset code, then category."""
    with db.read() as session:
        return _lines(
            session, Finding.work_order_id == work_order_id, (Asset.code, Finding.category)
        )


def findings_of_asset(db: Database, asset_id: int) -> list[FindingLine]:
    """The asset's findings over time: the latest survey first (as the condition counts them),
    then by category."""
    with db.read() as session:
        return _lines(
            session,
            Finding.asset_id == asset_id,
            (survey_date().desc(), WorkOrder.id.desc(), Finding.category),
        )


def get_finding(db: Database, finding_id: int) -> FindingLine:
    with db.read() as session:
        lines = _lines(session, Finding.id == finding_id, (Finding.id,))
    if not lines:
        raise NotFound(
            f"所見 (id {finding_id}) が見つかりません。", f"Finding {finding_id} not found."
        )
    return lines[0]


def order_assets(db: Database, work_order_id: int) -> list[OrderAsset]:
    """The assets of a work order (those a finding of it may be on), by code."""
    with db.read() as session:
        rows = session.execute(
            select(Asset.id, Asset.code, Asset.kind)
            .join(work_order_assets, work_order_assets.c.asset_id == Asset.id)
            .where(work_order_assets.c.work_order_id == work_order_id)
            .order_by(Asset.code)
        )
        return [OrderAsset(*r) for r in rows]
