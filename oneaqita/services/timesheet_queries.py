"""What the timesheet pages read: a person's week as a grid and the rows to copy from last
week (the approval queue and the weeks not yet submitted: services/approval_queries.py).

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
- Everything is summed by the database; the entries are read through the index on
  (person_id, work_date).
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import bindparam, select

from oneaqita.models import (
    OverheadCategory,
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
    "RowKey",
    "WeekGrid",
    "previous_week_rows",
    "week_grid",
]

RUNNING = WorkOrderStatus.IN_PROGRESS  # 着手: the orders a week offers rows for
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


def _sort_key(row: GridRow) -> tuple[int, str, int]:
    if row.key.category is None:
        return (0, row.number or "", 0)
    return (1, "", _CATEGORY_ORDER[row.key.category])


# Built once (their compiled form is cached by the engine): opening a week runs only these.
_WEEK_ENTRIES = (
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
        TimeEntry.person_id == bindparam("person_id"),
        TimeEntry.work_date >= bindparam("monday"),
        TimeEntry.work_date <= bindparam("sunday"),
    )
    .order_by(TimeEntry.id)
)
_RUNNING_ORDERS = (
    select(WorkOrder.id, WorkOrder.number, WorkOrder.title)
    .join(work_order_assignees, work_order_assignees.c.work_order_id == WorkOrder.id)
    .where(
        work_order_assignees.c.person_id == bindparam("person_id"),
        WorkOrder.status == RUNNING,  # no IN (…): nothing to expand per call
    )
)
_WEEK = select(
    TimesheetWeek.id, TimesheetWeek.version, TimesheetWeek.status, TimesheetWeek.comment
).where(
    TimesheetWeek.person_id == bindparam("person_id"),
    TimesheetWeek.week_start == bindparam("monday"),
)


def week_grid(db: Database, person_id: int, week_start: date) -> WeekGrid:
    """The person's week starting on Monday `week_start`, as the module's rules say."""
    monday = week_start_of(week_start)
    params = {"person_id": person_id, "monday": monday, "sunday": monday + timedelta(days=6)}
    with db.read_connection() as conn:
        entries = conn.execute(_WEEK_ENTRIES, params).all()
        running = conn.execute(_RUNNING_ORDERS, params).all()
        week = conn.execute(_WEEK, params).first()
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
