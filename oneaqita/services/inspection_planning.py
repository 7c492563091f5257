"""Inspection planning for a contract: the inspection orders for a set of assets, spread over
the contract's fiscal years (the levelling itself: oneaqita/inspection_plan.py), previewed
before anything is written and then created all at once.

Rules, each refusal a ValidationError on the field in brackets:

- The contract must exist [contract]; the work type comes from the catalogue, active
  (services/work_types.find_work_type; ``inspection`` unless another is asked for) [work_type].
- The assets are those the AssetFilter matches (services/asset_picking.py; the dialog asks for
  assets in service). None matched is refused [filter]. Assets already in an order of this
  contract and this work type that is not finished (draft, planned, in progress) are skipped,
  and the preview says how many; when every matched asset is skipped, that is refused [filter].
- Years: the contract's fiscal years inside its period and from today on (nothing is planned
  in the past), all of them that have a working day left unless some are chosen; a year
  outside the contract is refused, and so is a chosen year without a working day left, and a
  contract that has ended [years]. A contract of one fiscal year is planned too (its orders
  are grouped and dated; there is nothing to level).
- At most ``per_order`` assets per order, 1–1000 [per_order].
- The orders are created ``planned`` (not draft): the coordinator has just previewed and
  confirmed the plan, the orders have their assets and dates, and a draft would need
  thousands of single moves before the schedule shows them. Each gets the history event of
  its creation (from none to planned), is audited, re-indexed, and numbered per fiscal year of
  its planned start after the highest number of that year (work_order_editing.next_numbers).
- Preview and create: the preview carries a ``token`` (a digest of the contract's version, the
  work type, the settings and every planned asset with what decided its place). ``create_plan``
  plans again inside its unit of work and refuses, writing nothing, when the token differs:
  the contract or the assets changed since the preview, and the user confirmed a count that
  no longer holds; they preview again. A ValidationError [plan].
- All or nothing: everything is written in one unit of work (services/plan_writing.py),
  set-based (executemany INSERTs of the orders, their assets, their events and their audit
  entries), so an error or a kill in the middle leaves nothing. Two planners at once on
  PostgreSQL: a number taken meanwhile rolls the orders' savepoint back and numbers them again.
- Coordinators, managers and administrators (Action.EDIT_WORK_ORDERS).
"""

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from oneaqita.errors import ValidationError
from oneaqita.fiscal import fiscal_year, fiscal_year_range
from oneaqita.inspection_plan import PlanAsset, PlannedOrder, Priority, YearWindow, plan_orders
from oneaqita.models import (
    Asset,
    AssetStatus,
    Contract,
    WorkOrder,
    WorkOrderStatus,
    WorkType,
    work_order_assets,
)
from oneaqita.permissions import Action, requires
from oneaqita.services.actor import Actor
from oneaqita.services.asset_picking import AssetFilter, filter_conditions
from oneaqita.services.changes import Change
from oneaqita.services.database import Database
from oneaqita.services.plan_writing import Progress, write_orders
from oneaqita.services.work_types import find_work_type
from oneaqita.workdays import working_days

__all__ = [
    "PER_ORDER_LIMIT",
    "PlanPreview",
    "PlanRequest",
    "YearPlan",
    "contract_years",
    "plannable_years",
    "year_window",
    "create_plan",
    "preview_plan",
]

PER_ORDER_LIMIT = 1000
OPEN_STATUSES = (WorkOrderStatus.DRAFT, WorkOrderStatus.PLANNED, WorkOrderStatus.IN_PROGRESS)


@dataclass(frozen=True)
class PlanRequest:
    contract_id: int
    asset_filter: AssetFilter = field(
        default_factory=lambda: AssetFilter(status=AssetStatus.IN_SERVICE)
    )
    work_type: str = "inspection"
    priority: Priority = Priority.OLDEST
    years: tuple[int, ...] = ()  # fiscal years; empty: all of the contract's
    per_order: int = 50


@dataclass(frozen=True)
class YearPlan:
    fiscal_year: int
    orders: int
    assets: int
    length_km: Decimal


@dataclass(frozen=True)
class PlanPreview:
    contract_number: str
    work_type_name: str
    years: tuple[YearPlan, ...]
    orders: tuple[PlannedOrder, ...]
    skipped: int  # matched, but already in an unfinished order of this contract and type
    unmeasured: int  # planned assets without a length (levelled as an average one)
    token: str

    @property
    def asset_count(self) -> int:
        return sum(y.assets for y in self.years)

    @property
    def order_count(self) -> int:
        return len(self.orders)


def contract_years(start: date, end: date) -> list[int]:
    """The fiscal years a contract's period touches."""
    return list(range(fiscal_year(start), fiscal_year(end) + 1))


def _contract(session: Session, contract_id: int) -> Contract:
    contract = session.get(Contract, contract_id)
    if contract is None:
        raise ValidationError(
            f"契約 (id {contract_id}) が見つかりません。",
            f"No contract with id {contract_id}.",
            "contract",
        )
    return contract


def _work_type(session: Session, ref: str) -> WorkType:
    wt = find_work_type(session, ref, "work_type")
    if not wt.active:
        raise ValidationError(
            f"作業種別「{wt.name_ja}」は使われなくなったため、計画には選べません。",
            f"The work type '{wt.name_en}' is no longer in use; choose another.",
            "work_type",
        )
    return wt


def year_window(fy: int, start: date, end: date, today: date) -> YearWindow:
    """Fiscal year `fy` inside a contract's period `start`..`end`, from `today` on."""
    first, last = fiscal_year_range(fy)
    return YearWindow(fy, max(first, start, today), min(last, end))


def plannable_years(start: date, end: date, today: date) -> list[int]:
    """The fiscal years of a contract's period with a working day left from `today` on."""
    return [
        fy
        for fy in contract_years(start, end)
        if working_days((w := year_window(fy, start, end, today)).first, w.last) > 0
    ]


def _windows(contract: Contract, years: Sequence[int], today: date) -> list[YearWindow]:
    allowed = contract_years(contract.start_date, contract.end_date)
    chosen = (
        sorted(set(years))
        if years
        else plannable_years(contract.start_date, contract.end_date, today)
    )
    outside = [y for y in chosen if y not in allowed]
    if outside:
        raise ValidationError(
            f"年度 {', '.join(map(str, outside))} は契約 {contract.number} の期間"
            f" ({allowed[0]}〜{allowed[-1]}年度) の外です。",
            f"Fiscal year {', '.join(map(str, outside))} is outside contract {contract.number}"
            f" (FY{allowed[0]}–FY{allowed[-1]}).",
            "years",
        )
    if not chosen:
        raise ValidationError(
            f"契約 {contract.number} の期間は {contract.end_date.isoformat()} に終わっています。",
            f"Contract {contract.number} ended on {contract.end_date.isoformat()}.",
            "years",
        )
    windows = []
    for fy in chosen:
        window = year_window(fy, contract.start_date, contract.end_date, today)
        if working_days(window.first, window.last) == 0:
            raise ValidationError(
                f"{fy}年度は契約期間内で今日 ({today.isoformat()}) 以降に稼働日がありません。",
                f"FY{fy} has no working day left inside the contract's period from today "
                f"({today.isoformat()}).",
                "years",
            )
        windows.append(window)
    return windows


def _per_order(value: int) -> int:
    if not 1 <= value <= PER_ORDER_LIMIT:
        raise ValidationError(
            f"1件の作業の施設数は1〜{PER_ORDER_LIMIT:,}にしてください ({value:,})。",
            f"Assets per order must be 1 to {PER_ORDER_LIMIT:,} (got {value:,}).",
            "per_order",
        )
    return value


def _assets(
    session: Session, flt: AssetFilter, contract: Contract, wt: WorkType
) -> tuple[list[PlanAsset], int]:
    """The matched assets to plan, and how many matched but are in an unfinished order."""
    busy = (
        select(work_order_assets.c.asset_id)
        .join(WorkOrder, WorkOrder.id == work_order_assets.c.work_order_id)
        .where(
            WorkOrder.contract_id == contract.id,
            WorkOrder.type == wt.code,
            WorkOrder.status.in_(OPEN_STATUSES),
        )
    )
    rows = session.execute(
        select(
            Asset.id,
            Asset.code,
            Asset.district,
            Asset.installed_year,
            Asset.length_m,
            Asset.condition,
            Asset.id.in_(busy),
        ).where(*filter_conditions(flt))
    ).all()
    if not rows:
        raise ValidationError(
            "条件に合う施設がありません。条件を変えてください。",
            "No asset matches the filter; change it.",
            "filter",
        )
    free = [PlanAsset(*row[:6]) for row in rows if not row[6]]
    skipped = len(rows) - len(free)
    if not free:
        raise ValidationError(
            f"条件に合う施設 {len(rows):,} 件はすべて、この契約の未完了の同じ種別の作業に"
            "含まれています。",
            f"All {len(rows):,} matching assets are already in unfinished orders of this "
            "type under this contract.",
            "filter",
        )
    return free, skipped


def _token(
    contract: Contract,
    wt: WorkType,
    request: PlanRequest,
    assets: list[PlanAsset],
    windows: list[YearWindow],
    skipped: int,
) -> str:
    digest = hashlib.sha256()
    head = (
        contract.id,
        contract.version,
        wt.code,
        wt.name_ja,
        Priority(request.priority).value,
        request.per_order,
        [(w.fiscal_year, w.first, w.last) for w in windows],
        skipped,
    )
    digest.update(repr(head).encode())
    for a in sorted(assets, key=lambda a: a.id):
        digest.update(
            repr((a.id, a.code, a.district, a.installed_year, a.length_m, a.condition)).encode()
        )
    return digest.hexdigest()


def _plan(session: Session, request: PlanRequest, today: date) -> PlanPreview:
    contract = _contract(session, request.contract_id)
    wt = _work_type(session, request.work_type)
    per_order = _per_order(request.per_order)
    windows = _windows(contract, request.years, today)
    assets, skipped = _assets(session, request.asset_filter, contract, wt)
    orders = plan_orders(assets, windows, Priority(request.priority), per_order, wt.name_ja)
    lengths = {a.id: a.length_m for a in assets}
    years = []
    for w in windows:
        mine = [o for o in orders if o.fiscal_year == w.fiscal_year]
        metres = sum((o.length_m for o in mine), Decimal(0))
        count = sum(o.asset_count for o in mine)
        years.append(YearPlan(w.fiscal_year, len(mine), count, metres / 1000))
    return PlanPreview(
        contract_number=contract.number,
        work_type_name=wt.name_ja,
        years=tuple(years),
        orders=tuple(orders),
        skipped=skipped,
        unmeasured=sum(1 for v in lengths.values() if v is None or v <= 0),
        token=_token(contract, wt, request, assets, windows, skipped),
    )


def preview_plan(db: Database, request: PlanRequest, today: date | None = None) -> PlanPreview:
    """The plan as it would be created now (reads only)."""
    with db.read() as session:
        return _plan(session, request, today or date.today())


def _quiet(_stage: str, _done: int, _total: int) -> None:
    pass


@requires(Action.EDIT_WORK_ORDERS)
def create_plan(
    db: Database,
    actor: Actor,
    request: PlanRequest,
    expected_token: str | None,
    progress: Progress | None = None,
    today: date | None = None,
) -> Change:
    """Create the planned orders (the module's rules) in one unit of work; `expected_token`
    is the preview's token (None: plan without a preview)."""
    with db.unit_of_work(actor) as uow:
        plan = _plan(uow.session, request, today or date.today())
        if expected_token is not None and plan.token != expected_token:
            raise ValidationError(
                "試算の後で契約または対象施設が変わりました。何も作成していません。"
                "もう一度試算してください。",
                "The contract or the assets changed after the preview; nothing was created. "
                "Preview again.",
                "plan",
            )
        contract = _contract(uow.session, request.contract_id)
        wt = _work_type(uow.session, request.work_type)
        write_orders(uow, plan.orders, contract.id, wt.code, progress or _quiet)
        return uow.change
