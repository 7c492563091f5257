"""What the approval page reads: the weeks waiting for approval and the weeks not yet
submitted, filtered by sending body and text.

Rules:

- A week runs Monday to Sunday and is named by its Monday (services/timesheet_weeks.py).
- The sending body of a person's week is the body of the secondment that overlaps the week
  (the latest one, should two), else the person's home organization; the body filter keeps
  the weeks whose sending body it is. The text matches the name, its reading or the employee
  number (every term; services/text_fields.py).
- The approval queue is every submitted week (or, to return one, every approved week since a
  Monday), with its total, by sending body, person and week unless sorted otherwise
  (QueueSort: any column, either direction, then body, employee number and week); filtered,
  sorted and summed by the database in one query.
- The weeks not yet submitted are, for the weeks from ``weeks`` back up to last week, every
  person employed on a day of it (company staff, or a secondment overlapping it) whose week
  is neither submitted nor approved, with the hours entered so far and its sending body, by
  employee number and week unless sorted otherwise (UnsubmittedSort: any column, either
  direction, then employee number and week); filtered, sorted and summed by the database in
  one query.
"""

import enum
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    and_,
    exists,
    func,
    literal,
    or_,
    select,
    true,
    union_all,
)
from sqlalchemy.orm import Session, aliased

from oneaqita.models import (
    Organization,
    OrganizationKind,
    Person,
    Secondment,
    TimeEntry,
    TimeEntryStatus,
    TimesheetWeek,
)
from oneaqita.services.database import Database
from oneaqita.services.text_fields import matches_all_terms
from oneaqita.services.time_entries import week_start_of

__all__ = [
    "QueueFilter",
    "QueueSort",
    "QueuedWeek",
    "UnsubmittedFilter",
    "UnsubmittedSort",
    "UnsubmittedWeek",
    "approval_queue",
    "unsubmitted_weeks",
]


class QueueSort(enum.StrEnum):
    BODY = "body"
    EMPLOYEE_NO = "employee_no"
    NAME = "name"  # by the reading, as the people list sorts names
    WEEK = "week"
    MINUTES = "minutes"
    SUBMITTED_AT = "submitted_at"


@dataclass(frozen=True)
class QueueFilter:
    body_id: int | None = None  # the sending body (see the module's rules)
    text: str = ""  # name, reading or employee number
    sort: QueueSort = QueueSort.BODY
    descending: bool = False
    status: TimeEntryStatus = TimeEntryStatus.SUBMITTED  # or APPROVED: to return one
    since: date | None = None  # only the weeks starting on or after (the approved ones)


class UnsubmittedSort(enum.StrEnum):
    BODY = "body"
    EMPLOYEE_NO = "employee_no"
    NAME = "name"  # by the reading, as the queue
    WEEK = "week"
    MINUTES = "minutes"
    STATUS = "status"


@dataclass(frozen=True)
class UnsubmittedFilter:
    body_id: int | None = None
    text: str = ""
    sort: UnsubmittedSort = UnsubmittedSort.EMPLOYEE_NO
    descending: bool = False


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
    status: TimeEntryStatus = TimeEntryStatus.SUBMITTED

    @property
    def id(self) -> int:
        return self.week_id


@dataclass(frozen=True, slots=True)
class UnsubmittedWeek:
    person_id: int
    employee_no: str
    name: str
    week_start: date
    minutes: int  # entered so far
    status: TimeEntryStatus  # draft or returned
    body_code: str = ""
    body_name: str = ""


def _days_after(session: Session, column: Any, days: int) -> ColumnElement[Any]:
    """`column` (a date) plus `days`, in SQL."""
    if session.get_bind().dialect.name == "sqlite":
        return func.date(column, f"+{days} days")
    return column + days  # type: ignore[no-any-return]


def _person_match(text: str) -> ColumnElement[bool] | None:
    return matches_all_terms(text, [Person.name, Person.name_kana, Person.employee_no])


def _queue_order(flt: QueueFilter, minutes: Any) -> list[Any]:
    def directed(column: Any) -> Any:
        return column.desc() if flt.descending else column.asc()

    keys: list[Any] = {
        QueueSort.BODY: [directed(Organization.code)],
        QueueSort.EMPLOYEE_NO: [directed(Person.employee_no)],
        QueueSort.NAME: [directed(Person.name_kana).nulls_last(), directed(Person.name)],
        QueueSort.WEEK: [directed(TimesheetWeek.week_start)],
        QueueSort.MINUTES: [directed(minutes)],
        QueueSort.SUBMITTED_AT: [directed(TimesheetWeek.submitted_at).nulls_last()],
    }[flt.sort]
    return [*keys, Organization.code, Person.employee_no, TimesheetWeek.week_start]


def approval_queue(db: Database, flt: QueueFilter | None = None) -> list[QueuedWeek]:
    """Every week of `flt`'s status (submitted unless it says) matching `flt`, with its total,
    in its order (one query)."""
    flt = flt or QueueFilter()
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
        stmt = (
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
            .where(TimesheetWeek.status == flt.status)
            .order_by(*_queue_order(flt, total))
        )
        if flt.since is not None:
            stmt = stmt.where(TimesheetWeek.week_start >= flt.since)
        if flt.body_id is not None:
            stmt = stmt.where(Organization.id == flt.body_id)
        match = _person_match(flt.text)
        if match is not None:
            stmt = stmt.where(match)
        rows = s.execute(stmt).all()
    return [
        QueuedWeek(w, v, start, at, pid, number, name, code, body_name, int(minutes), flt.status)
        for w, v, start, at, pid, number, name, code, body_name, minutes in rows
    ]


_home = aliased(Organization, name="home")
_sender = aliased(Organization, name="sender")


def _unsubmitted_order(flt: UnsubmittedFilter, monday: Any, minutes: Any, status: Any) -> list[Any]:
    def directed(column: Any) -> Any:
        return column.desc() if flt.descending else column.asc()

    keys: list[Any] = {
        UnsubmittedSort.BODY: [directed(_sender.code)],
        UnsubmittedSort.EMPLOYEE_NO: [directed(Person.employee_no)],
        UnsubmittedSort.NAME: [directed(Person.name_kana).nulls_last(), directed(Person.name)],
        UnsubmittedSort.WEEK: [directed(monday)],
        UnsubmittedSort.MINUTES: [directed(minutes)],
        UnsubmittedSort.STATUS: [directed(status)],
    }[flt.sort]
    return [*keys, Person.employee_no, monday]


def unsubmitted_weeks(
    db: Database, today: date, weeks: int = 8, flt: UnsubmittedFilter | None = None
) -> list[UnsubmittedWeek]:
    """The weeks from `weeks` before `today`'s up to last week that someone employed then has
    not submitted (module's rules), in the filter's order (one query)."""
    flt = flt or UnsubmittedFilter()
    last = week_start_of(today) - timedelta(days=7)
    mondays = [last - timedelta(days=7 * i) for i in range(max(1, weeks))]
    with db.read() as s:
        m = union_all(*(select(literal(d, Date).label("monday")) for d in mondays)).cte("mondays")
        week_end = _days_after(s, m.c.monday, 6)
        overlapping = (
            Secondment.person_id == Person.id,
            Secondment.start_date <= week_end,
            Secondment.not_ended_before(m.c.monday),
        )
        sending = (
            select(Secondment.from_organization_id)
            .where(*overlapping)
            .order_by(Secondment.start_date.desc())
            .limit(1)
            .correlate(Person, m)
            .scalar_subquery()
        )
        minutes = (
            select(func.coalesce(func.sum(TimeEntry.minutes), 0))
            .where(
                TimeEntry.person_id == Person.id,
                TimeEntry.work_date >= m.c.monday,
                TimeEntry.work_date <= week_end,
            )
            .correlate(Person, m)
            .scalar_subquery()
        )
        status = func.coalesce(TimesheetWeek.status, TimeEntryStatus.DRAFT)
        stmt = (
            select(
                Person.id,
                Person.employee_no,
                Person.name,
                m.c.monday,
                minutes,
                status,
                _sender.code,
                _sender.name_ja,
            )
            .select_from(Person)
            .join(_home, _home.id == Person.home_organization_id)
            .join(m, true())
            .join(_sender, _sender.id == func.coalesce(sending, Person.home_organization_id))
            .outerjoin(
                TimesheetWeek,
                and_(TimesheetWeek.person_id == Person.id, TimesheetWeek.week_start == m.c.monday),
            )
            .where(
                or_(_home.kind == OrganizationKind.COMPANY, exists().where(*overlapping)),
                or_(
                    TimesheetWeek.id.is_(None),
                    TimesheetWeek.status.in_([TimeEntryStatus.DRAFT, TimeEntryStatus.RETURNED]),
                ),
            )
            .order_by(*_unsubmitted_order(flt, m.c.monday, minutes, status))
        )
        if flt.body_id is not None:
            stmt = stmt.where(_sender.id == flt.body_id)
        match = _person_match(flt.text)
        if match is not None:
            stmt = stmt.where(match)
        rows = s.execute(stmt).all()
    return [
        UnsubmittedWeek(pid, number, name, monday, int(total), TimeEntryStatus(st), code, body)
        for pid, number, name, monday, total, st, code, body in rows
    ]
