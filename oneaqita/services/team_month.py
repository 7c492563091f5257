"""The team month (チーム月表): hours per person and day of one calendar month, by sending body,
with each person's days of employment and the month's working days, so that the gaps show.

Definitions:

- The month is a calendar month, its first to its last day.
- Who is listed: everybody employed on a day of the month (the company's own staff, whose
  home organization is the company; or a secondment overlapping the month), and anybody with
  hours in the month (hours outside an employment still show); by employee number.
- The sending body shown is the body of the latest secondment overlapping the month, else the
  person's home organization. The body filter keeps the people whose home organization it is
  or who are seconded from it during the month (the schedule's rule,
  services/schedule_queries.py); the text matches name, reading or employee number (every
  term).
- Hours: every entry of the day whatever its status (入力中, 提出済, 承認済, 差戻し), summed per
  person and day by the database (one GROUP BY person, day).
- Employment days: company staff every day of the month; seconded staff the days inside one
  of their secondments (started on or before the day, not ended before it), the rule of
  services/assignee_eligibility.py applied day by day.
- Working days: oneaqita/workdays.py (Monday to Friday, no national holiday, not 12/29–1/3).
- A gap is a working day inside the employment, before ``today`` (today's hours are not due
  yet; None: the whole month is due), without hours (no entry, or only 0 minutes).
- The totals per person, per day and for the month are sums of the people listed.
"""

import calendar
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, func, or_, select
from sqlalchemy.orm import aliased

from oneaqita.models import Organization, OrganizationKind, Person, Secondment, TimeEntry
from oneaqita.services.database import Database
from oneaqita.services.text_fields import matches_all_terms
from oneaqita.workdays import is_working_day

__all__ = ["TeamMember", "TeamMonth", "month_of", "team_month"]


@dataclass(frozen=True, slots=True)
class TeamMember:
    person_id: int
    employee_no: str
    name: str
    body_code: str
    body_name: str
    minutes: Mapping[date, int]  # the days with entries
    employed: frozenset[date]  # the days of the month inside the employment
    gaps: frozenset[date]  # working days employed, due, without hours
    total: int


@dataclass(frozen=True)
class TeamMonth:
    first: date
    last: date
    working: frozenset[date]
    members: tuple[TeamMember, ...]
    day_totals: Mapping[date, int]  # the days with hours
    total: int

    @property
    def days(self) -> tuple[date, ...]:
        return tuple(self.first + timedelta(days=i) for i in range(self.last.day))


def month_of(day: date) -> tuple[date, date]:
    """The first and last day of `day`'s calendar month."""
    return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])


_home = aliased(Organization, name="home")
_body = aliased(Organization, name="body")


def _seconded(first: date, last: date) -> ColumnElement[bool]:
    return and_(
        Secondment.person_id == Person.id,
        Secondment.start_date <= last,
        Secondment.not_ended_before(first),
    )


def _people_where(first: date, last: date, body_id: int | None, text: str) -> ColumnElement[bool]:
    # Correlated to the person only: these also run inside the IN (…) of the queries over
    # time entries and secondments, which must not be taken for their own rows.
    has_hours = (
        exists()
        .where(
            TimeEntry.person_id == Person.id,
            TimeEntry.work_date >= first,
            TimeEntry.work_date <= last,
        )
        .correlate(Person)
    )
    cond = or_(
        _home.kind == OrganizationKind.COMPANY,
        exists().where(_seconded(first, last)).correlate(Person),
        has_hours,
    )
    if body_id is not None:
        cond = and_(
            cond,
            or_(
                Person.home_organization_id == body_id,
                exists()
                .where(_seconded(first, last), Secondment.from_organization_id == body_id)
                .correlate(Person),
            ),
        )
    match = matches_all_terms(text, [Person.name, Person.name_kana, Person.employee_no])
    return cond if match is None else and_(cond, match)


def _people(
    first: date, last: date, where: ColumnElement[bool]
) -> Select[int, str, str, str, str, bool]:
    sending = (
        select(Secondment.from_organization_id)
        .where(_seconded(first, last))
        .order_by(Secondment.start_date.desc())
        .limit(1)
        .correlate(Person)
        .scalar_subquery()
    )
    return (
        select(
            Person.id,
            Person.employee_no,
            Person.name,
            _body.code,
            _body.name_ja,
            _home.kind == OrganizationKind.COMPANY,
        )
        .join(_home, _home.id == Person.home_organization_id)
        .join(_body, _body.id == func.coalesce(sending, Person.home_organization_id))
        .where(where)
        .order_by(Person.employee_no)
    )


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def team_month(
    db: Database,
    month: date,
    body_id: int | None = None,
    text: str = "",
    today: date | None = None,
) -> TeamMonth:
    """The team month of the month holding `month`, for one sending body or all (module's
    rules): three queries, the hours summed by the database."""
    first, last = month_of(month)
    where = _people_where(first, last, body_id, text)
    filtered = body_id is not None or bool(text.strip())
    listed = select(Person.id).join(_home, _home.id == Person.home_organization_id).where(where)
    hours = (
        select(TimeEntry.person_id, TimeEntry.work_date, func.sum(TimeEntry.minutes))
        .where(TimeEntry.work_date >= first, TimeEntry.work_date <= last)
        .group_by(TimeEntry.person_id, TimeEntry.work_date)
    )
    stays = select(Secondment.person_id, Secondment.start_date, Secondment.end_date).where(
        Secondment.start_date <= last, Secondment.not_ended_before(first)
    )
    if filtered:  # everybody with hours is listed anyway when nothing is filtered
        hours = hours.where(TimeEntry.person_id.in_(listed))
        stays = stays.where(Secondment.person_id.in_(listed))
    with db.read() as s:
        people = s.execute(_people(first, last, where)).all()
        per_day = s.execute(hours).all()
        secondments = s.execute(stays).all()
    minutes: dict[int, dict[date, int]] = {}
    for pid, day, total in per_day:
        minutes.setdefault(pid, {})[_as_date(day)] = int(total or 0)
    month_days = [first + timedelta(days=i) for i in range(last.day)]
    seconded: dict[int, set[date]] = {}
    for pid, start, end in secondments:
        inside = seconded.setdefault(pid, set())
        inside.update(d for d in month_days if start <= d and (end is None or d <= end))
    working = frozenset(d for d in month_days if is_working_day(d))
    due = frozenset(d for d in working if today is None or d < today)
    members = []
    for pid, number, name, body_code, body_name, company in people:
        days = minutes.get(pid, {})
        employed = frozenset(month_days) if company else frozenset(seconded.get(pid, ()))
        gaps = frozenset(d for d in due & employed if not days.get(d))
        members.append(
            TeamMember(
                pid, number, name, body_code, body_name, days, employed, gaps, sum(days.values())
            )
        )
    day_totals: dict[date, int] = {}
    for member in members:
        for day, value in member.minutes.items():
            day_totals[day] = day_totals.get(day, 0) + value
    return TeamMonth(
        first, last, working, tuple(members), day_totals, sum(m.total for m in members)
    )
