"""Each contract's progress against its amount in a fiscal year: the one place for the figure,
read by the dashboard and the report to the shareholders, and by the same rule as the
contract card's per-year progress (oneaqita/services/contract_queries.py, year_progress), so
that none of them can disagree.

What "progress" is (the model holds no price per work order, only the contract's amount):

- **Contracts counted**: those covering the fiscal year (start on or before 31 March fy+1,
  end on or after 1 April fy; the contracts list's fiscal-year filter), in number order.
- **The year's orders**: a work order belongs to the fiscal year of its planned start, else of
  its actual start (an order with neither belongs to no year); counted by status.
- **Live** orders are those not cancelled; **done** orders are completed or accepted.
- **Money**: the amount is spread evenly over the contract's live orders of every year (the
  card's rule); a status's share in the year is ``floor(amount × its orders that year ÷ live
  orders of every year)``. The year's planned amount (``year_yen``) is the sum of the live
  statuses' shares, the amount earned (出来高, ``done_yen``) the sum of the completed and
  accepted shares. A contract without live orders has 0 for both.
- **Progress** (``progress_pct``): the year's done orders over its live orders, in percent to
  0.01 (half up); ``amount_pct`` the amount earned over the whole contract amount.

Everything over work orders is one GROUP BY (contract, status); Python only sums the few
hundred contracts' rows.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import and_, case, func, select

from oneaqita.fiscal import fiscal_year_range
from oneaqita.models import Contract, Organization, WorkOrder
from oneaqita.models import WorkOrderStatus as S
from oneaqita.services.contract_queries import (
    DONE_STATUSES,
    LIVE_STATUSES,
    PROGRESS_STATUSES,
    year_progress,
)
from oneaqita.services.database import Database

__all__ = ["ContractProgress", "FiscalYearProgress", "contract_progress", "percent"]


def percent(part: int, whole: int) -> Decimal:
    """part / whole in percent, to 0.01 half up; 0.00 when whole is 0."""
    if whole == 0:
        return Decimal("0.00")
    return (Decimal(100 * part) / whole).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class ContractProgress:
    contract_id: int
    number: str
    title: str
    client_id: int
    client_code: str
    client_name: str
    amount_yen: int  # the whole contract's amount
    counts: dict[S, int]  # the year's orders by status, every status of PROGRESS_STATUSES
    live_all_years: int  # live orders of every year (the spread's divisor)
    year_yen: int  # the year's live orders' share of the amount
    done_yen: int  # the year's completed and accepted orders' share (出来高)

    @property
    def orders(self) -> int:
        return sum(self.counts.values())

    @property
    def live(self) -> int:
        return sum(self.counts[s] for s in LIVE_STATUSES)

    @property
    def done(self) -> int:
        return sum(self.counts[s] for s in DONE_STATUSES)

    @property
    def progress_pct(self) -> Decimal:
        return percent(self.done, self.live)

    @property
    def amount_pct(self) -> Decimal:
        return percent(self.done_yen, self.amount_yen)


@dataclass(frozen=True)
class FiscalYearProgress:
    fiscal_year: int
    contracts: tuple[ContractProgress, ...]  # in number order

    @property
    def amount_yen(self) -> int:
        return sum(c.amount_yen for c in self.contracts)

    @property
    def year_yen(self) -> int:
        return sum(c.year_yen for c in self.contracts)

    @property
    def done_yen(self) -> int:
        return sum(c.done_yen for c in self.contracts)

    @property
    def live(self) -> int:
        return sum(c.live for c in self.contracts)

    @property
    def done(self) -> int:
        return sum(c.done for c in self.contracts)

    @property
    def progress_pct(self) -> Decimal:
        return percent(self.done, self.live)

    @property
    def done_pct_of_year(self) -> Decimal:
        """The amount earned over the year's planned amount."""
        return percent(self.done_yen, self.year_yen)


def contract_progress(db: Database, fiscal_year: int) -> FiscalYearProgress:
    """The progress of every contract covering `fiscal_year` (the module's rules)."""
    first, last = fiscal_year_range(fiscal_year)
    covering = and_(Contract.start_date <= last, Contract.end_date >= first)
    start = func.coalesce(WorkOrder.planned_start, WorkOrder.actual_start)
    in_year = case((start.between(first, last), 1), else_=0)
    counts = (
        select(
            WorkOrder.contract_id,
            WorkOrder.status,
            func.sum(in_year),
            func.count(),
        )
        .where(WorkOrder.contract_id.in_(select(Contract.id).where(covering)))
        .group_by(WorkOrder.contract_id, WorkOrder.status)
    )
    contracts = (
        select(
            Contract.id,
            Contract.number,
            Contract.title,
            Contract.client_id,
            Organization.code,
            Organization.name_ja,
            Contract.amount_yen,
        )
        .join(Organization, Organization.id == Contract.client_id)
        .where(covering)
        .order_by(Contract.number)
    )
    with db.read() as session:
        found = session.execute(contracts).all()
        year: dict[int, dict[S, int]] = {}
        live_all: dict[int, int] = {}
        for cid, status, in_fy, every in session.execute(counts):
            year.setdefault(cid, {})[S(status)] = int(in_fy or 0)
            if S(status) in LIVE_STATUSES:
                live_all[cid] = live_all.get(cid, 0) + int(every)
    lines = []
    for cid, number, title, client_id, code, name, amount in found:
        live = live_all.get(cid, 0)
        progress = year_progress(fiscal_year, year.get(cid, {}), amount, live)
        lines.append(
            ContractProgress(
                cid,
                number,
                title,
                client_id,
                code,
                name,
                amount,
                {s: progress.counts[s] for s in PROGRESS_STATUSES},
                live,
                sum(progress.share_yen[s] for s in LIVE_STATUSES),
                sum(progress.share_yen[s] for s in DONE_STATUSES),
            )
        )
    return FiscalYearProgress(fiscal_year, tuple(lines))
