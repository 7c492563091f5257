"""What the approval page reads: the weeks waiting for approval and the weeks not yet
submitted, filtered by sending body and text.

Rules:

- A week runs Monday to Sunday and is named by its Monday (services/timesheet_weeks.py).
- The sending body of a person's week is the body of the secondment that overlaps the week
  (the latest one, should two), else the person's home organization; the body filter keeps
  the weeks whose sending body it is. The text matches the name, its reading or the employee
  number (every term; services/text_fields.py).
- The approval queue is every submitted week, with its total, by sending body, person and
  week unless sorted otherwise (QueueSort: any column, either direction, then body, employee
  number and week); filtered, sorted and summed by the database in one query.
- The weeks not yet submitted are, for the weeks from ``weeks`` back up to last week, every
  person employed on a day of it (company staff, or a secondment overlapping it) whose week
  is neither submitted nor approved, with the hours entered so far, by employee number and
  week; the people are filtered by the database, the hours summed per person and day.
"""

import enum
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select
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


@dataclass(frozen=True)
class UnsubmittedFilter:
    body_id: int | None = None
    text: str = ""


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
    """Every submitted week matching `flt`, with its total, in its order (one query)."""
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
            .where(TimesheetWeek.status == TimeEntryStatus.SUBMITTED)
            .order_by(*_queue_order(flt, total))
        )
        if flt.body_id is not None:
            stmt = stmt.where(Organization.id == flt.body_id)
        match = _person_match(flt.text)
        if match is not None:
            stmt = stmt.where(match)
        rows = s.execute(stmt).all()
    return [
        QueuedWeek(w, v, start, at, pid, number, name, code, body_name, int(minutes))
        for w, v, start, at, pid, number, name, code, body_name, minutes in rows
    ]


_home = aliased(Organization, name="home")
_sender = aliased(Organization, name="sender")


def unsubmitted_weeks(
    db: Database, today: date, weeks: int = 8, flt: UnsubmittedFilter | None = None
) -> list[UnsubmittedWeek]:
    """The weeks from `weeks` before `today`'s up to last week that someone employed then has
    not submitted (module's rules), by person and week."""
    flt = flt or UnsubmittedFilter()
    last = week_start_of(today) - timedelta(days=7)
    first = last - timedelta(days=7 * (weeks - 1))
    end = last + timedelta(days=6)
    mondays = [first + timedelta(days=7 * i) for i in range(weeks)]
    company = _home.kind == OrganizationKind.COMPANY
    stmt = (
        select(
            Person.id,
            Person.employee_no,
            Person.name,
            company,
            Secondment.start_date,
            Secondment.end_date,
            func.coalesce(_sender.code, _home.code),
            func.coalesce(_sender.name_ja, _home.name_ja),
        )
        .join(_home, _home.id == Person.home_organization_id)
        .outerjoin(
            Secondment,
            and_(
                Secondment.person_id == Person.id,
                Secondment.start_date <= end,
                Secondment.not_ended_before(first),
            ),
        )
        .outerjoin(_sender, _sender.id == Secondment.from_organization_id)
        .where(or_(company, Secondment.id.is_not(None)))
        .order_by(Person.employee_no, Secondment.start_date)
    )
    if flt.body_id is not None:
        stmt = stmt.where(
            or_(
                Secondment.from_organization_id == flt.body_id,
                and_(Secondment.id.is_(None), Person.home_organization_id == flt.body_id),
            )
        )
    match = _person_match(flt.text)
    if match is not None:
        stmt = stmt.where(match)
    with db.read() as s:
        people = s.execute(stmt).all()
        done = s.execute(
            select(TimesheetWeek.person_id, TimesheetWeek.week_start, TimesheetWeek.status).where(
                TimesheetWeek.week_start >= first, TimesheetWeek.week_start <= last
            )
        ).all()
        per_day = s.execute(
            select(TimeEntry.person_id, TimeEntry.work_date, func.sum(TimeEntry.minutes))
            .where(TimeEntry.work_date >= first, TimeEntry.work_date <= end)
            .group_by(TimeEntry.person_id, TimeEntry.work_date)
        ).all()
    status = {(p, w): st for p, w, st in done}
    minutes: dict[tuple[int, date], int] = defaultdict(int)
    for pid, day, total in per_day:
        minutes[(pid, week_start_of(day))] += int(total or 0)
    employed: dict[int, tuple[str, str, dict[date, tuple[str, str]]]] = {}
    for pid, number, name, own, start, stop, code, body_name in people:
        _, _, covered = employed.setdefault(pid, (number, name, {}))
        for monday in mondays:
            sunday = monday + timedelta(days=6)
            if own or (start <= sunday and (stop is None or stop >= monday)):
                covered[monday] = (code, body_name)  # the latest secondment's body wins
    out = []
    for pid, (number, name, covered) in employed.items():
        for monday in sorted(covered):
            st = status.get((pid, monday), TimeEntryStatus.DRAFT)
            if st in (TimeEntryStatus.DRAFT, TimeEntryStatus.RETURNED):
                code, body_name = covered[monday]
                out.append(
                    UnsubmittedWeek(
                        pid, number, name, monday, minutes[(pid, monday)], st, code, body_name
                    )
                )
    return out
