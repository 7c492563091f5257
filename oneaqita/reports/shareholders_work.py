"""受託実績: the work the company did in a period, per client body and per service (work type),
as the report to the shareholders and each body's statement show it.

Definitions (the report's notes say the same):

- **Done in the period (件数)**: a work order completed or accepted whose day of completion —
  its actual end, else the client's 検収日 — falls inside the period. Cancelled, draft,
  planned and running orders are not counted.
- **Amount (金額)**: a contract's amount spread evenly over its live work orders (every
  order not cancelled, in every year), as the contract card does
  (services/contract_queries.py): an order's share is floor(amount ÷ live orders) yen; the
  period's amount is the sum of the shares of the orders done in it. Shown in 千円
  (thousands of yen, rounded half up), so totals may differ from the sum of the rows by 1.
- **Length (km)**: the lengths of the pipe spans (管路) on the orders done in the period, a
  span counted once per order that covers it.
- **Person-days (人日)**: the minutes of the time entries dated inside the period on the
  client's orders (whatever the order's state), every status but 差戻し (returned), as the
  settlement counts them; 1 人日 = 8 hours (480 minutes).
- The client body is the contract's client; a bulk order counts for the body that holds the
  contract. Everything is grouped by the database, by client and work type: the lengths and
  the minutes and the amounts in one query each for the period and the same period a year
  earlier (grouped by period too); only those few hundred groups come back.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import partial
from typing import Any

from sqlalchemy import Select, Subquery, and_, case, func, or_, select
from sqlalchemy.orm import Session

from oneaqita.models import (
    Asset,
    AssetKind,
    Contract,
    TimeEntry,
    WorkOrder,
    WorkType,
    work_order_assets,
)
from oneaqita.reports.report_period import ReportPeriod
from oneaqita.reports.settlement_figures import NOT_COUNTED
from oneaqita.services.contract_queries import DONE_STATUSES, LIVE_STATUSES

__all__ = [
    "DONE_STATUSES",
    "MINUTES_PER_DAY",
    "WorkCell",
    "WorkFigures",
    "done_in",
    "done_on",
    "thousand_yen",
    "work_pair",
]

MINUTES_PER_DAY = 480
_ONE_PLACE = Decimal("0.1")


def thousand_yen(yen: int) -> int:
    """Yen in 千円, rounded half up: 1,499 → 1, 1,500 → 2."""
    return int((Decimal(yen) / 1000).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True, slots=True)
class WorkCell:
    """The work of one group (a body, a service, a body's service, or all) in one period."""

    orders: int = 0
    amount_yen: int = 0
    length_m: Decimal = Decimal(0)
    minutes: int = 0
    cost_reduction_yen: int = 0  # the コスト縮減額 recorded on the orders (the KPI's)

    def __add__(self, other: "WorkCell") -> "WorkCell":
        return WorkCell(
            self.orders + other.orders,
            self.amount_yen + other.amount_yen,
            self.length_m + other.length_m,
            self.minutes + other.minutes,
            self.cost_reduction_yen + other.cost_reduction_yen,
        )

    @property
    def amount_thousand(self) -> int:
        return thousand_yen(self.amount_yen)

    @property
    def km(self) -> Decimal:
        """The length in km to 0.1 (rounded half up)."""
        return (self.length_m / 1000).quantize(_ONE_PLACE, rounding=ROUND_HALF_UP)

    @property
    def person_days(self) -> Decimal:
        """人日 to 0.1 (rounded half up)."""
        days = Decimal(self.minutes) / MINUTES_PER_DAY
        return days.quantize(_ONE_PLACE, rounding=ROUND_HALF_UP)

    @property
    def empty(self) -> bool:
        return not (self.orders or self.amount_yen or self.length_m or self.minutes)


Key = tuple[int, str]  # (client body id, work type code)
PKey = tuple[int, int, str]  # (0 the period / 1 a year earlier, client body id, work type code)


@dataclass(frozen=True)
class WorkFigures:
    """One period's work, grouped by (client body, work type)."""

    period: ReportPeriod
    cells: dict[Key, WorkCell]

    def by_body(self) -> dict[int, WorkCell]:
        return _summed((body, cell) for (body, _), cell in self.cells.items())

    def by_service(self, body_id: int | None = None) -> dict[str, WorkCell]:
        """Per work type, of every body or of ``body_id`` only."""
        return _summed(
            (code, cell)
            for (body, code), cell in self.cells.items()
            if body_id is None or body == body_id
        )

    def total(self, body_id: int | None = None) -> WorkCell:
        return sum(self.by_service(body_id).values(), WorkCell())


def _summed(pairs: Iterable[tuple[Any, WorkCell]]) -> dict[Any, WorkCell]:
    out: dict[Any, WorkCell] = defaultdict(WorkCell)
    for key, cell in pairs:
        out[key] = out[key] + cell
    return dict(out)


def done_on() -> Any:
    """SQL: the day a work order counts as done (its actual end, else its 検収日)."""
    return func.coalesce(WorkOrder.actual_end, WorkOrder.accepted_on)


def done_in(period: ReportPeriod) -> Any:
    """SQL: the work order was done inside ``period`` (the module's definition)."""
    return and_(
        WorkOrder.status.in_(DONE_STATUSES),
        done_on().between(period.start, period.end),
    )


def _which(day: Any, now: ReportPeriod, before: ReportPeriod) -> tuple[Any, Any]:
    """SQL: (0 for ``now``, 1 for ``before``, the filter: the day falls in one of them). The
    periods never overlap (one is the other a year earlier)."""
    inside = day.between(now.start, now.end)
    return case((inside, 0), else_=1), or_(inside, day.between(before.start, before.end))


def _done(now: ReportPeriod, before: ReportPeriod) -> tuple[Any, Any]:
    which, either = _which(done_on(), now, before)
    return which, and_(WorkOrder.status.in_(DONE_STATUSES), either)


def _done_keys(now: ReportPeriod, before: ReportPeriod) -> tuple[list[Any], Any]:
    """SQL on work orders joined to their contracts: the keys a done order is grouped by
    (0 for ``now`` / 1 for ``before``, its client body, its work type), and the filter that
    it was done in one of the two periods."""
    which, done = _done(now, before)
    keys = [which.label("which"), Contract.client_id.label("body"), WorkOrder.type.label("type")]
    return keys, done


def _grouped(rows: Subquery, *measures: Any) -> Select[Any]:
    """Per period, client body and work type: the measures of ``rows``. Grouped outside the
    select that computes the period, so that PostgreSQL sees the same GROUP BY columns
    whatever the parameters."""
    c = rows.c
    return select(c.which, c.body, c.type, *measures).group_by(c.which, c.body, c.type)


def _amounts(
    session: Session, now: ReportPeriod, before: ReportPeriod
) -> dict[PKey, tuple[int, int, int]]:
    """(orders, yen, cost reduction yen) per period, client body and work type, both periods
    in one statement. Each order's share is a whole number of yen, floor(amount ÷ live
    orders) by integer division in the database, so the sums are exact integers whatever
    order they are added in."""
    live = (
        select(WorkOrder.contract_id, func.count().label("n"))
        .where(WorkOrder.status.in_(LIVE_STATUSES))
        .group_by(WorkOrder.contract_id)
        .subquery()
    )
    keys, done = _done_keys(now, before)
    rows = (
        select(
            *keys,
            (Contract.amount_yen // live.c.n).label("share"),  # integer division: whole yen
            WorkOrder.cost_reduction_yen.label("reduced"),
        )
        .select_from(WorkOrder)
        .join(Contract, Contract.id == WorkOrder.contract_id)
        .join(live, live.c.contract_id == WorkOrder.contract_id)
        .where(done)
        .subquery()
    )
    stmt = _grouped(rows, func.count(), func.sum(rows.c.share), func.sum(rows.c.reduced))
    return {
        (w, b, t): (int(n), int(yen or 0), int(reduced or 0))
        for w, b, t, n, yen, reduced in session.execute(stmt)
    }


def _lengths(session: Session, now: ReportPeriod, before: ReportPeriod) -> dict[PKey, Any]:
    """The pipe metres of each order first, over the links in their index's order (one
    lookup of each linked asset), then those of the orders done in either period, per
    period, client body and work type. Joined the other way round (each done order's links,
    then their assets) SQLite looked the assets up in no order: 40 % slower at scale 25."""
    per_order = (
        select(
            work_order_assets.c.work_order_id.label("order_id"),
            func.sum(Asset.length_m).label("metres"),
        )
        .join(Asset, Asset.id == work_order_assets.c.asset_id)
        .where(Asset.kind == AssetKind.PIPE)
        .group_by(work_order_assets.c.work_order_id)
        .subquery("per_order")
    )
    keys, done = _done_keys(now, before)
    rows = (
        select(
            *keys,
            per_order.c.metres.label("metres"),
        )
        .select_from(per_order)
        .join(WorkOrder, WorkOrder.id == per_order.c.order_id)
        .join(Contract, Contract.id == WorkOrder.contract_id)
        .where(done)
        .subquery()
    )
    stmt = _grouped(rows, func.sum(rows.c.metres))
    return {(w, b, t): Decimal(m or 0) for w, b, t, m in session.execute(stmt)}


def _minutes(session: Session, now: ReportPeriod, before: ReportPeriod) -> dict[PKey, Any]:
    """The time entries summed per work order first (both periods in one pass over
    ix_time_entries_report, which holds every column read), then those orders' sums per
    client body and work type: the orders and contracts are joined to one row per order,
    not to each of the millions of entries."""
    day = TimeEntry.work_date

    def within(p: ReportPeriod) -> Any:
        return func.sum(case((day.between(p.start, p.end), TimeEntry.minutes), else_=None))

    per_order = (
        select(
            TimeEntry.work_order_id.label("order_id"),
            within(now).label("now"),
            within(before).label("before"),
        )
        .where(
            TimeEntry.work_order_id.is_not(None),
            or_(day.between(now.start, now.end), day.between(before.start, before.end)),
            TimeEntry.status != NOT_COUNTED,
        )
        .group_by(TimeEntry.work_order_id)
        .subquery()
    )
    stmt = (
        select(
            Contract.client_id,
            WorkOrder.type,
            func.sum(per_order.c.now),
            func.sum(per_order.c.before),
        )
        .select_from(per_order)
        .join(WorkOrder, WorkOrder.id == per_order.c.order_id)
        .join(Contract, Contract.id == WorkOrder.contract_id)
        .group_by(Contract.client_id, WorkOrder.type)
    )
    out: dict[PKey, int] = {}
    for body, code, minutes_now, minutes_before in session.execute(stmt):
        for which, minutes in enumerate((minutes_now, minutes_before)):
            if minutes is not None:
                out[(which, body, code)] = int(minutes)
    return out


def work_reads(period: ReportPeriod) -> list[Callable[[Session], Any]]:
    """The three reads of ``work_pair`` (the amounts, the lengths, the minutes, each one
    statement for both periods), for a caller that runs them side by side (parallel_reads)."""
    before = period.previous
    return [partial(f, now=period, before=before) for f in (_amounts, _lengths, _minutes)]


def work_pair(
    session: Session, period: ReportPeriod, read: list[Any] | None = None
) -> tuple[WorkFigures, WorkFigures]:
    """The period's work and the same period's a year earlier, per client body and work type
    (the module's definitions), from ``work_reads`` run in `session`, or from their results
    `read` when the caller has run them."""
    before = period.previous
    amounts, lengths, minutes = read or [r(session) for r in work_reads(period)]
    cells: tuple[dict[Key, WorkCell], dict[Key, WorkCell]] = ({}, {})
    for key in amounts.keys() | lengths.keys() | minutes.keys():
        which, body, code = key
        orders, yen, reduced = amounts.get(key, (0, 0, 0))
        length, spent = lengths.get(key, Decimal(0)), minutes.get(key, 0)
        cells[which][(body, code)] = WorkCell(orders, yen, length, spent, reduced)
    return WorkFigures(period, cells[0]), WorkFigures(before, cells[1])


def service_names(session: Session) -> dict[str, tuple[str, int]]:
    """Every work type's Japanese name and sort position, by code."""
    stmt = select(WorkType.code, WorkType.name_ja, WorkType.sort_order)
    return {code: (name, order) for code, name, order in session.execute(stmt)}
