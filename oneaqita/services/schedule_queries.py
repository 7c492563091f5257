"""Reading the schedule (予定表): per assignee, the work orders planned in a week or a month,
and how much of the period's working days they fill.

Definitions used here:

- The view is a week (Monday to Sunday) or a calendar month. An order's planned period is
  its planned start to its planned end (a missing end is the start, a missing start the end;
  an order with neither is not on the schedule). An order is shown on every assignee's row
  when its planned period overlaps the view and it is not cancelled.
- The rows are the people who may work in the view or have an order in it: the company's
  own staff, everybody with a secondment overlapping the view, and anybody assigned a shown
  order; in employee-number order, a page at a time (``limit``).
- The sending body shown is the body of the latest secondment overlapping the view, else the
  person's home organization. The body filter keeps the people whose home organization it is
  or who are seconded from it during the view; the contract filter shows only that
  contract's orders and only the people with one of them; the text matches name, reading or
  employee number (every term).
- Load (one rule, per day and summed over the view): on each working day of the view
  (oneaqita/workdays.py) a person's *planned* load is the number of their not-finished
  orders (draft, planned, in progress) whose planned period covers the day, and their
  *capacity* is 1 when they are employed or seconded on that day (the rule of
  services/assignee_eligibility.py, applied day by day) and 0 otherwise. A day is
  overloaded when planned > capacity: two orders on one day, or any order on a day the
  person is not here. For the view, planned and capacity are the sums over its working
  days (order-days against person-days), overloaded when planned > capacity. Completed,
  accepted and cancelled orders carry no load; weekends and holidays hold none. The load
  counts every order of the person, whatever the contract filter shows.

Everything is filtered, joined and counted in SQL against a small table of the view's
working days; only the rows of one page come back.
"""

import calendar
import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Date, and_, exists, func, literal, or_, select, union_all
from sqlalchemy.orm import Session, aliased

from oneaqita.models import (
    Contract,
    Organization,
    OrganizationKind,
    Person,
    Secondment,
    WorkOrder,
    WorkOrderStatus,
    WorkType,
    work_order_assignees,
)
from oneaqita.services.database import Database
from oneaqita.services.text_fields import matches_all_terms
from oneaqita.workdays import working_days_in

S = WorkOrderStatus
LOADED = (S.DRAFT, S.PLANNED, S.IN_PROGRESS)  # the not-finished orders, which carry load
FINISHED = (S.COMPLETED, S.ACCEPTED, S.CANCELLED)  # the others (NOT IN: no status index used)
PAGE = 300


class Span(enum.StrEnum):
    WEEK = "week"
    MONTH = "month"


def period_of(span: Span, day: date) -> tuple[date, date]:
    """The week (Monday to Sunday) or the calendar month holding `day`."""
    if span is Span.WEEK:
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6)
    last = calendar.monthrange(day.year, day.month)[1]
    return day.replace(day=1), day.replace(day=last)


def shifted(span: Span, day: date, steps: int) -> date:
    """A day of the week or month `steps` periods after the one holding `day` (its first)."""
    first, _ = period_of(span, day)
    if span is Span.WEEK:
        return first + timedelta(weeks=steps)
    months = first.year * 12 + first.month - 1 + steps
    return date(months // 12, months % 12 + 1, 1)


@dataclass(frozen=True)
class ScheduleFilter:
    organization_id: int | None = None  # sending body or home organization
    contract_id: int | None = None
    text: str = ""  # the person's name, reading or employee number


@dataclass(frozen=True, slots=True)
class ScheduledOrder:
    id: int
    version: int
    number: str
    title: str
    status: WorkOrderStatus
    priority: int
    planned_start: date  # the planned period (see the module's rules), never None here
    planned_end: date
    contract_number: str
    client_code: str
    client_name: str
    type_name_ja: str
    type_name_en: str

    @property
    def movable(self) -> bool:
        """Whether the editor's rules let its dates move (not accepted or cancelled)."""
        return self.status not in (S.ACCEPTED, S.CANCELLED)


@dataclass(frozen=True)
class AssigneeRow:
    person_id: int
    employee_no: str
    name: str
    sending_body: str
    orders: list[ScheduledOrder] = field(default_factory=list)  # by planned start, number
    day_planned: Mapping[date, int] = field(default_factory=dict)  # working days with load
    available: frozenset[date] = frozenset()  # working days the person is here

    @property
    def planned(self) -> int:
        return sum(self.day_planned.values())

    @property
    def capacity(self) -> int:
        return len(self.available)

    @property
    def overloaded(self) -> bool:
        return self.planned > self.capacity

    def day_overloaded(self, day: date) -> bool:
        return self.day_planned.get(day, 0) > (1 if day in self.available else 0)


@dataclass(frozen=True)
class Schedule:
    start: date
    end: date
    rows: list[AssigneeRow]
    total_people: int  # matching the filter; more than len(rows) when paged


def _first() -> Any:
    return func.coalesce(WorkOrder.planned_start, WorkOrder.planned_end)


def _last() -> Any:
    return func.coalesce(WorkOrder.planned_end, WorkOrder.planned_start)


def _overlaps(start: date, end: date) -> ColumnElement[bool]:
    """The planned period overlaps start..end, written on the plain columns so that each
    branch is a range of one of the planned-date indexes (the one on the planned end holds
    the start too): a month of orders is read off the index, not the table."""
    ps, pe = WorkOrder.planned_start, WorkOrder.planned_end
    return or_(
        and_(pe >= start, ps <= end),  # both dates (a NULL in either fails here)
        and_(pe.is_(None), ps >= start, ps <= end),
        and_(ps.is_(None), pe >= start, pe <= end),
    )


def _shown_orders(start: date, end: date, flt: ScheduleFilter) -> ColumnElement[bool]:
    cond = and_(_overlaps(start, end), WorkOrder.status != S.CANCELLED)
    if flt.contract_id is not None:
        cond = and_(cond, WorkOrder.contract_id == flt.contract_id)
    return cond


def _seconded_during(start: date, end: date) -> ColumnElement[bool]:
    return and_(
        Secondment.person_id == Person.id,
        Secondment.start_date <= end,
        Secondment.not_ended_before(start),
    )


_home = aliased(Organization, name="home")
_sender = aliased(Organization, name="sender")
_wa = work_order_assignees.c


def _people_where(start: date, end: date, flt: ScheduleFilter) -> ColumnElement[bool]:
    has_order = exists().where(
        _wa.person_id == Person.id,
        _wa.work_order_id == WorkOrder.id,
        _shown_orders(start, end, flt),
    )
    if flt.contract_id is not None:
        cond: ColumnElement[bool] = has_order
    else:
        cond = or_(
            _home.kind == OrganizationKind.COMPANY,
            exists().where(_seconded_during(start, end)),
            has_order,
        )
    if flt.organization_id is not None:
        cond = and_(
            cond,
            or_(
                Person.home_organization_id == flt.organization_id,
                exists().where(
                    _seconded_during(start, end),
                    Secondment.from_organization_id == flt.organization_id,
                ),
            ),
        )
    match = matches_all_terms(flt.text, [Person.name, Person.name_kana, Person.employee_no])
    return cond if match is None else and_(cond, match)


def _people(
    session: Session, start: date, end: date, flt: ScheduleFilter, offset: int, limit: int
) -> tuple[list[tuple[int, str, str, str, bool]], int]:
    sender = (
        select(_sender.name_ja)
        .join(Secondment, Secondment.from_organization_id == _sender.id)
        .where(_seconded_during(start, end))
        .order_by(Secondment.start_date.desc())
        .limit(1)
        .scalar_subquery()
    )
    where = _people_where(start, end, flt)
    stmt = (
        select(
            Person.id,
            Person.employee_no,
            Person.name,
            func.coalesce(sender, _home.name_ja),
            _home.kind == OrganizationKind.COMPANY,
        )
        .join(_home, _home.id == Person.home_organization_id)
        .where(where)
        .order_by(Person.employee_no)
        .offset(offset)
        .limit(limit)
    )
    counted = (
        select(func.count(Person.id))
        .join(_home, _home.id == Person.home_organization_id)
        .where(where)
    )
    rows = [(i, n, name, body, bool(own)) for i, n, name, body, own in session.execute(stmt)]
    return rows, int(session.scalar(counted) or 0)


def _orders(
    session: Session, ids: list[int], start: date, end: date, flt: ScheduleFilter
) -> dict[int, list[ScheduledOrder]]:
    client = aliased(Organization, name="client")
    stmt = (
        select(
            _wa.person_id,
            WorkOrder.id,
            WorkOrder.version,
            WorkOrder.number,
            WorkOrder.title,
            WorkOrder.status,
            WorkOrder.priority,
            _first(),
            _last(),
            WorkOrder.contract_number,
            WorkOrder.client_code,
            client.name_ja,
            WorkType.name_ja,
            WorkType.name_en,
        )
        .join(WorkOrder, WorkOrder.id == _wa.work_order_id)
        .join(Contract, Contract.id == WorkOrder.contract_id)
        .join(client, client.id == Contract.client_id)
        .join(WorkType, WorkType.code == WorkOrder.type)
        .where(_shown_orders(start, end, flt))
        .order_by(_wa.person_id, _first(), WorkOrder.number)
    )
    # The page's people are picked here, not in SQL: `person_id IN (…300 ids)` makes SQLite
    # probe the assignees once per id and order (seconds at 100,000 orders).
    wanted = set(ids)
    out: dict[int, list[ScheduledOrder]] = {}
    # Core, not the ORM's row loading: a month's thousands of rows come back twice as fast.
    for person_id, *values in session.connection().execute(stmt):
        if person_id in wanted:
            out.setdefault(person_id, []).append(ScheduledOrder(*values))
    return out


def _days_table(days: list[date]) -> Any:
    """The view's working days as a one-column table (a UNION of literals: both databases
    take it, unlike VALUES with column names on SQLite)."""
    parts = [select(literal(d, Date).label("day")) for d in days]
    return (union_all(*parts) if len(parts) > 1 else parts[0]).subquery("view_days")


def _day_loads(session: Session, ids: list[int], days: list[date]) -> dict[int, dict[date, int]]:
    # The overlapping not-finished orders' periods are read once (off the planned-date
    # indexes) and then spread over the days: joined day by day, the databases would scan
    # the orders again for every day.
    loaded = (
        select(_wa.person_id.label("person_id"), _first().label("first"), _last().label("last"))
        .join(WorkOrder, WorkOrder.id == _wa.work_order_id)
        .where(_overlaps(days[0], days[-1]), WorkOrder.status.not_in(FINISHED))
        .cte("loaded")
        .prefix_with("MATERIALIZED")
    )
    d = _days_table(days)
    stmt = (
        select(loaded.c.person_id, d.c.day, func.count())
        .select_from(d)
        .join(loaded, and_(loaded.c.first <= d.c.day, loaded.c.last >= d.c.day))
        .group_by(loaded.c.person_id, d.c.day)
    )
    wanted = set(ids)
    out: dict[int, dict[date, int]] = {}
    for person_id, day, count in session.execute(stmt):
        if person_id in wanted:
            out.setdefault(person_id, {})[_as_date(day)] = int(count)
    return out


def _seconded_days(session: Session, ids: list[int], days: list[date]) -> dict[int, set[date]]:
    d = _days_table(days)
    stmt = (
        select(Secondment.person_id, d.c.day)
        .select_from(d)
        .join(
            Secondment,
            and_(
                Secondment.start_date <= d.c.day,
                Secondment.not_ended_before(d.c.day),
            ),
        )
        .where(Secondment.person_id.in_(ids))
    )
    out: dict[int, set[date]] = {}
    for person_id, day in session.execute(stmt):
        out.setdefault(person_id, set()).add(_as_date(day))
    return out


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def schedule(
    db: Database,
    start: date,
    end: date,
    flt: ScheduleFilter | None = None,
    offset: int = 0,
    limit: int = PAGE,
) -> Schedule:
    """The assignees of one page with their orders and load for `start`..`end` (a week or a
    month, see period_of; any period works)."""
    flt = flt or ScheduleFilter()
    days = list(working_days_in(start, end))
    with db.read() as session:
        people, total = _people(session, start, end, flt, offset, limit)
        ids = [p[0] for p in people]
        if not ids:
            return Schedule(start, end, [], total)
        orders = _orders(session, ids, start, end, flt)
        loads = _day_loads(session, ids, days) if days else {}
        seconded = _seconded_days(session, ids, days) if days else {}
    every_day = frozenset(days)
    rows = [
        AssigneeRow(
            pid,
            number,
            name,
            body,
            orders.get(pid, []),
            loads.get(pid, {}),
            every_day if own else frozenset(seconded.get(pid, ())),
        )
        for pid, number, name, body, own in people
    ]
    return Schedule(start, end, rows, total)


def organization_choices(db: Database) -> list[tuple[int, str, str]]:
    """(id, code, name) of every body someone comes from (home or sending), in code order:
    the choices of the schedule's body filter."""
    stmt = (
        select(Organization.id, Organization.code, Organization.name_ja)
        .where(
            or_(
                Organization.id.in_(select(Person.home_organization_id)),
                Organization.id.in_(select(Secondment.from_organization_id)),
            )
        )
        .order_by(Organization.code)
    )
    with db.read() as session:
        return [(i, c, n) for i, c, n in session.execute(stmt)]
