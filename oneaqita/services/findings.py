"""Recording findings: the defects a work order found on its assets.

Rules enforced here (each refusal is a bilingual ValidationError on the field in brackets):

- Findings are recorded, edited and removed only on an order that is running or completed
  (着手, 完了) [work_order]: before that nothing was surveyed, after acceptance the client has
  signed what was found, and a cancelled order found nothing that counts.
- A finding is on one of the order's own assets [asset].
- Its category is required text of at most 40 characters, normally one of
  ``condition.CATEGORIES`` (腐食, たるみ, 破損, クラック …); anything else a surveyor names is
  allowed and counts as a per-length item (the rule in oneaqita/condition.py) [category].
  One finding per category per asset per order (the import key) [category].
- Its rank is a, b or c [rank]. Its urgency is optional: left out, it follows from the span's
  grades by the rule; given (by the surveyor or an import), it is stored and wins for the
  asset's condition, and the queries show the derived one beside it
  (services/finding_queries.py). The note is multi-line, at most 1000 characters [note].
- The asset's condition (condition.py) is recomputed in the same unit of work, for the asset
  the finding is on now and the one it was on before; the assets whose condition changed are
  reported as recomputed.
- Coordinators, managers and administrators record findings (Action.RECORD_FINDINGS). Every
  write is audited; an edit or a removal checks the version the user saw (ConcurrentEdit).
"""

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from oneaqita.condition import recompute_conditions
from oneaqita.errors import ValidationError
from oneaqita.labels import label
from oneaqita.models import (
    Asset,
    Finding,
    FindingAttachment,
    FindingRank,
    Urgency,
    WorkOrder,
    WorkOrderStatus,
    work_order_assets,
)
from oneaqita.permissions import Action, requires
from oneaqita.services.actor import Actor
from oneaqita.services.attachment_rows import remove_attachment_rows
from oneaqita.services.changes import Change, Entity
from oneaqita.services.database import Database
from oneaqita.services.records import UpsertOutcome
from oneaqita.services.text_fields import optional_text, required_text
from oneaqita.services.unit_of_work import UnitOfWork
from oneaqita.services.upserts import row_to_edit, store_values

__all__ = [
    "RECORDING_STATUSES",
    "FindingData",
    "recording_order",
    "remove_finding",
    "save_finding",
    "snapshot",
    "upsert_finding",
]

ENTITY = Entity.FINDINGS
RECORDING_STATUSES = frozenset({WorkOrderStatus.IN_PROGRESS, WorkOrderStatus.COMPLETED})
_WHAT = ("所見", "Finding")


@dataclass(frozen=True)
class FindingData:
    work_order_id: int
    asset_id: int
    category: str
    rank: FindingRank
    urgency: Urgency | None = None  # None: it follows from the grades
    note: str | None = None


def snapshot(f: Finding) -> dict[str, Any]:
    return {
        "work_order_id": f.work_order_id,
        "asset_id": f.asset_id,
        "category": f.category,
        "rank": str(f.rank),
        "urgency": None if f.urgency is None else str(f.urgency),
        "note": f.note,
        "version": f.version,
    }


@requires(Action.RECORD_FINDINGS)
def recording_order(uow: UnitOfWork, work_order_id: int) -> WorkOrder:
    order = uow.session.get(WorkOrder, work_order_id)
    if order is None:
        raise ValidationError(
            f"作業 (id {work_order_id}) が見つかりません。",
            f"Work order {work_order_id} not found.",
            "work_order",
        )
    if order.status not in RECORDING_STATUSES:
        raise ValidationError(
            f"作業 {order.number} は「{label(order.status)}」のため、所見を記録できません。"
            "所見は着手中か完了の作業にだけ記録できます。",
            f"Work order {order.number} is {label(order.status, 'en').lower()}: findings are "
            "recorded only on orders in progress or completed.",
            "work_order",
        )
    return order


def _checked(uow: UnitOfWork, data: FindingData) -> dict[str, Any]:
    order = recording_order(uow, data.work_order_id)
    category = required_text(data.category, "category", "異常項目", "Category", 40)
    note = optional_text(data.note, "note", "備考", "Note", 1000, multiline=True)
    try:
        rank = FindingRank(data.rank)
    except ValueError:
        raise ValidationError(
            f"ランクは a, b, c のどれかにしてください ({data.rank})。",
            f"The rank must be a, b or c (got {data.rank}).",
            "rank",
        ) from None
    try:
        urgency = None if data.urgency is None else Urgency(data.urgency)
    except ValueError:
        raise ValidationError(
            f"緊急度は I, II, III のどれかにするか、空けてください ({data.urgency})。",
            f"The urgency must be I, II or III, or left out (got {data.urgency}).",
            "urgency",
        ) from None
    on_order = uow.session.scalar(
        select(work_order_assets.c.asset_id).where(
            work_order_assets.c.work_order_id == order.id,
            work_order_assets.c.asset_id == data.asset_id,
        )
    )
    if on_order is None:
        asset = uow.session.get(Asset, data.asset_id)
        code = asset.code if asset is not None else f"id {data.asset_id}"
        raise ValidationError(
            f"施設 {code} は作業 {order.number} の対象施設ではありません。",
            f"Asset {code} is not one of the assets of work order {order.number}.",
            "asset",
        )
    return {
        "work_order_id": order.id,
        "asset_id": data.asset_id,
        "category": category,
        "rank": rank,
        "urgency": urgency,
        "note": note,
    }


def _check_unique(uow: UnitOfWork, values: dict[str, Any], own_id: int | None) -> None:
    stmt = select(Finding.id).where(
        Finding.work_order_id == values["work_order_id"],
        Finding.asset_id == values["asset_id"],
        Finding.category == values["category"],
    )
    if own_id is not None:
        stmt = stmt.where(Finding.id != own_id)
    if uow.session.scalar(stmt) is not None:
        raise ValidationError(
            f"この施設には「{values['category']}」の所見がこの作業で既に記録されています。"
            "その所見を編集してください。",
            f"This asset already has a finding '{values['category']}' in this work order; "
            "edit that one instead.",
            "category",
        )


def _recompute(uow: UnitOfWork, asset_ids: set[int]) -> None:
    uow.recomputed(Entity.ASSETS, recompute_conditions(uow.session, asset_ids))


@requires(Action.RECORD_FINDINGS)
def _store(
    uow: UnitOfWork, finding: Finding | None, values: dict[str, Any]
) -> tuple[int, UpsertOutcome]:
    _check_unique(uow, values, finding.id if finding else None)
    before_asset = finding.asset_id if finding is not None else None
    result = store_values(uow, ENTITY, Finding, finding, values, snapshot)
    _recompute(uow, {values["asset_id"]} | ({before_asset} if before_asset else set()))
    return result


@requires(Action.RECORD_FINDINGS)
def upsert_finding(uow: UnitOfWork, data: FindingData) -> tuple[int, UpsertOutcome]:
    """Store `data` under its key (work order, asset, category): add it, update the stored
    finding, or leave it unchanged (for imports). Enforces the module's rules."""
    values = _checked(uow, data)
    finding = uow.session.scalar(
        select(Finding).where(
            Finding.work_order_id == values["work_order_id"],
            Finding.asset_id == values["asset_id"],
            Finding.category == values["category"],
        )
    )
    return _store(uow, finding, values)


@requires(Action.RECORD_FINDINGS)
def save_finding(
    db: Database,
    actor: Actor,
    data: FindingData,
    expected_version: int | None,
    finding_id: int | None = None,
) -> Change:
    """The editor's save, in its own unit of work: `expected_version` None adds a finding;
    otherwise `finding_id` is edited, refused with ConcurrentEdit when it is no longer at
    `expected_version`. An edit stays on its work order."""
    with db.unit_of_work(actor) as uow:
        values = _checked(uow, data)
        if expected_version is None:
            _store(uow, None, values)
            return uow.change
        finding = row_to_edit(
            uow, Finding, Finding.id, finding_id, finding_id, expected_version, _WHAT
        )
        if finding.work_order_id != values["work_order_id"]:
            raise ValidationError(
                "所見を別の作業に移すことはできません。",
                "A finding cannot be moved to another work order.",
                "work_order",
            )
        _store(uow, finding, values)
        return uow.change


@requires(Action.RECORD_FINDINGS)
def remove_finding(db: Database, actor: Actor, finding_id: int, expected_version: int) -> Change:
    """Remove a finding the user saw at `expected_version`, on an order still open to
    findings, with its attached files (each audited); the asset's condition follows what
    remains."""
    with db.unit_of_work(actor) as uow:
        finding = row_to_edit(
            uow, Finding, Finding.id, finding_id, finding_id, expected_version, _WHAT
        )
        recording_order(uow, finding.work_order_id)
        before, asset_id = snapshot(finding), finding.asset_id
        remove_attachment_rows(uow, FindingAttachment.finding_id == finding_id)
        uow.session.delete(finding)
        uow.session.flush()
        uow.audit("delete", ENTITY, finding_id, before, None)
        _recompute(uow, {asset_id})
        return uow.change
