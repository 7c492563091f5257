"""The approval page's lists and its batch: the queue filtered by sending body and text and
sorted by any column, the weeks not yet submitted with their sending body, and several weeks
approved at once, all or nothing."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from oneaqita.errors import ConcurrentEdit, ValidationError
from oneaqita.models import OverheadCategory, TimeEntry, TimeEntryStatus
from oneaqita.services.approval_queries import (
    QueueFilter,
    QueueSort,
    UnsubmittedFilter,
    UnsubmittedSort,
    approval_queue,
    unsubmitted_weeks,
)
from oneaqita.services.changes import Entity
from oneaqita.services.database import Database
from oneaqita.services.time_entries import Cell, save_cell
from oneaqita.services.timesheet_weeks import approve_weeks, submit_week
from tests.timesheet_builders import MONDAY, Company, build_company

OFFICE = OverheadCategory.OFFICE
NEXT = MONDAY + timedelta(days=7)


@pytest.fixture
def co(db: Database) -> Company:
    co = build_company(db)
    save_cell(db, co.sato, Cell(co.sato_id, MONDAY, None, OFFICE, 480))
    save_cell(db, co.sato, Cell(co.sato_id, NEXT, None, OFFICE, 60))
    save_cell(db, co.tanaka, Cell(co.tanaka_id, MONDAY, None, OFFICE, 240))
    submit_week(db, co.sato, co.sato_id, MONDAY)
    submit_week(db, co.sato, co.sato_id, NEXT)
    submit_week(db, co.tanaka, co.tanaka_id, MONDAY)
    return co


def keys(flt: QueueFilter | None, db: Database) -> list[tuple[str, int]]:
    return [(w.employee_no, (w.week_start - MONDAY).days) for w in approval_queue(db, flt)]


def test_the_queue_by_body_text_and_any_column(db: Database, co: Company) -> None:
    assert keys(None, db) == [("E0001", 0), ("E0001", 7), ("E0002", 0)]  # 052019 < C0001
    assert keys(QueueFilter(body_id=co.akita_id), db) == [("E0001", 0), ("E0001", 7)]
    (tanaka,) = approval_queue(db, QueueFilter(text="田中"))
    assert (tanaka.body_code, tanaka.body_name, tanaka.minutes) == ("C0001", "当社", 240)
    assert keys(QueueFilter(text="e0001 佐藤"), db) == [("E0001", 0), ("E0001", 7)]
    assert keys(QueueFilter(text="<script>'%"), db) == []
    assert keys(QueueFilter(text="佐藤\x00"), db) == []  # a NUL finds nothing (PostgreSQL too)
    assert keys(QueueFilter(text="=SUM(A1)"), db) == []
    minutes = QueueFilter(sort=QueueSort.MINUTES, descending=True)
    assert [w.minutes for w in approval_queue(db, minutes)] == [480, 240, 60]
    week = QueueFilter(sort=QueueSort.WEEK, descending=True)
    assert keys(week, db) == [("E0001", 7), ("E0001", 0), ("E0002", 0)]
    name = QueueFilter(sort=QueueSort.NAME, descending=True)  # no readings: by the name
    assert keys(name, db) == [("E0002", 0), ("E0001", 0), ("E0001", 7)]
    number = QueueFilter(sort=QueueSort.EMPLOYEE_NO, descending=True)
    assert keys(number, db) == [("E0002", 0), ("E0001", 0), ("E0001", 7)]
    submitted = approval_queue(db, QueueFilter(sort=QueueSort.SUBMITTED_AT))
    assert [w.submitted_at for w in submitted] == sorted(w.submitted_at for w in submitted)  # type: ignore[type-var]
    assert len(submitted) == 3


def test_the_weeks_not_submitted_carry_their_body(db: Database, co: Company) -> None:
    today = NEXT + timedelta(days=14)  # last week: NEXT + 7; the weeks: MONDAY .. NEXT + 7
    every = {(w.employee_no, w.week_start, w.body_code) for w in unsubmitted_weeks(db, today, 3)}
    assert every == {
        ("E0001", NEXT + timedelta(days=7), "052019"),
        ("E0002", NEXT, "C0001"),
        ("E0002", NEXT + timedelta(days=7), "C0001"),
    }
    akita = unsubmitted_weeks(db, today, 3, UnsubmittedFilter(body_id=co.akita_id))
    assert [(w.employee_no, w.body_name, w.status) for w in akita] == [
        ("E0001", "秋田市", TimeEntryStatus.DRAFT)
    ]
    named = unsubmitted_weeks(db, today, 3, UnsubmittedFilter(text="田中"))
    assert [w.week_start for w in named] == [NEXT, NEXT + timedelta(days=7)]


def test_the_weeks_not_submitted_sorted_by_any_column_in_sql(db: Database, co: Company) -> None:
    today = NEXT + timedelta(days=14)
    third = NEXT + timedelta(days=7)
    save_cell(db, co.tanaka, Cell(co.tanaka_id, third, None, OFFICE, 120))

    def order(sort: UnsubmittedSort, descending: bool = False) -> list[tuple[str, int]]:
        flt = UnsubmittedFilter(sort=sort, descending=descending)
        return [
            (w.employee_no, (w.week_start - MONDAY).days)
            for w in unsubmitted_weeks(db, today, 3, flt)
        ]

    assert order(UnsubmittedSort.EMPLOYEE_NO) == [("E0001", 14), ("E0002", 7), ("E0002", 14)]
    assert order(UnsubmittedSort.EMPLOYEE_NO, True) == [("E0002", 7), ("E0002", 14), ("E0001", 14)]
    assert order(UnsubmittedSort.WEEK, True) == [("E0001", 14), ("E0002", 14), ("E0002", 7)]
    assert order(UnsubmittedSort.MINUTES, True)[0] == ("E0002", 14)  # the 2:00 entered
    assert order(UnsubmittedSort.BODY, True) == [("E0002", 7), ("E0002", 14), ("E0001", 14)]
    assert order(UnsubmittedSort.NAME) == [("E0001", 14), ("E0002", 7), ("E0002", 14)]  # 佐 < 田
    minutes = [w.minutes for w in unsubmitted_weeks(db, today, 3)]
    assert minutes == [0, 0, 120]


def test_several_weeks_are_approved_all_or_nothing(db: Database, co: Company) -> None:
    queue = approval_queue(db)
    every = [(w.week_id, w.version) for w in queue]
    with pytest.raises(ValidationError) as refused:
        approve_weeks(db, co.tanaka, every)  # tanaka's own week is among them
    assert refused.value.field == "person"
    assert refused.value.ja.startswith("E0002 田中 一郎 2026/11/30: 自分の時間は")
    assert "no week was approved" in refused.value.en
    assert approval_queue(db) == queue
    stale = [(w.week_id, w.version - 1 if w.week_start == NEXT else w.version) for w in queue]
    with pytest.raises(ConcurrentEdit):
        approve_weeks(db, co.admin, stale)
    assert approval_queue(db) == queue
    change = approve_weeks(db, co.tanaka, every[:2])  # sato's two
    assert {w.week_id for w in approval_queue(db)} == {every[2][0]}
    assert change.ids_of(Entity.TIMESHEET_WEEKS) == {every[0][0], every[1][0]}
    with db.read() as s:
        statuses = s.scalars(
            select(TimeEntry.status).where(TimeEntry.person_id == co.sato_id)
        ).all()
    assert statuses and set(statuses) == {TimeEntryStatus.APPROVED}
