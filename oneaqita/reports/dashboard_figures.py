"""The manager's dashboard (ダッシュボード): every tile's figure as plain data, aggregated by the
database, on a given day.

Tiles and their rules:

- **Open work orders** by client body and status: orders not finished (draft, planned, in
  progress; services/work_order_attention.py), counted per client body of their contract.
- **Overdue**: open orders whose planned end is before today (without a planned end, never
  overdue), per client body, with the longest delay in days.
- **緊急度 I not yet acted on**: findings whose effective urgency is I (condition.py: the given
  urgency, else the span's derived one) on orders in progress, completed or accepted, whose
  asset has no other live work order starting on or after the survey's date
  (work_order_attention.py says it in full); counted as findings, their orders and assets, and
  per owner body of the asset.
- **Hours against capacity** this month, by sending body: hours are the time entries dated
  inside the month and inside a secondment from the body, of every status except 差戻し
  (returned), as the settlement counts them (settlement_figures.py). Capacity is the working
  days (workdays.py: weekdays without national holidays and the 12/29–1/3 closure) of the
  month inside each secondment × ``STANDARD_DAY_MINUTES`` (7 h 45 min); ``to_date`` the same
  up to today. Company staff without a secondment have no sending body and are not counted.
- **Secondments ending** within 90 days of today, both days included (services/staffing.py,
  leaving_within).
- **Contract progress** of the fiscal year of today (reports/contract_progress.py).

Everything over work orders, findings, secondments and time entries is aggregated in SQL; only
result rows come back. `dashboard` reads all tiles for managers and administrators, side by
side on their own connections (services/parallel_reads.py).
"""

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Date, and_, case, func, literal, null, select, text, union_all

from oneaqita.fiscal import fiscal_year
from oneaqita.models import (
    Asset,
    Contract,
    Organization,
    Secondment,
    TimeEntry,
    TimeEntryStatus,
    WorkOrder,
    WorkOrderStatus,
)
from oneaqita.permissions import Action, requires
from oneaqita.reports.contract_progress import FiscalYearProgress, contract_progress, percent
from oneaqita.services.actor import Actor
from oneaqita.services.database import Database
from oneaqita.services.parallel_reads import side_by_side
from oneaqita.services.staffing import LeavingRow, leaving_within
from oneaqita.services.users import require_registered
from oneaqita.services.work_order_attention import (
    OPEN_STATUSES,
    is_overdue,
    unacted_urgent_findings,
)
from oneaqita.workdays import working_days_in

__all__ = [
    "LEAVING_DAYS",
    "STANDARD_DAY_MINUTES",
    "BodyHours",
    "BodyOpenOrders",
    "BodyOverdue",
    "BodyUrgentFindings",
    "Dashboard",
    "HoursTile",
    "LeavingTile",
    "OpenOrdersTile",
    "OverdueTile",
    "UrgentFindingsTile",
    "dashboard",
    "hours_against_capacity",
    "open_orders",
    "overdue_orders",
    "secondments_ending",
    "urgent_findings",
]

STANDARD_DAY_MINUTES = 7 * 60 + 45  # the standard working day, 7 h 45 min
LEAVING_DAYS = 90


@dataclass(frozen=True, slots=True)
class BodyOpenOrders:
    client_id: int
    code: str
    name: str
    counts: dict[WorkOrderStatus, int]  # every open status, 0 included

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class OpenOrdersTile:
    bodies: tuple[BodyOpenOrders, ...]  # most open orders first, then by code

    @property
    def counts(self) -> dict[WorkOrderStatus, int]:
        return {s: sum(b.counts[s] for b in self.bodies) for s in OPEN_STATUSES}

    @property
    def total(self) -> int:
        return sum(b.total for b in self.bodies)


@dataclass(frozen=True, slots=True)
class BodyOverdue:
    client_id: int
    code: str
    name: str
    orders: int
    oldest_end: date  # the earliest planned end among them


@dataclass(frozen=True)
class OverdueTile:
    today: date
    bodies: tuple[BodyOverdue, ...]  # most overdue orders first, then by code

    @property
    def total(self) -> int:
        return sum(b.orders for b in self.bodies)

    @property
    def longest_days(self) -> int:
        """How many days past its planned end the most overdue order is (0: none)."""
        return max(((self.today - b.oldest_end).days for b in self.bodies), default=0)


@dataclass(frozen=True, slots=True)
class BodyUrgentFindings:
    owner_id: int
    code: str
    name: str
    findings: int
    assets: int


@dataclass(frozen=True)
class UrgentFindingsTile:
    findings: int
    orders: int  # the orders holding them (the work-order list's filter finds these)
    assets: int
    bodies: tuple[BodyUrgentFindings, ...]  # per owner of the asset, most findings first


@dataclass(frozen=True, slots=True)
class BodyHours:
    organization_id: int
    code: str
    name: str
    people: int  # secondments from the body with a working day in the month
    minutes: int
    capacity_minutes: int  # the whole month
    capacity_to_date_minutes: int  # up to today

    @property
    def pct_of_month(self) -> Decimal:
        return percent(self.minutes, self.capacity_minutes)

    @property
    def pct_to_date(self) -> Decimal:
        return percent(self.minutes, self.capacity_to_date_minutes)


@dataclass(frozen=True)
class HoursTile:
    month: date  # the first day
    working_days: int  # of the whole month
    working_days_to_date: int
    bodies: tuple[BodyHours, ...]  # in code order

    @property
    def minutes(self) -> int:
        return sum(b.minutes for b in self.bodies)

    @property
    def capacity_minutes(self) -> int:
        return sum(b.capacity_minutes for b in self.bodies)

    @property
    def capacity_to_date_minutes(self) -> int:
        return sum(b.capacity_to_date_minutes for b in self.bodies)

    @property
    def pct_to_date(self) -> Decimal:
        return percent(self.minutes, self.capacity_to_date_minutes)


@dataclass(frozen=True)
class LeavingTile:
    today: date
    days: int
    rows: tuple[LeavingRow, ...]  # soonest first

    @property
    def total(self) -> int:
        return len(self.rows)

    def within(self, days: int) -> int:
        return sum(1 for r in self.rows if r.days_left <= days)


@dataclass(frozen=True)
class Dashboard:
    today: date
    open_orders: OpenOrdersTile
    overdue: OverdueTile
    urgent: UrgentFindingsTile
    hours: HoursTile
    leaving: LeavingTile
    contracts: FiscalYearProgress


# -- the tiles ---------------------------------------------------------------------------


def open_orders(db: Database) -> OpenOrdersTile:
    # Counted per contract and status first, in the order of the (contract_id, status, …)
    # index, then summed per client body: grouping the 250,000 open orders by body at once
    # sorted them all in a temporary B-tree (SQLite: 370 ms → 60 ms of CPU at 500,000 orders).
    per_contract = (
        select(WorkOrder.contract_id, WorkOrder.status, func.count().label("n"))
        .where(WorkOrder.status.in_(OPEN_STATUSES))
        .group_by(WorkOrder.contract_id, WorkOrder.status)
        .subquery("per_contract")
    )
    stmt = (
        select(
            Organization.id,
            Organization.code,
            Organization.name_ja,
            per_contract.c.status,
            func.sum(per_contract.c.n),
        )
        .select_from(per_contract)
        .join(Contract, Contract.id == per_contract.c.contract_id)
        .join(Organization, Organization.id == Contract.client_id)
        .group_by(Organization.id, Organization.code, Organization.name_ja, per_contract.c.status)
    )
    bodies: dict[int, BodyOpenOrders] = {}
    with db.read() as session:
        for oid, code, name, status, count in session.execute(stmt):
            body = bodies.setdefault(
                oid, BodyOpenOrders(oid, code, name, dict.fromkeys(OPEN_STATUSES, 0))
            )
            body.counts[WorkOrderStatus(status)] = int(count)
    ordered = sorted(bodies.values(), key=lambda b: (-b.total, b.code))
    return OpenOrdersTile(tuple(ordered))


def overdue_orders(db: Database, today: date) -> OverdueTile:
    stmt = (
        select(
            Organization.id,
            Organization.code,
            Organization.name_ja,
            func.count(),
            func.min(WorkOrder.planned_end),
        )
        .join(Contract, Contract.id == WorkOrder.contract_id)
        .join(Organization, Organization.id == Contract.client_id)
        .where(is_overdue(today))
        .group_by(Organization.id, Organization.code, Organization.name_ja)
    )
    with db.read() as session:
        found = [
            BodyOverdue(i, c, n, int(k), e or today)  # never None: overdue needs an end
            for i, c, n, k, e in session.execute(stmt)
        ]
    return OverdueTile(today, tuple(sorted(found, key=lambda b: (-b.orders, b.code))))


def urgent_findings(db: Database) -> UrgentFindingsTile:
    # One statement: the findings are found once (a CTE used twice is materialized by both
    # databases) and counted per owner of the asset; an asset has one owner, so the whole's
    # findings and assets are the owners' sums, and only its orders are counted apart.
    found = unacted_urgent_findings(db.dialect).cte("urgent")
    totals = select(
        null().label("owner_id"),
        null().label("code"),
        null().label("name"),
        literal(0).label("findings"),
        func.count(func.distinct(found.c.work_order_id)).label("orders"),
        literal(0).label("assets"),
    ).select_from(found)
    per_owner = (
        select(
            Organization.id,
            Organization.code,
            Organization.name_ja,
            func.count(),
            literal(0),
            func.count(func.distinct(found.c.asset_id)),
        )
        .select_from(found)
        .join(Asset, Asset.id == found.c.asset_id)
        .join(Organization, Organization.id == Asset.owner_id)
        .group_by(Organization.id, Organization.code, Organization.name_ja)
    )
    findings = orders = assets = 0
    bodies = []
    rows: list[Any]
    with db.read() as session:
        if db.dialect == "postgresql":
            # The correlated probes are costed far above jit_above_cost, so PostgreSQL spent
            # about 240 ms compiling the statement for a run of about 1,100 ms (the bench
            # database, EXPLAIN ANALYZE); for this read transaction only.
            session.execute(text("SET LOCAL jit = off"))
        rows = list(session.execute(union_all(totals, per_owner)))
        for oid, code, name, n, in_orders, on_assets in rows:
            if oid is None:
                orders = int(in_orders)
            else:
                bodies.append(BodyUrgentFindings(oid, code, name, int(n), int(on_assets)))
                findings, assets = findings + int(n), assets + int(on_assets)
    bodies.sort(key=lambda b: (-b.findings, b.code))
    return UrgentFindingsTile(findings, orders, assets, tuple(bodies))


def _month(today: date) -> tuple[date, date]:
    first = today.replace(day=1)
    return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])


def hours_against_capacity(db: Database, today: date) -> HoursTile:
    first, last = _month(today)
    days = list(working_days_in(first, last))
    to_date = sum(1 for d in days if d <= today)
    per_body: dict[int, list[int]] = {}  # organization id → people, minutes, month, to date
    with db.read() as session:
        if days:
            day_table = union_all(*(select(literal(d, Date).label("day")) for d in days)).subquery(
                "working_days"
            )
            capacity = (
                select(
                    Secondment.from_organization_id,
                    func.count(func.distinct(Secondment.id)),
                    func.count(),
                    func.sum(case((day_table.c.day <= today, 1), else_=0)),
                )
                .join(
                    day_table,
                    and_(
                        day_table.c.day >= Secondment.start_date,
                        Secondment.not_ended_before(day_table.c.day),
                    ),
                )
                .group_by(Secondment.from_organization_id)
            )
            for oid, people, month_days, days_to_date in session.execute(capacity):
                per_body[oid] = [
                    int(people),
                    0,
                    int(month_days) * STANDARD_DAY_MINUTES,
                    int(days_to_date or 0) * STANDARD_DAY_MINUTES,
                ]
        te = TimeEntry
        hours = (
            select(Secondment.from_organization_id, func.sum(te.minutes))
            .join(
                te,
                and_(
                    te.person_id == Secondment.person_id,
                    te.work_date >= first,
                    te.work_date <= last,
                    te.work_date >= Secondment.start_date,
                    Secondment.not_ended_before(te.work_date),
                    te.status != TimeEntryStatus.RETURNED,
                ),
            )
            .where(Secondment.start_date <= last, Secondment.not_ended_before(first))
            .group_by(Secondment.from_organization_id)
        )
        for oid, minutes in session.execute(hours):
            per_body.setdefault(oid, [0, 0, 0, 0])[1] = int(minutes or 0)
        names = dict.fromkeys(per_body, ("", ""))
        if per_body:
            for oid, code, name in session.execute(
                select(Organization.id, Organization.code, Organization.name_ja).where(
                    Organization.id.in_(list(per_body))
                )
            ):
                names[oid] = (code, name)
    bodies = [BodyHours(oid, *names[oid], *figures) for oid, figures in per_body.items()]
    bodies.sort(key=lambda b: b.code)
    return HoursTile(first, len(days), to_date, tuple(bodies))


def secondments_ending(db: Database, today: date, days: int = LEAVING_DAYS) -> LeavingTile:
    return LeavingTile(today, days, tuple(leaving_within(db, today, days)))


@requires(Action.READ_DASHBOARD)
def dashboard(db: Database, actor: Actor, today: date) -> Dashboard:
    """Every tile of the dashboard as of `today` (the module's rules), read side by side
    (services/parallel_reads.py), the slowest first."""
    require_registered(actor)
    urgent, contracts, hours, opened, overdue, leaving = side_by_side(
        db,
        lambda: urgent_findings(db),
        lambda: contract_progress(db, fiscal_year(today)),
        lambda: hours_against_capacity(db, today),
        lambda: open_orders(db),
        lambda: overdue_orders(db, today),
        lambda: secondments_ending(db, today),
    )
    return Dashboard(today, opened, overdue, urgent, hours, leaving, contracts)
