"""The checks of one time-entry cell (the rules are services/time_entries.py's), each a
bilingual ValidationError, and the reads they and the store step need.

Typing a cell reads two rows: ``cell_facts`` (the person, whether they are employed on the
day, the week's status, the day's stored minutes, the work order's number and whether the
person is assigned to it: one statement) and ``entry_of`` (the cell's stored entry). The
checks decide from those rows in the rules' order. Both statements are compiled once and
run on the unit of work's connection (db/compiled.py): no ORM objects are loaded."""

from datetime import date, timedelta
from typing import Any, Protocol

from sqlalchemy import Connection, Date, bindparam, exists, func, select

from oneaqita.db.compiled import Compiled
from oneaqita.durations import MAX_MINUTES, format_minutes
from oneaqita.errors import ValidationError
from oneaqita.labels import label
from oneaqita.models import (
    Organization,
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
from oneaqita.services.assignee_eligibility import employed_clause

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


_DAY = bindparam("work_date", type_=Date)
_ORDER_NUMBER = select(WorkOrder.number).where(WorkOrder.id == bindparam("work_order_id"))
_ORDER = Compiled(_ORDER_NUMBER)
_FACTS = Compiled(
    select(
        Person.id,
        employed_clause(_DAY, _DAY).label("employed"),
        select(TimesheetWeek.status)
        .where(
            TimesheetWeek.person_id == Person.id,
            TimesheetWeek.week_start == bindparam("monday", type_=Date),
        )
        .scalar_subquery()
        .label("week_status"),
        select(func.coalesce(func.sum(TimeEntry.minutes), 0))
        .where(TimeEntry.person_id == Person.id, TimeEntry.work_date == _DAY)
        .scalar_subquery()
        .label("day_minutes"),
        _ORDER_NUMBER.scalar_subquery().label("order_number"),
        exists()
        .where(
            assignees.c.work_order_id == bindparam("work_order_id"),
            assignees.c.person_id == Person.id,
        )
        .label("assigned"),
    )
    .select_from(Person)
    .join(Organization, Organization.id == Person.home_organization_id)
    .where(Person.id == bindparam("person_id"))
)
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
_ENTRY_ON_ORDER = Compiled(
    _ENTRY.where(TimeEntry.work_order_id == bindparam("work_order_id"))
    .order_by(TimeEntry.id)
    .limit(1)
)
_ENTRY_IN_CATEGORY = Compiled(
    _ENTRY.where(TimeEntry.category == bindparam("category")).order_by(TimeEntry.id).limit(1)
)


def cell_facts(conn: Connection, actor: Actor, cell: CellKey) -> Any:
    """What the checks need to know of the cell, as one row (see the module's docstring),
    once the actor may log the person's hours; ValidationError when there is no such person."""
    if actor.person_id != cell.person_id:
        check(actor, Action.LOG_HOURS_FOR_OTHERS)
    facts = _FACTS.first(
        conn,
        {
            "person_id": cell.person_id,
            "work_date": cell.work_date,
            "monday": week_start_of(cell.work_date),
            "work_order_id": cell.work_order_id,
        },
    )
    if facts is None:
        raise ValidationError(
            f"職員 (id {cell.person_id}) が見つかりません。",
            f"Person {cell.person_id} not found.",
            "person",
        )
    return facts


def order_number(conn: Connection, work_order_id: int | None) -> str | None:
    """The number of the work order (None: there is none with this id)."""
    return _ORDER.scalar(conn, {"work_order_id": work_order_id})  # type: ignore[no-any-return]


def check_row(facts: Any, cell: CellKey) -> None:
    if (cell.work_order_id is None) == (cell.category is None):
        raise ValidationError(
            "作業か区分 (研修・事務・移動・休暇) のどちらか一方を指定してください。",
            "Give either a work order or a category (training, office, travel, leave), "
            "not both or neither.",
            "work_order",
        )
    if cell.work_order_id is not None and facts.order_number is None:
        raise ValidationError(
            f"作業 (id {cell.work_order_id}) が見つかりません。",
            f"Work order {cell.work_order_id} not found.",
            "work_order",
        )


def check_assigned(facts: Any, cell: CellKey) -> None:
    if cell.work_order_id is None:
        return
    if not facts.assigned:
        number = facts.order_number
        raise ValidationError(
            f"作業 {number} の担当ではないため、この作業に時間を付けられません。",
            f"Not assigned to work order {number}: no hours can be logged on it.",
            "work_order",
        )


def check_employed(facts: Any, cell: CellKey) -> None:
    if not facts.employed:
        raise ValidationError(
            f"{slash(cell.work_date)} は出向期間・雇用期間の外です。",
            f"{slash(cell.work_date)} lies outside the secondment or employment.",
            "work_date",
        )


def check_week(facts: Any, cell: CellKey) -> TimeEntryStatus:
    """The status of the cell's week (draft when it has no row), unless it is locked."""
    monday = week_start_of(cell.work_date)
    status: TimeEntryStatus = facts.week_status or TimeEntryStatus.DRAFT
    if status in LOCKED_STATUSES:
        raise ValidationError(
            f"{slash(monday)} の週は「{label(status)}」のため変更できません。"
            "直すには管理職に差し戻してもらってください。",
            f"The week of {slash(monday)} is {label(status, 'en').lower()} and cannot be "
            "changed; ask a manager to return it for a correction.",
            "work_date",
        )
    return status


def check_day_total(facts: Any, cell: CellKey, minutes: int, own_minutes: int) -> None:
    """`minutes` in place of the cell's stored `own_minutes`, beside the day's other hours."""
    total = int(facts.day_minutes or 0) - own_minutes + minutes
    if total > MAX_MINUTES:
        raise ValidationError(
            f"{slash(cell.work_date)} の合計が {format_minutes(total)} になり、"
            "1日24時間を超えます。",
            f"{slash(cell.work_date)} would total {format_minutes(total)}, more than 24 hours.",
            "minutes",
        )


def entry_of(conn: Connection, cell: CellKey) -> Any:
    """The cell's stored entry (the first, should older data hold two), as a row (id,
    person_id, work_date, minutes, work_order_id, category, note, status, version)."""
    key: dict[str, Any] = {"person_id": cell.person_id, "work_date": cell.work_date}
    if cell.work_order_id is not None:
        key["work_order_id"] = cell.work_order_id
        return _ENTRY_ON_ORDER.first(conn, key)
    key["category"] = cell.category
    return _ENTRY_IN_CATEGORY.first(conn, key)
