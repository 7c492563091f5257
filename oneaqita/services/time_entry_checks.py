"""The checks of one time-entry cell (the rules are services/time_entries.py's), each a
bilingual ValidationError, and the reads they and the store step need. Every statement is
built once here, with bind parameters, so that typing a cell only runs compiled statements
on the unit of work's connection (no ORM objects are loaded)."""

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy import Connection, Row, bindparam, func, select

from oneaqita.durations import MAX_MINUTES, format_minutes
from oneaqita.errors import ValidationError
from oneaqita.labels import label
from oneaqita.models import (
    OverheadCategory,
    Person,
    TimeEntry,
    TimeEntryStatus,
    TimesheetWeek,
    WorkOrder,
)
from oneaqita.models import work_order_assignees as assignees
from oneaqita.permissions import Action, check
from oneaqita.services.actor import Actor
from oneaqita.services.assignee_eligibility import employed

if TYPE_CHECKING:
    EntryRow = Row[
        int, int, date, int, int | None, OverheadCategory | None, str | None, TimeEntryStatus, int
    ]

LOCKED_STATUSES = frozenset({TimeEntryStatus.SUBMITTED, TimeEntryStatus.APPROVED})


class CellKey(Protocol):
    """What the checks read of a cell (services/time_entries.Cell)."""

    @property
    def person_id(self) -> int: ...
    @property
    def work_date(self) -> date: ...
    @property
    def work_order_id(self) -> int | None: ...
    @property
    def category(self) -> OverheadCategory | None: ...


def week_start_of(day: date) -> date:
    """The Monday of `day`'s week."""
    return day - timedelta(days=day.weekday())


def slash(d: date) -> str:
    return d.strftime("%Y/%m/%d")


_PERSON = select(Person.id).where(Person.id == bindparam("person_id"))
_ORDER = select(WorkOrder.number).where(WorkOrder.id == bindparam("work_order_id"))
_ASSIGNED = select(assignees.c.person_id).where(
    assignees.c.work_order_id == bindparam("work_order_id"),
    assignees.c.person_id == bindparam("person_id"),
)
_WEEK_STATUS = select(TimesheetWeek.status).where(
    TimesheetWeek.person_id == bindparam("person_id"),
    TimesheetWeek.week_start == bindparam("monday"),
)
_DAY_TOTAL = select(func.coalesce(func.sum(TimeEntry.minutes), 0)).where(
    TimeEntry.person_id == bindparam("person_id"), TimeEntry.work_date == bindparam("work_date")
)
_DAY_OTHERS = _DAY_TOTAL.where(TimeEntry.id != bindparam("own_id"))
_ENTRY = select(
    TimeEntry.id,
    TimeEntry.person_id,
    TimeEntry.work_date,
    TimeEntry.minutes,
    TimeEntry.work_order_id,
    TimeEntry.category,
    TimeEntry.note,
    TimeEntry.status,
    TimeEntry.version,
).where(
    TimeEntry.person_id == bindparam("person_id"), TimeEntry.work_date == bindparam("work_date")
)
_ENTRY_ON_ORDER = (
    _ENTRY.where(TimeEntry.work_order_id == bindparam("work_order_id"))
    .order_by(TimeEntry.id)
    .limit(1)
)
_ENTRY_IN_CATEGORY = (
    _ENTRY.where(TimeEntry.category == bindparam("category")).order_by(TimeEntry.id).limit(1)
)


def check_person(conn: Connection, actor: Actor, person_id: int) -> None:
    if actor.person_id != person_id:
        check(actor, Action.LOG_HOURS_FOR_OTHERS)
    if conn.execute(_PERSON, {"person_id": person_id}).first() is None:
        raise ValidationError(
            f"職員 (id {person_id}) が見つかりません。", f"Person {person_id} not found.", "person"
        )


def order_number(conn: Connection, work_order_id: int | None) -> str | None:
    """The number of the work order (None: there is none with this id)."""
    return conn.execute(_ORDER, {"work_order_id": work_order_id}).scalar()


def check_row(conn: Connection, cell: CellKey) -> None:
    if (cell.work_order_id is None) == (cell.category is None):
        raise ValidationError(
            "作業か区分 (研修・事務・移動・休暇) のどちらか一方を指定してください。",
            "Give either a work order or a category (training, office, travel, leave), "
            "not both or neither.",
            "work_order",
        )
    if cell.work_order_id is not None and order_number(conn, cell.work_order_id) is None:
        raise ValidationError(
            f"作業 (id {cell.work_order_id}) が見つかりません。",
            f"Work order {cell.work_order_id} not found.",
            "work_order",
        )


def check_assigned(conn: Connection, cell: CellKey) -> None:
    if cell.work_order_id is None:
        return
    key = {"work_order_id": cell.work_order_id, "person_id": cell.person_id}
    if conn.execute(_ASSIGNED, key).first() is None:
        number = order_number(conn, cell.work_order_id)
        raise ValidationError(
            f"作業 {number} の担当ではないため、この作業に時間を付けられません。",
            f"Not assigned to work order {number}: no hours can be logged on it.",
            "work_order",
        )


def check_employed(conn: Connection, cell: CellKey) -> None:
    if employed(conn, cell.person_id, cell.work_date, cell.work_date) is False:
        raise ValidationError(
            f"{slash(cell.work_date)} は出向期間・雇用期間の外です。",
            f"{slash(cell.work_date)} lies outside the secondment or employment.",
            "work_date",
        )


def check_week(conn: Connection, cell: CellKey) -> TimeEntryStatus:
    """The status of the cell's week (draft when it has no row), unless it is locked."""
    monday = week_start_of(cell.work_date)
    found = conn.execute(_WEEK_STATUS, {"person_id": cell.person_id, "monday": monday})
    status = found.scalar() or TimeEntryStatus.DRAFT
    if status in LOCKED_STATUSES:
        raise ValidationError(
            f"{slash(monday)} の週は「{label(status)}」のため変更できません。"
            "直すには管理職に差し戻してもらってください。",
            f"The week of {slash(monday)} is {label(status, 'en').lower()} and cannot be "
            "changed; ask a manager to return it for a correction.",
            "work_date",
        )
    return status


def check_day_total(conn: Connection, cell: CellKey, minutes: int, own_id: int | None) -> None:
    day = {"person_id": cell.person_id, "work_date": cell.work_date, "own_id": own_id}
    others = conn.execute(_DAY_TOTAL if own_id is None else _DAY_OTHERS, day).scalar()
    total = int(others or 0) + minutes
    if total > MAX_MINUTES:
        raise ValidationError(
            f"{slash(cell.work_date)} の合計が {format_minutes(total)} になり、"
            "1日24時間を超えます。",
            f"{slash(cell.work_date)} would total {format_minutes(total)}, more than 24 hours.",
            "minutes",
        )


def entry_of(conn: Connection, cell: CellKey) -> "EntryRow | None":
    """The cell's stored entry (the first, should older data hold two), as a row."""
    key: dict[str, Any] = {"person_id": cell.person_id, "work_date": cell.work_date}
    if cell.work_order_id is not None:
        key["work_order_id"] = cell.work_order_id
        return conn.execute(_ENTRY_ON_ORDER, key).first()
    key["category"] = cell.category
    return conn.execute(_ENTRY_IN_CATEGORY, key).first()
