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

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, NamedTuple

from sqlalchemy import (
    CompoundSelect,
    Integer,
    bindparam,
    literal_column,
    null,
    select,
    type_coerce,
    union_all,
)

from oneaqita.db.compiled import Compiled
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


# Named tuples (not dataclasses): a week is rebuilt as each cell is typed, and tuples are
# made, hashed and compared in C.
class RowKey(NamedTuple):
    work_order_id: int | None
    category: OverheadCategory | None


class GridCell(NamedTuple):
    entry_id: int
    minutes: int
    note: str | None
    version: int


class GridRow(NamedTuple):
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


def _null(column: Any) -> Any:
    return type_coerce(null(), column.type)


# Opening a week is one statement (compiled once, run on the driver: db/compiled.py), its
# rows told apart by `kind`: the week's entries (by id: the first of a cell wins), the running
# orders the person is assigned to, and the week's own row (its status in `status`, its
# return's comment in `note`). One statement: one consistent read, with no transaction.
_ENTRY, _RUNNING, _WEEK = 0, 1, 2
_kind = literal_column  # a constant column, written into the SQL
_WEEK_SELECTS: CompoundSelect[Any] = union_all(
    select(
        _kind(str(_ENTRY), Integer).label("kind"),
        TimeEntry.id,
        TimeEntry.work_date.label("day"),
        TimeEntry.work_order_id,
        TimeEntry.category,
        TimeEntry.minutes,
        TimeEntry.note,
        TimeEntry.version,
        WorkOrder.number,
        WorkOrder.title,
        _null(TimesheetWeek.status).label("status"),
    )
    .outerjoin(WorkOrder, WorkOrder.id == TimeEntry.work_order_id)
    .where(
        TimeEntry.person_id == bindparam("person_id"),
        TimeEntry.work_date >= bindparam("monday"),
        TimeEntry.work_date <= bindparam("sunday"),
    ),
    select(
        _kind(str(_RUNNING), Integer),
        WorkOrder.id,
        null(),
        WorkOrder.id,
        null(),
        null(),
        null(),
        null(),
        WorkOrder.number,
        WorkOrder.title,
        null(),
    )
    .join(work_order_assignees, work_order_assignees.c.work_order_id == WorkOrder.id)
    .where(
        work_order_assignees.c.person_id == bindparam("person_id"),
        WorkOrder.status == RUNNING,  # no IN (…): nothing to expand per call
    ),
    select(
        _kind(str(_WEEK), Integer),
        TimesheetWeek.id,
        null(),
        null(),
        null(),
        null(),
        TimesheetWeek.comment,
        TimesheetWeek.version,
        null(),
        null(),
        TimesheetWeek.status,
    ).where(
        TimesheetWeek.person_id == bindparam("person_id"),
        TimesheetWeek.week_start == bindparam("monday"),
    ),
)
_WEEK_ROWS = Compiled(
    _WEEK_SELECTS.order_by(_WEEK_SELECTS.selected_columns.kind, _WEEK_SELECTS.selected_columns.id)
)
_NO_CELLS: tuple[GridCell | None, ...] = (None,) * 7


def week_grid(db: Database, person_id: int, week_start: date) -> WeekGrid:
    """The person's week starting on Monday `week_start`, as the module's rules say."""
    monday = week_start_of(week_start)
    params = {"person_id": person_id, "monday": monday, "sunday": monday + timedelta(days=6)}
    found = _WEEK_ROWS.read(db.engine, params)
    # Keyed by plain (order, category) tuples: equal to (and hashed as) the RowKeys they become.
    heads: dict[tuple[int | None, OverheadCategory | None], tuple[str | None, str | None]] = {}
    cells: dict[tuple[int | None, OverheadCategory | None], list[GridCell | None]] = {}
    day_minutes = [0] * 7
    week = None
    for row in found:
        if row.kind == _RUNNING:
            heads[(row.id, None)] = (row.number, row.title)
        elif row.kind == _WEEK:
            week = row
    for c in OverheadCategory:
        heads[(None, c)] = (None, None)
    for row in found:
        if row.kind != _ENTRY:
            break  # ordered by kind: the entries come first
        key = (row.work_order_id, row.category)
        if key not in heads:
            heads[key] = (row.number, row.title)
        slots = cells.get(key)
        if slots is None:
            slots = cells[key] = [None] * 7
        slot = (row.day - monday).days
        if slots[slot] is None:  # two entries of one cell (older data): the first
            slots[slot] = GridCell(row.id, row.minutes, row.note, row.version)
            day_minutes[slot] += row.minutes
    rows: list[GridRow] = []
    for key, (head_number, head_title) in heads.items():
        row_cells = tuple(cells[key]) if key in cells else _NO_CELLS
        total = sum(c.minutes for c in row_cells if c is not None)
        rows.append(GridRow(RowKey(*key), head_number, head_title, row_cells, total))
    rows.sort(key=_sort_key)
    day_totals = tuple(day_minutes)
    return WeekGrid(
        person_id,
        monday,
        tuple(rows),
        day_totals,
        sum(day_totals),
        week.status if week else TimeEntryStatus.DRAFT,
        week.id if week else None,
        week.version if week else None,
        week.note if week else None,
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
