"""The hours per contract and client body of one month (契約別作業時間), as plain data.

- **Which hours**: the time entries dated in the month, of every status except 差戻し
  (returned), as in the settlement and the monthly hours (settlement_figures.HOURS_NOTE); the
  approved minutes are totalled beside.
- **Per client body**: the entries on work orders, through the order's contract to the
  contract's client (time_entries → work_orders → contracts → organizations); one line per
  contract (number and title) with its minutes, the number of people and of work orders that
  logged hours on it, and a subtotal per body (people and orders counted once per body, not
  summed over its contracts). Bodies by code, contracts by number.
- **Overhead** (研修・事務・移動・休暇) belongs to no client: its own block, one line per
  category with its people. Left out when one body is asked for.
- **Total**: every counted entry of the month (the bodies and the overhead), its people
  counted once.
- Everything is aggregated by the database: one GROUP BY per level (contract, body,
  category, total); Python only arranges the few hundred result rows.
- Any registered user reads it (Action.READ_LISTS), as the monthly hours.
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, case, func, select

from oneaqita.labels import label
from oneaqita.models import Contract, OverheadCategory, TimeEntry, TimeEntryStatus, WorkOrder
from oneaqita.models import Organization as Org
from oneaqita.permissions import Action, requires
from oneaqita.reports.settlement_figures import NOT_COUNTED, month_range, organization_id
from oneaqita.services.actor import Actor
from oneaqita.services.database import Database
from oneaqita.services.users import require_registered

__all__ = [
    "ClientHours",
    "ContractHours",
    "ContractHoursLine",
    "OverheadHours",
    "contract_hours_figures",
]


@dataclass(frozen=True, slots=True)
class Worked:
    minutes: int
    approved_minutes: int
    people: int  # distinct people with counted hours
    work_orders: int  # distinct work orders with counted hours (0 for overhead)


@dataclass(frozen=True, slots=True)
class ContractHoursLine:
    number: str
    title: str
    worked: Worked


@dataclass(frozen=True, slots=True)
class ClientHours:
    code: str
    name: str
    lines: tuple[ContractHoursLine, ...]  # by contract number
    worked: Worked  # the body's subtotal


@dataclass(frozen=True, slots=True)
class OverheadHours:
    category: OverheadCategory
    title: str  # the category's word
    worked: Worked


@dataclass(frozen=True, slots=True)
class ContractHours:
    month: date  # the first day
    last_day: date
    body_code: str | None  # the one client body asked for, or None for all
    bodies: tuple[ClientHours, ...]
    overhead: tuple[OverheadHours, ...]  # empty when one body is asked for
    overhead_worked: Worked
    worked: Worked  # the total of the month


_NOTHING = Worked(0, 0, 0, 0)


def _sums(te: type[TimeEntry]) -> tuple[Any, ...]:
    return (
        func.coalesce(func.sum(te.minutes), 0),
        func.coalesce(
            func.sum(case((te.status == TimeEntryStatus.APPROVED, te.minutes), else_=0)), 0
        ),
        func.count(func.distinct(te.person_id)),
        func.count(func.distinct(te.work_order_id)),
    )


def _worked(row: Any) -> Worked:
    *_, minutes, approved, people, orders = row
    return Worked(int(minutes), int(approved), int(people), int(orders))


@requires(Action.READ_LISTS)
def contract_hours_figures(
    db: Database, actor: Actor, month: date, body_code: str | None = None
) -> ContractHours:
    """The hours of the month containing ``month`` per client body and contract, for every
    body or only the one whose code is ``body_code`` (NotFound when there is none)."""
    require_registered(actor)
    first, last = month_range(month)
    te = TimeEntry
    in_month = (te.work_date >= first, te.work_date <= last, te.status != NOT_COUNTED)

    def on_orders(*columns: Any) -> Select[Any]:
        return (
            select(*columns, *_sums(te))
            .join(WorkOrder, WorkOrder.id == te.work_order_id)
            .join(Contract, Contract.id == WorkOrder.contract_id)
            .join(Org, Org.id == Contract.client_id)
            .where(*in_month)
        )

    with db.read() as session:
        body_id = None if body_code is None else organization_id(session, body_code)
        per_contract = on_orders(Org.code, Contract.number, Contract.title).group_by(
            Org.code, Contract.number, Contract.title
        )
        per_body = on_orders(Org.code, Org.name_ja).group_by(Org.code, Org.name_ja)
        if body_id is not None:
            per_contract = per_contract.where(Contract.client_id == body_id)
            per_body = per_body.where(Contract.client_id == body_id)
        contract_rows = session.execute(per_contract).all()
        body_rows = session.execute(per_body.order_by(Org.code)).all()
        overhead_rows: Sequence[Any] = ()
        if body_id is None:
            overhead_rows = session.execute(
                select(te.category, *_sums(te))
                .where(*in_month, te.category.is_not(None))
                .group_by(te.category)
            ).all()
            overhead_total = session.execute(
                select(*_sums(te)).where(*in_month, te.category.is_not(None))
            ).one()
            total = _worked(session.execute(select(*_sums(te)).where(*in_month)).one())
        else:
            overhead_total = None
            total = _worked(session.execute(on_orders().where(Contract.client_id == body_id)).one())
    lines: dict[str, list[ContractHoursLine]] = defaultdict(list)
    for row in sorted(contract_rows, key=lambda r: (r.code, r.number)):
        lines[row.code].append(ContractHoursLine(row.number, row.title, _worked(row)))
    bodies = tuple(
        ClientHours(row.code, row.name_ja, tuple(lines[row.code]), _worked(row))
        for row in body_rows
    )
    order = list(OverheadCategory)
    overhead = tuple(
        OverheadHours(row.category, label(row.category), _worked(row))
        for row in sorted(overhead_rows, key=lambda r: order.index(r.category))
    )
    overhead_worked = _NOTHING if overhead_total is None else _worked(overhead_total)
    return ContractHours(first, last, body_code, bodies, overhead, overhead_worked, total)
