"""Submitting, approving and returning a week: locking, self-approval, returns, resubmission."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from oneaqita.errors import ConcurrentEdit, PermissionDenied, ValidationError
from oneaqita.models import AuditEntry, OverheadCategory, TimeEntry, TimeEntryStatus, TimesheetWeek
from oneaqita.services.database import Database
from oneaqita.services.time_entries import Cell, save_cell
from oneaqita.services.timesheet_weeks import approve_week, return_week, submit_week
from tests.timesheet_builders import MONDAY, Company, build_company


@pytest.fixture
def co(db: Database) -> Company:
    c = build_company(db)
    save_cell(db, c.sato, Cell(c.sato_id, MONDAY, c.assigned_id, None, 450))
    save_cell(
        db, c.sato, Cell(c.sato_id, MONDAY + timedelta(days=6), None, OverheadCategory.OFFICE, 60)
    )
    return c


def _week(db: Database, person_id: int) -> TimesheetWeek:
    with db.read() as s:
        week = s.scalars(select(TimesheetWeek).where(TimesheetWeek.person_id == person_id)).one()
        s.expunge(week)
        return week


def _statuses(db: Database) -> set[TimeEntryStatus]:
    with db.read() as s:
        return set(s.scalars(select(TimeEntry.status)))


def _tuesday(co: Company, minutes: int) -> Cell:
    return Cell(co.sato_id, MONDAY + timedelta(days=1), co.assigned_id, None, minutes)


def test_submit_locks_the_week_approve_keeps_it_locked(db: Database, co: Company) -> None:
    submit_week(db, co.sato, co.sato_id, MONDAY)
    assert _statuses(db) == {TimeEntryStatus.SUBMITTED}
    with pytest.raises(ValidationError) as caught:
        save_cell(db, co.sato, _tuesday(co, 60))
    assert "提出済" in caught.value.ja
    with pytest.raises(ValidationError):
        submit_week(db, co.sato, co.sato_id, MONDAY)  # already submitted
    week = _week(db, co.sato_id)
    approve_week(db, co.tanaka, week.id, week.version)
    assert _statuses(db) == {TimeEntryStatus.APPROVED}
    with db.read() as s:
        assert set(s.scalars(select(TimeEntry.approved_by_id))) == {co.tanaka.user_id}
    for cell in (_tuesday(co, 60), Cell(co.sato_id, MONDAY, co.assigned_id, None, None)):
        with pytest.raises(ValidationError) as caught:
            save_cell(db, co.sato, cell)  # neither added nor deleted
        assert "承認済" in caught.value.ja
    # Saving what a cell holds is no change, even in a locked week.
    save_cell(db, co.sato, Cell(co.sato_id, MONDAY, co.assigned_id, None, 450))


def test_a_correction_goes_through_a_return_and_a_resubmission(db: Database, co: Company) -> None:
    submit_week(db, co.sato, co.sato_id, MONDAY)
    week = _week(db, co.sato_id)
    approve_week(db, co.tanaka, week.id, week.version)
    week = _week(db, co.sato_id)
    with pytest.raises(ValidationError) as caught:
        return_week(db, co.tanaka, week.id, week.version, "  ")
    assert caught.value.field == "comment"
    return_week(
        db, co.tanaka, week.id, week.version, "火曜日の点検が抜けています。\n追加してください。"
    )
    week = _week(db, co.sato_id)
    assert week.status is TimeEntryStatus.RETURNED
    assert week.comment == "火曜日の点検が抜けています。\n追加してください。"
    assert _statuses(db) == {TimeEntryStatus.RETURNED}
    save_cell(db, co.sato, _tuesday(co, 120))  # editable again
    assert _statuses(db) == {TimeEntryStatus.RETURNED}
    submit_week(db, co.sato, co.sato_id, MONDAY)
    assert _statuses(db) == {TimeEntryStatus.SUBMITTED}
    week = _week(db, co.sato_id)
    approve_week(db, co.admin, week.id, week.version)
    assert _statuses(db) == {TimeEntryStatus.APPROVED}
    with db.read() as s:
        steps = s.execute(
            select(AuditEntry.actor, AuditEntry.after)
            .where(AuditEntry.entity == "timesheet_weeks")
            .order_by(AuditEntry.id)
        ).all()
    assert [(who, after["status"]) for who, after in steps] == [
        ("sato", "submitted"),
        ("tanaka", "approved"),
        ("tanaka", "returned"),
        ("sato", "submitted"),
        ("admin", "approved"),
    ]


def test_nobody_approves_or_returns_their_own_hours(db: Database, co: Company) -> None:
    save_cell(db, co.tanaka, Cell(co.tanaka_id, MONDAY, co.assigned_id, None, 480))
    submit_week(db, co.tanaka, co.tanaka_id, MONDAY)
    week = _week(db, co.tanaka_id)
    with pytest.raises(ValidationError) as caught:
        approve_week(db, co.tanaka, week.id, week.version)
    assert "自分の時間" in caught.value.ja
    with pytest.raises(ValidationError):
        return_week(db, co.tanaka, week.id, week.version, "自分で直す")
    approve_week(db, co.admin, week.id, week.version)


def test_only_managers_and_admins_decide_and_only_submitted_weeks(
    db: Database, co: Company
) -> None:
    submit_week(db, co.sato, co.sato_id, MONDAY)
    week = _week(db, co.sato_id)
    for actor in (co.sato, co.coordinator):
        with pytest.raises(PermissionDenied):
            approve_week(db, actor, week.id, week.version)
    with pytest.raises(ConcurrentEdit):
        approve_week(db, co.tanaka, week.id, week.version + 1)
    return_week(db, co.tanaka, week.id, week.version, "確認してください")
    week = _week(db, co.sato_id)
    with pytest.raises(ValidationError):
        approve_week(db, co.tanaka, week.id, week.version)  # returned, not submitted


def test_submit_refuses_an_empty_week_a_non_monday_and_others_weeks(
    db: Database, co: Company
) -> None:
    with pytest.raises(ValidationError):
        submit_week(db, co.sato, co.sato_id, MONDAY + timedelta(days=7))
    with pytest.raises(ValidationError):
        submit_week(db, co.sato, co.sato_id, MONDAY + timedelta(days=1))
    with pytest.raises(PermissionDenied):
        submit_week(db, co.sato, co.tanaka_id, MONDAY)
    submit_week(db, co.coordinator, co.sato_id, MONDAY)  # a coordinator may, for anyone
    assert _statuses(db) == {TimeEntryStatus.SUBMITTED}
