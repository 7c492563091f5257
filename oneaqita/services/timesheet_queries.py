"""What the timesheet pages read: a person's week as a grid, the rows to copy from last week,
the approval queue and the weeks not yet submitted.

Rules:

- A week runs Monday to Sunday; it is named by its Monday.
- The grid's rows are the running (着手) orders the person is assigned to, then every
  overhead category, then any other row the week has entries on (an order no longer running
  or no longer assigned keeps its row while it holds hours); orders by number, categories in
  their fixed order. Each row has seven cells (None: no entry) and its total; the grid has
  its day totals and the week's total, its status (draft when it has no week row) and the
  return's comment.
- "Copy last week's rows" copies rows, not hours: ``previous_week_rows`` gives the rows the
  week before had entries on, for the page to add as empty rows (an empty cell is no entry,
  so nothing is written until hours are typed).
- The approval queue is every submitted week, by sending body (the body of the secondment
  that overlaps the week, else the person's home body), person and week, with its total.
- The weeks not yet submitted are, for the weeks from ``weeks`` back up to last week, every
  person employed on a day of it (company staff, or a secondment overlapping it) whose week
  is neither submitted nor approved, with the hours entered so far.
- Everything is summed by the database; the entries are read through the index on
  (person_id, work_date).
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from oneaqita.models import (
    Organization,
    OrganizationKind,
    OverheadCategory,
    Person,
    Secondment,
    TimeEntry,
    TimeEntryStatus,
    TimesheetWeek,
    WorkOrder,
    WorkOrderStatus,
    work_order_assignees,
)
from oneaqita.services.database import Database
from oneaqita.services.time_entries import week_start_of

__all__ = [
    "GridCell",
    "GridRow",
    "QueuedWeek",
    "RowKey",
    "UnsubmittedWeek",
    "WeekGrid",
    "approval_queue",
    "previous_week_rows",
    "unsubmitted_weeks",
    "week_grid",
]

RUNNING = (WorkOrderStatus.IN_PROGRESS,)
_CATEGORY_ORDER = {c: i for i, c in enumerate(OverheadCategory)}


@dataclass(frozen=True, slots=True)
class RowKey:
    work_order_id: int | None
    category: OverheadCategory | None


@dataclass(frozen=True, slots=True)
class GridCell:
    entry_id: int
    minutes: int
    note: str | None
    version: int


@dataclass(frozen=True, slots=True)
class GridRow:
    key: RowKey
    number: str | None  # the order's number; None for a category
    title: str | None
    cells: tuple[GridCell | None, ...]  # Monday to Sunday
    total: int


@dataclass(frozen=True, slots=True)
class WeekGrid:
    person_id: int
    week_start: date
    rows: tuple[GridRow, ...]
    day_totals: tuple[int, ...]
    total: int
    status: TimeEntryStatus
    week_id: int | None
    week_version: int | None
    comment: str | None

    @property
    def days(self) -> tuple[date, ...]:
        return tuple(self.week_start + timedelta(days=i) for i in range(7))


@dataclass(frozen=True, slots=True)
class QueuedWeek:
    week_id: int
    version: int
    week_start: date
    submitted_at: datetime | None
    person_id: int
    employee_no: str
    name: str
    body_code: str
    body_name: str
    minutes: int


@dataclass(frozen=True, slots=True)
class UnsubmittedWeek:
    person_id: int
    employee_no: str
    name: str
    week_start: date
    minutes: int  # entered so far
    status: TimeEntryStatus  # draft or returned


def _days_after(session: Session, column: Any, days: int) -> ColumnElement[Any]:
    """`column` (a date) plus `days`, in SQL."""
    if session.get_bind().dialect.name == "sqlite":
        return func.date(column, f"+{days} days")
    return column + days  # type: ignore[no-any-return]


def _sort_key(row: GridRow) -> tuple[int, str, int]:
    if row.key.category is None:
        return (0, row.number or "", 0)
    return (1, "", _CATEGORY_ORDER[row.key.category])


def week_grid(db: Database, person_id: int, week_start: date) -> WeekGrid:
    """The person's week starting on Monday `week_start`, as the module's rules say."""
    monday = week_start_of(week_start)
    sunday = monday + timedelta(days=6)
    with db.read() as s:
        entries = s.execute(
            select(
                TimeEntry.id,
                TimeEntry.work_date,
                TimeEntry.work_order_id,
                TimeEntry.category,
                TimeEntry.minutes,
                TimeEntry.note,
                TimeEntry.version,
                WorkOrder.number,
                WorkOrder.title,
            )
            .outerjoin(WorkOrder, WorkOrder.id == TimeEntry.work_order_id)
            .where(
                TimeEntry.person_id == person_id,
                TimeEntry.work_date >= monday,
                TimeEntry.work_date <= sunday,
            )
            .order_by(TimeEntry.id)
        ).all()
        running = s.execute(
            select(WorkOrder.id, WorkOrder.number, WorkOrder.title)
            .join(work_order_assignees, work_order_assignees.c.work_order_id == WorkOrder.id)
            .where(work_order_assignees.c.person_id == person_id, WorkOrder.status.in_(RUNNING))
        ).all()
        week = s.execute(
            select(
                TimesheetWeek.id, TimesheetWeek.version, TimesheetWeek.status, TimesheetWeek.comment
            ).where(TimesheetWeek.person_id == person_id, TimesheetWeek.week_start == monday)
        ).first()
    heads: dict[RowKey, tuple[str | None, str | None]] = {
        RowKey(i, None): (number, title) for i, number, title in running
    }
    for c in OverheadCategory:
        heads[RowKey(None, c)] = (None, None)
    cells: dict[RowKey, list[GridCell | None]] = defaultdict(lambda: [None] * 7)
    for eid, day, order_id, category, minutes, note, version, number, title in entries:
        key = RowKey(order_id, category)
        heads.setdefault(key, (number, title))
        slot = (day - monday).days
        if cells[key][slot] is None:  # two entries of one cell (older data): the first
            cells[key][slot] = GridCell(eid, minutes, note, version)
    rows: list[GridRow] = []
    for key, (head_number, head_title) in heads.items():
        row_cells = tuple(cells.get(key, [None] * 7))
        total = sum(c.minutes for c in row_cells if c is not None)
        rows.append(GridRow(key, head_number, head_title, row_cells, total))
    rows.sort(key=_sort_key)
    day_totals = tuple(
        sum(cell.minutes for r in rows if (cell := r.cells[i]) is not None) for i in range(7)
    )
    return WeekGrid(
        person_id,
        monday,
        tuple(rows),
        day_totals,
        sum(day_totals),
        week.status if week else TimeEntryStatus.DRAFT,
        week.id if week else None,
        week.version if week else None,
        week.comment if week else None,
    )


def previous_week_rows(db: Database, person_id: int, week_start: date) -> list[RowKey]:
    """The rows the week before `week_start` has entries on (to copy as empty rows)."""
    monday = week_start_of(week_start) - timedelta(days=7)
    with db.read() as s:
        found = s.execute(
            select(TimeEntry.work_order_id, TimeEntry.category, WorkOrder.number)
            .outerjoin(WorkOrder, WorkOrder.id == TimeEntry.work_order_id)
            .where(
                TimeEntry.person_id == person_id,
                TimeEntry.work_date >= monday,
                TimeEntry.work_date <= monday + timedelta(days=6),
            )
            .distinct()
        ).all()
    keys = sorted(
        found,
        key=lambda r: (1, "", _CATEGORY_ORDER[r[1]]) if r[1] is not None else (0, r[2] or "", 0),
    )
    return [RowKey(order_id, category) for order_id, category, _ in keys]


def approval_queue(db: Database) -> list[QueuedWeek]:
    """Every submitted week, by sending body, person and week, with its total (one query)."""
    with db.read() as s:
        week_end = _days_after(s, TimesheetWeek.week_start, 6)
        total = (
            select(func.coalesce(func.sum(TimeEntry.minutes), 0))
            .where(
                TimeEntry.person_id == TimesheetWeek.person_id,
                TimeEntry.work_date >= TimesheetWeek.week_start,
                TimeEntry.work_date <= week_end,
            )
            .correlate(TimesheetWeek)
            .scalar_subquery()
        )
        sending = (
            select(Secondment.from_organization_id)
            .where(
                Secondment.person_id == Person.id,
                Secondment.start_date <= week_end,
                Secondment.not_ended_before(TimesheetWeek.week_start),
            )
            .order_by(Secondment.start_date.desc())
            .limit(1)
            .correlate(Person, TimesheetWeek)
            .scalar_subquery()
        )
        body = func.coalesce(sending, Person.home_organization_id)
        rows = s.execute(
            select(
                TimesheetWeek.id,
                TimesheetWeek.version,
                TimesheetWeek.week_start,
                TimesheetWeek.submitted_at,
                Person.id,
                Person.employee_no,
                Person.name,
                Organization.code,
                Organization.name_ja,
                total,
            )
            .join(Person, Person.id == TimesheetWeek.person_id)
            .join(Organization, Organization.id == body)
            .where(TimesheetWeek.status == TimeEntryStatus.SUBMITTED)
            .order_by(Organization.code, Person.employee_no, TimesheetWeek.week_start)
        ).all()
    return [
        QueuedWeek(w, v, start, at, pid, number, name, code, body_name, int(minutes))
        for w, v, start, at, pid, number, name, code, body_name, minutes in rows
    ]


def unsubmitted_weeks(db: Database, today: date, weeks: int = 8) -> list[UnsubmittedWeek]:
    """The weeks from `weeks` before `today`'s up to last week that someone employed then has
    not submitted (module's rules), by person and week."""
    last = week_start_of(today) - timedelta(days=7)
    first = last - timedelta(days=7 * (weeks - 1))
    end = last + timedelta(days=6)
    mondays = [first + timedelta(days=7 * i) for i in range(weeks)]
    with db.read() as s:
        people = s.execute(
            select(
                Person.id,
                Person.employee_no,
                Person.name,
                Organization.kind == OrganizationKind.COMPANY,
                Secondment.start_date,
                Secondment.end_date,
            )
            .join(Organization, Organization.id == Person.home_organization_id)
            .outerjoin(
                Secondment,
                and_(
                    Secondment.person_id == Person.id,
                    Secondment.start_date <= end,
                    Secondment.not_ended_before(first),
                ),
            )
            .where(or_(Organization.kind == OrganizationKind.COMPANY, Secondment.id.is_not(None)))
            .order_by(Person.employee_no)
        ).all()
        done = s.execute(
            select(TimesheetWeek.person_id, TimesheetWeek.week_start, TimesheetWeek.status).where(
                TimesheetWeek.week_start >= first, TimesheetWeek.week_start <= last
            )
        ).all()
        per_day = s.execute(
            select(TimeEntry.person_id, TimeEntry.work_date, func.sum(TimeEntry.minutes))
            .where(TimeEntry.work_date >= first, TimeEntry.work_date <= end)
            .group_by(TimeEntry.person_id, TimeEntry.work_date)
        ).all()
    status = {(p, w): st for p, w, st in done}
    minutes: dict[tuple[int, date], int] = defaultdict(int)
    for pid, day, total in per_day:
        minutes[(pid, week_start_of(day))] += int(total or 0)
    employed: dict[int, tuple[str, str, set[date]]] = {}
    for pid, number, name, company, start, stop in people:
        _, _, covered = employed.setdefault(pid, (number, name, set()))
        for monday in mondays:
            sunday = monday + timedelta(days=6)
            if company or (start <= sunday and (stop is None or stop >= monday)):
                covered.add(monday)
    out = []
    for pid, (number, name, covered) in employed.items():
        for monday in sorted(covered):
            st = status.get((pid, monday), TimeEntryStatus.DRAFT)
            if st in (TimeEntryStatus.DRAFT, TimeEntryStatus.RETURNED):
                out.append(UnsubmittedWeek(pid, number, name, monday, minutes[(pid, monday)], st))
    return out
