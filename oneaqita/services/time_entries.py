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
from datetime import date
from types import SimpleNamespace
from typing import Any, cast

from sqlalchemy import Connection, Table, bindparam, delete, insert, update

from oneaqita.db.compiled import Compiled
from oneaqita.durations import MAX_MINUTES
from oneaqita.errors import ConcurrentEdit, ValidationError
from oneaqita.labels import label
from oneaqita.models import OverheadCategory, TimeEntry
from oneaqita.models.base import utcnow
from oneaqita.permissions import Action, requires
from oneaqita.services.actor import Actor
from oneaqita.services.changes import Change, Entity
from oneaqita.services.database import Database
from oneaqita.services.records import UpsertOutcome
from oneaqita.services.text_fields import optional_text
from oneaqita.services.time_entry_checks import (
    LOCKED_STATUSES,
    cell_facts,
    check_assigned,
    check_day_total,
    check_employed,
    check_row,
    check_week,
    entry_of,
    order_number,
    slash,
    week_start_of,
)
from oneaqita.services.unit_of_work import UnitOfWork

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


def snapshot(e: Any) -> dict[str, Any]:
    """The audited form of an entry (a TimeEntry or a row of its columns)."""
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


# The writes, compiled once (db/compiled.py); an update or delete names the version read
# (optimistic locking). Every column is given: the stored row is what the audit says.
_T = cast(Table, TimeEntry.__table__)
_INSERT = Compiled(
    insert(_T)
    .values(
        person_id=bindparam("new_person_id"),
        work_date=bindparam("new_work_date"),
        work_order_id=bindparam("new_work_order_id"),
        category=bindparam("new_category"),
        minutes=bindparam("new_minutes"),
        note=bindparam("new_note"),
        status=bindparam("new_status"),
        version=1,
        created_at=bindparam("created_at"),
        updated_at=bindparam("updated_at"),
    )
    .returning(_T.c.id)
)
_UPDATE = Compiled(
    update(_T)
    .where(_T.c.id == bindparam("entry_id"), _T.c.version == bindparam("seen_version"))
    .values(
        minutes=bindparam("new_minutes"),
        note=bindparam("new_note"),
        status=bindparam("new_status"),
        version=_T.c.version + 1,
        updated_at=bindparam("updated_at"),
    )
)
_DELETE = Compiled(
    delete(_T).where(_T.c.id == bindparam("entry_id"), _T.c.version == bindparam("seen_version"))
)


def _locked_write(conn: Connection, stmt: Compiled, params: dict[str, Any]) -> None:
    if stmt.run(conn, params) != 1:  # another writer changed it since it was read
        raise ConcurrentEdit()


def _store(uow: UnitOfWork, cell: Cell, *, zero_deletes: bool) -> tuple[int, UpsertOutcome]:
    """Store one cell by the module's rules; (entry id, outcome); id 0 when nothing is left."""
    conn = uow.connection
    facts = cell_facts(conn, uow.actor, cell)
    check_row(facts, cell)
    minutes = _checked_minutes(cell.minutes)
    note = optional_text(cell.note, "note", "備考", "Note", NOTE_LIMIT, multiline=True)
    entry = entry_of(conn, cell)
    if cell.expected_version is not None:
        seen = entry.version if entry is not None else 0
        if seen != cell.expected_version:
            raise ConcurrentEdit()
    if minutes == 0 and zero_deletes:
        if entry is None:
            return 0, UpsertOutcome.UNCHANGED
        check_week(facts, cell)
        _locked_write(conn, _DELETE, {"entry_id": entry.id, "seen_version": entry.version})
        uow.audit("delete", ENTITY, entry.id, snapshot(entry), None)
        return entry.id, UpsertOutcome.UPDATED
    if entry is not None and (entry.minutes, entry.note) == (minutes, note):
        return entry.id, UpsertOutcome.UNCHANGED
    status = check_week(facts, cell)
    check_assigned(facts, cell)
    check_employed(facts, cell)
    check_day_total(facts, cell, minutes, entry.minutes if entry is not None else 0)
    values: dict[str, Any] = {
        "person_id": cell.person_id,
        "work_date": cell.work_date,
        "work_order_id": cell.work_order_id,
        "category": cell.category,
        "minutes": minutes,
        "note": note,
        "status": status,
    }
    now = utcnow()
    if entry is None:
        new = {f"new_{k}": v for k, v in values.items()}
        entry_id: int = _INSERT.scalar(conn, {**new, "created_at": now, "updated_at": now})
        after = snapshot(SimpleNamespace(**values, version=1))
        uow.audit("create", ENTITY, entry_id, None, after)
        return entry_id, UpsertOutcome.ADDED
    before = snapshot(entry)
    params = {
        "new_minutes": minutes,
        "new_note": note,
        "new_status": status,
        "updated_at": now,
        "entry_id": entry.id,
        "seen_version": entry.version,
    }
    _locked_write(conn, _UPDATE, params)
    after = snapshot(SimpleNamespace(**values, version=entry.version + 1))
    uow.audit("update", ENTITY, entry.id, before, after)
    return entry.id, UpsertOutcome.UPDATED


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
        number = order_number(uow.session.connection(), cell.work_order_id)
        row_ja = row_en = number or f"id {cell.work_order_id}"
    return f"{slash(cell.work_date)} {row_ja}", f"{slash(cell.work_date)} {row_en}"


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
