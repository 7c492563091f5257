"""Writing time entries: one cell of a person's week, a block of cells pasted at once, and the
rows of an import.

Rules enforced here (each refusal is a bilingual ValidationError; nothing is written):

- A cell is a person, a day, a row and its minutes and note. The row is a work order or an
  overhead category, exactly one of them [work_order]. Hours go on a work order only when the
  person is one of its assignees (work_order_assignees) [work_order]; hours stored on an order
  one is no longer assigned to can still be deleted.
- Anyone may log their own hours (Action.LOG_OWN_HOURS: the actor's person); coordinators,
  managers and administrators may log anyone's (Action.LOG_HOURS_FOR_OTHERS) [person].
- The day lies inside the person's employment: company staff always, seconded staff inside a
  secondment (services/assignee_eligibility.py, the same rule as for assignees) [work_date].
- At most 24 hours on a day across all the person's rows, the stored ones and (in a block or
  an import) the ones written before in the same unit of work [minutes].
- The week (Monday to Sunday) is not submitted or approved (services/timesheet_weeks.py); a
  returned week is editable again, and a new entry in it is "returned" too [work_date].
- Minutes 0..1440 (durations.py parses what was typed) [minutes]; the note is text of at most
  500 characters, line breaks allowed [note].
- Empty or 0 minutes delete the cell's entry in the grid (``save_cell``); an import stores a
  0 as given (so that an export of stored zeros imports back unchanged).
- The rules are checked only when something changes: a cell saved with what it holds is
  "unchanged", even in a locked week (an export imported back changes nothing).
- A cell the grid saves checks the version the user saw (``expected_version``: the entry's
  version, 0 for "there was no entry", None for no check) and raises ConcurrentEdit.
- Every write is audited (Entity.TIME_ENTRIES) and reported in the returned Change.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select

from oneaqita.durations import MAX_MINUTES, format_minutes
from oneaqita.errors import ConcurrentEdit, ValidationError
from oneaqita.labels import label
from oneaqita.models import (
    OverheadCategory,
    Person,
    TimeEntry,
    TimeEntryStatus,
    TimesheetWeek,
    WorkOrder,
    work_order_assignees,
)
from oneaqita.permissions import Action, check, requires
from oneaqita.services.actor import Actor
from oneaqita.services.assignee_eligibility import eligibility
from oneaqita.services.changes import Change, Entity
from oneaqita.services.database import Database
from oneaqita.services.records import UpsertOutcome
from oneaqita.services.text_fields import optional_text
from oneaqita.services.unit_of_work import UnitOfWork
from oneaqita.services.upserts import store_values

__all__ = [
    "BlockRefused",
    "Cell",
    "LOCKED_STATUSES",
    "save_cell",
    "save_cells",
    "snapshot",
    "upsert_entry",
    "week_start_of",
]

ENTITY = Entity.TIME_ENTRIES
LOCKED_STATUSES = frozenset({TimeEntryStatus.SUBMITTED, TimeEntryStatus.APPROVED})
NOTE_LIMIT = 500


@dataclass(frozen=True)
class Cell:
    """One cell of a person's week: the row is a work order or a category."""

    person_id: int
    work_date: date
    work_order_id: int | None
    category: OverheadCategory | None
    minutes: int | None  # None or 0: no entry (deleted by save_cell)
    note: str | None = None
    expected_version: int | None = None  # the entry's version seen; 0: none seen; None: unchecked


class BlockRefused(ValidationError):
    """A block of cells refused as a whole; ``cells`` holds (index in the block, ja, en) of
    every refused cell, in block order."""

    def __init__(self, cells: list[tuple[int, str, str]]) -> None:
        super().__init__(
            "貼り付けた時間を保存できません (何も保存していません)。"
            + " ".join(ja for _, ja, _ in cells),
            "The pasted hours cannot be saved (nothing was saved). "
            + " ".join(en for _, _, en in cells),
            "cells",
        )
        self.cells = cells


def week_start_of(day: date) -> date:
    """The Monday of `day`'s week."""
    return day - timedelta(days=day.weekday())


def snapshot(e: TimeEntry) -> dict[str, Any]:
    return {
        "person_id": e.person_id,
        "work_date": e.work_date.isoformat(),
        "minutes": e.minutes,
        "work_order_id": e.work_order_id,
        "category": None if e.category is None else str(e.category),
        "note": e.note,
        "status": str(e.status),
        "version": e.version,
    }


def _slash(d: date) -> str:
    return d.strftime("%Y/%m/%d")


def _check_person(uow: UnitOfWork, person_id: int) -> None:
    actor: Actor = uow.actor
    if actor.person_id != person_id:
        check(actor, Action.LOG_HOURS_FOR_OTHERS)
    if uow.session.get(Person, person_id) is None:
        raise ValidationError(
            f"職員 (id {person_id}) が見つかりません。", f"Person {person_id} not found.", "person"
        )


def _check_row(uow: UnitOfWork, cell: Cell) -> None:
    if (cell.work_order_id is None) == (cell.category is None):
        raise ValidationError(
            "作業か区分 (研修・事務・移動・休暇) のどちらか一方を指定してください。",
            "Give either a work order or a category (training, office, travel, leave), "
            "not both or neither.",
            "work_order",
        )
    if cell.work_order_id is not None and uow.session.get(WorkOrder, cell.work_order_id) is None:
        raise ValidationError(
            f"作業 (id {cell.work_order_id}) が見つかりません。",
            f"Work order {cell.work_order_id} not found.",
            "work_order",
        )


def _check_assigned(uow: UnitOfWork, cell: Cell) -> None:
    if cell.work_order_id is None:
        return
    order = uow.session.get(WorkOrder, cell.work_order_id)
    assert order is not None  # _check_row found it
    assigned = uow.session.scalar(
        select(work_order_assignees.c.person_id).where(
            work_order_assignees.c.work_order_id == order.id,
            work_order_assignees.c.person_id == cell.person_id,
        )
    )
    if assigned is None:
        raise ValidationError(
            f"作業 {order.number} の担当ではないため、この作業に時間を付けられません。",
            f"Not assigned to work order {order.number}: no hours can be logged on it.",
            "work_order",
        )


def _check_employed(uow: UnitOfWork, cell: Cell) -> None:
    found = eligibility(uow.session, [cell.person_id], cell.work_date, cell.work_date)
    who = found.get(cell.person_id)
    if who is not None and not who.eligible:
        raise ValidationError(
            f"{_slash(cell.work_date)} は出向期間・雇用期間の外です。",
            f"{_slash(cell.work_date)} lies outside the secondment or employment.",
            "work_date",
        )


def _week_status(uow: UnitOfWork, person_id: int, day: date) -> TimeEntryStatus:
    """The status of the week of `day` (draft when it has no row)."""
    status = uow.session.scalar(
        select(TimesheetWeek.status).where(
            TimesheetWeek.person_id == person_id,
            TimesheetWeek.week_start == week_start_of(day),
        )
    )
    return status or TimeEntryStatus.DRAFT


def _check_week(uow: UnitOfWork, cell: Cell) -> TimeEntryStatus:
    status = _week_status(uow, cell.person_id, cell.work_date)
    if status in LOCKED_STATUSES:
        monday = week_start_of(cell.work_date)
        raise ValidationError(
            f"{_slash(monday)} の週は「{label(status)}」のため変更できません。"
            "直すには管理職に差し戻してもらってください。",
            f"The week of {_slash(monday)} is {label(status, 'en').lower()} and cannot be "
            "changed; ask a manager to return it for a correction.",
            "work_date",
        )
    return status


def _check_day_total(uow: UnitOfWork, cell: Cell, minutes: int, own_id: int | None) -> None:
    others = select(func.coalesce(func.sum(TimeEntry.minutes), 0)).where(
        TimeEntry.person_id == cell.person_id, TimeEntry.work_date == cell.work_date
    )
    if own_id is not None:
        others = others.where(TimeEntry.id != own_id)
    total = int(uow.session.scalar(others) or 0) + minutes
    if total > MAX_MINUTES:
        raise ValidationError(
            f"{_slash(cell.work_date)} の合計が {format_minutes(total)} になり、"
            "1日24時間を超えます。",
            f"{_slash(cell.work_date)} would total {format_minutes(total)}, more than 24 hours.",
            "minutes",
        )


def _entry_of(uow: UnitOfWork, cell: Cell) -> TimeEntry | None:
    row = (
        TimeEntry.work_order_id == cell.work_order_id
        if cell.work_order_id is not None
        else TimeEntry.category == cell.category
    )
    return uow.session.scalars(
        select(TimeEntry)
        .where(TimeEntry.person_id == cell.person_id, TimeEntry.work_date == cell.work_date, row)
        .order_by(TimeEntry.id)
        .limit(1)
    ).first()


def _checked_minutes(minutes: int | None) -> int:
    if minutes is None:
        return 0
    if isinstance(minutes, bool) or not 0 <= minutes <= MAX_MINUTES:
        raise ValidationError(
            f"時間は0〜24時間にしてください ({minutes}分)。",
            f"Hours must be 0 to 24 ({minutes} minutes).",
            "minutes",
        )
    return minutes


def _store(uow: UnitOfWork, cell: Cell, *, zero_deletes: bool) -> tuple[int, UpsertOutcome]:
    """Store one cell by the module's rules; (entry id, outcome); id 0 when nothing is left."""
    _check_person(uow, cell.person_id)
    _check_row(uow, cell)
    minutes = _checked_minutes(cell.minutes)
    note = optional_text(cell.note, "note", "備考", "Note", NOTE_LIMIT, multiline=True)
    entry = _entry_of(uow, cell)
    if cell.expected_version is not None:
        seen = entry.version if entry is not None else 0
        if seen != cell.expected_version:
            raise ConcurrentEdit()
    if minutes == 0 and zero_deletes:
        if entry is None:
            return 0, UpsertOutcome.UNCHANGED
        _check_week(uow, cell)
        before = snapshot(entry)
        uow.session.delete(entry)
        uow.session.flush()
        uow.audit("delete", ENTITY, entry.id, before, None)
        return entry.id, UpsertOutcome.UPDATED
    if entry is not None and (entry.minutes, entry.note) == (minutes, note):
        return entry.id, UpsertOutcome.UNCHANGED
    status = _check_week(uow, cell)
    _check_assigned(uow, cell)
    _check_employed(uow, cell)
    _check_day_total(uow, cell, minutes, entry.id if entry is not None else None)
    values: dict[str, Any] = {
        "person_id": cell.person_id,
        "work_date": cell.work_date,
        "work_order_id": cell.work_order_id,
        "category": cell.category,
        "minutes": minutes,
        "note": note,
        "status": status,
    }
    return store_values(uow, ENTITY, TimeEntry, entry, values, snapshot)


@requires(Action.LOG_OWN_HOURS)
def upsert_entry(uow: UnitOfWork, cell: Cell) -> tuple[int, UpsertOutcome]:
    """Store `cell` under its key (person, day, work order or category) by the module's rules,
    a 0 stored as given (for imports)."""
    return _store(uow, cell, zero_deletes=False)


@requires(Action.LOG_OWN_HOURS)
def save_cell(db: Database, actor: Actor, cell: Cell) -> Change:
    """Save one cell of the grid (empty or 0 deletes its entry), by the module's rules."""
    with db.unit_of_work(actor) as uow:
        _store(uow, cell, zero_deletes=True)
        return uow.change


def _cell_name(uow: UnitOfWork, cell: Cell) -> tuple[str, str]:
    if cell.category is not None:
        row_ja, row_en = label(cell.category), label(cell.category, "en")
    else:
        number = uow.session.scalar(
            select(WorkOrder.number).where(WorkOrder.id == cell.work_order_id)
        )
        row_ja = row_en = number or f"id {cell.work_order_id}"
    return f"{_slash(cell.work_date)} {row_ja}", f"{_slash(cell.work_date)} {row_en}"


@requires(Action.LOG_OWN_HOURS)
def save_cells(db: Database, actor: Actor, cells: Sequence[Cell]) -> Change:
    """Save a block of cells (a paste) all or nothing, in order, each by the module's rules
    and against the cells before it; BlockRefused names every refused cell."""
    refused: list[tuple[int, str, str]] = []
    with db.unit_of_work(actor) as uow:
        for index, cell in enumerate(cells):
            try:
                with uow.session.begin_nested():
                    _store(uow, cell, zero_deletes=True)
            except ValidationError as exc:
                where_ja, where_en = _cell_name(uow, cell)
                refused.append((index, f"{where_ja}: {exc.ja}", f"{where_en}: {exc.en}"))
        if refused:
            raise BlockRefused(refused)
        return uow.change
