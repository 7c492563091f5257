"""Saving time cells: every rule refuses with its reason and writes nothing."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from oneaqita.errors import ConcurrentEdit, PermissionDenied, ValidationError
from oneaqita.models import AuditEntry, OverheadCategory, TimeEntry
from oneaqita.services.changes import Entity
from oneaqita.services.database import Database
from oneaqita.services.time_entries import BlockRefused, Cell, save_cell, save_cells
from tests.timesheet_builders import (
    MONDAY,
    SECONDMENT_END,
    SECONDMENT_START,
    Company,
    build_company,
)

TRAINING = OverheadCategory.TRAINING


@pytest.fixture
def co(db: Database) -> Company:
    return build_company(db)


def _entries(db: Database) -> list[tuple[date, int | None, str | None, int, str | None]]:
    with db.read() as s:
        rows = s.execute(
            select(
                TimeEntry.work_date,
                TimeEntry.work_order_id,
                TimeEntry.category,
                TimeEntry.minutes,
                TimeEntry.note,
            ).order_by(TimeEntry.work_date, TimeEntry.id)
        )
        return [(d, w, None if c is None else str(c), m, n) for d, w, c, m, n in rows]


def _cell(co: Company, minutes: int | None, day: date = MONDAY, **kw: object) -> Cell:
    row = {"work_order_id": co.assigned_id, "category": None}
    row.update(kw)  # type: ignore[arg-type]
    return Cell(co.sato_id, day, minutes=minutes, **row)  # type: ignore[arg-type]


def test_a_cell_is_saved_updated_and_deleted_audited(db: Database, co: Company) -> None:
    change = save_cell(db, co.sato, _cell(co, 450, note="午前: 点検\n午後: 報告"))
    assert change.touches(Entity.TIME_ENTRIES)
    (entry_id,) = change.created[Entity.TIME_ENTRIES]
    assert _entries(db) == [(MONDAY, co.assigned_id, None, 450, "午前: 点検\n午後: 報告")]
    save_cell(db, co.sato, _cell(co, 480, note=None, expected_version=1))
    assert _entries(db) == [(MONDAY, co.assigned_id, None, 480, None)]
    save_cell(db, co.sato, _cell(co, None))
    assert _entries(db) == []
    with db.read() as s:
        actions = s.scalars(
            select(AuditEntry.action)
            .where(AuditEntry.entity == "time_entries", AuditEntry.entity_id == entry_id)
            .order_by(AuditEntry.id)
        ).all()
    assert actions == ["create", "update", "delete"]


def test_a_stale_version_is_a_concurrent_edit(db: Database, co: Company) -> None:
    save_cell(db, co.sato, _cell(co, 60, expected_version=0))
    with pytest.raises(ConcurrentEdit):
        save_cell(db, co.sato, _cell(co, 120, expected_version=0))  # someone saved it meanwhile
    assert _entries(db)[0][3] == 60


def test_more_than_24_hours_across_rows_is_refused(db: Database, co: Company) -> None:
    save_cell(db, co.sato, _cell(co, 20 * 60))
    save_cell(db, co.sato, _cell(co, 4 * 60, work_order_id=None, category=TRAINING))
    with pytest.raises(ValidationError) as caught:
        save_cell(db, co.sato, _cell(co, 1, work_order_id=None, category=OverheadCategory.TRAVEL))
    assert "24時間" in caught.value.ja and caught.value.field == "minutes"
    # Changing a row's own hours counts it once, not twice.
    save_cell(db, co.sato, _cell(co, 19 * 60))
    assert sum(e[3] for e in _entries(db)) == 23 * 60


@pytest.mark.parametrize(
    "day", [SECONDMENT_START - timedelta(days=1), SECONDMENT_END + timedelta(days=1)]
)
def test_a_day_outside_the_secondment_is_refused(db: Database, co: Company, day: date) -> None:
    with pytest.raises(ValidationError) as caught:
        save_cell(db, co.sato, _cell(co, 60, day, work_order_id=None, category=TRAINING))
    assert "出向期間" in caught.value.ja and caught.value.field == "work_date"
    save_cell(db, co.sato, _cell(co, 60, SECONDMENT_START, work_order_id=None, category=TRAINING))
    save_cell(db, co.sato, _cell(co, 60, SECONDMENT_END, work_order_id=None, category=TRAINING))
    assert len(_entries(db)) == 2


def test_company_staff_are_always_employed(db: Database, co: Company) -> None:
    cell = Cell(co.tanaka_id, date(2001, 1, 1), None, TRAINING, 60)
    save_cell(db, co.tanaka, cell)
    assert len(_entries(db)) == 1


def test_an_order_one_is_not_assigned_to_is_refused(db: Database, co: Company) -> None:
    with pytest.raises(ValidationError) as caught:
        save_cell(db, co.sato, _cell(co, 60, work_order_id=co.other_id))
    assert "WO-2" in caught.value.ja and caught.value.field == "work_order"
    assert _entries(db) == []


@pytest.mark.parametrize(
    ("order", "category"), [(None, None), ("assigned", OverheadCategory.OFFICE)]
)
def test_a_row_is_an_order_or_a_category(
    db: Database, co: Company, order: str | None, category: OverheadCategory | None
) -> None:
    cell = _cell(co, 60, work_order_id=co.assigned_id if order else None, category=category)
    with pytest.raises(ValidationError):
        save_cell(db, co.sato, cell)


@pytest.mark.parametrize(
    ("minutes", "note"),
    [(-1, None), (1441, None), (10**30, None), (60, "\x00"), (60, "x" * 501)],
)
def test_hostile_values_are_refused(
    db: Database, co: Company, minutes: int, note: str | None
) -> None:
    with pytest.raises(ValidationError):
        save_cell(db, co.sato, _cell(co, minutes, note=note))
    assert _entries(db) == []


def test_a_formula_looking_note_is_stored_as_text(db: Database, co: Company) -> None:
    save_cell(db, co.sato, _cell(co, 60, note='=HYPERLINK("x")'))
    assert _entries(db)[0][4] == '=HYPERLINK("x")'


def test_a_seconded_user_writes_only_their_own_hours(db: Database, co: Company) -> None:
    with pytest.raises(PermissionDenied):
        save_cell(db, co.sato, Cell(co.tanaka_id, MONDAY, None, TRAINING, 60))
    save_cell(db, co.coordinator, _cell(co, 60))  # a coordinator may write anyone's
    assert len(_entries(db)) == 1


def test_a_pasted_block_is_all_or_nothing_naming_each_refused_cell(
    db: Database, co: Company
) -> None:
    block = [_cell(co, 8 * 60, MONDAY + timedelta(days=d)) for d in range(3)] + [
        _cell(co, 17 * 60, MONDAY, work_order_id=None, category=TRAINING),  # 25 h on Monday
        _cell(co, 60, MONDAY + timedelta(days=1), work_order_id=co.other_id),
    ]
    with pytest.raises(BlockRefused) as caught:
        save_cells(db, co.sato, block)
    assert [i for i, _, _ in caught.value.cells] == [3, 4]
    assert "2026/11/30 研修" in caught.value.cells[0][1]
    assert "2026/12/01 WO-2" in caught.value.cells[1][1]
    assert _entries(db) == []
    save_cells(db, co.sato, block[:3])
    assert len(_entries(db)) == 3


def test_hours_on_an_order_no_longer_assigned_can_be_deleted_not_changed(
    db: Database, co: Company
) -> None:
    from oneaqita.models import work_order_assignees
    from oneaqita.services.actor import SYSTEM_ACTOR

    save_cell(db, co.sato, _cell(co, 60))
    with db.unit_of_work(SYSTEM_ACTOR) as uow:
        uow.session.execute(
            work_order_assignees.delete().where(work_order_assignees.c.person_id == co.sato_id)
        )
    with pytest.raises(ValidationError):
        save_cell(db, co.sato, _cell(co, 120))
    save_cell(db, co.sato, _cell(co, None))
    assert _entries(db) == []
