"""The monthly hours report (月間作業時間) per person, as plain data.

For each person: one row per work order (number and title) or overhead category (研修, 事務,
移動, 休暇) the person logged against in the month, the minutes per day of the month, and the
totals per row, per day and for the month.

- Entries of every status count except 差戻し (returned), as in the settlement
  (settlement_figures.COUNTED_NOTE); the approved minutes are totalled beside.
- One person (by employee number; NotFound when there is none; a section, empty, even in a
  month without hours) or everyone with counted hours in the month, one section each, by
  employee number.
- Of one sending body (by code; NotFound when there is none): the people with a secondment
  from it overlapping the month.
- Summed by the database: one GROUP BY person, day, work order and category.
- Any registered user reads it (Action.READ_LISTS), as the other reports.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func, select

from oneaqita.errors import NotFound
from oneaqita.labels import label
from oneaqita.models import (
    OverheadCategory,
    Person,
    Secondment,
    TimeEntry,
    TimeEntryStatus,
    WorkOrder,
)
from oneaqita.permissions import Action, requires
from oneaqita.reports.settlement_figures import NOT_COUNTED, month_range, organization_id
from oneaqita.services.actor import Actor
from oneaqita.services.database import Database
from oneaqita.services.text_fields import reference_text
from oneaqita.services.users import require_registered

__all__ = ["HoursRow", "MonthlyHours", "PersonHours", "hours_figures"]


@dataclass(frozen=True, slots=True)
class HoursRow:
    work_order: str | None  # the order's number; None for a category
    title: str  # the order's title, or the category's word
    category: OverheadCategory | None
    minutes_by_day: tuple[int, ...]  # index 0 = the 1st
    minutes: int


@dataclass(frozen=True, slots=True)
class PersonHours:
    employee_no: str
    name: str
    rows: tuple[HoursRow, ...]  # work orders by number, then the categories
    minutes_by_day: tuple[int, ...]
    minutes: int
    approved_minutes: int
    days_worked: int


@dataclass(frozen=True, slots=True)
class MonthlyHours:
    month: date
    last_day: date
    people: tuple[PersonHours, ...]


@requires(Action.READ_LISTS)
def hours_figures(
    db: Database,
    actor: Actor,
    month: date,
    employee_no: str | None = None,
    body_code: str | None = None,
) -> MonthlyHours:
    """The hours of the month containing ``month``: of the person ``employee_no``, or of
    everyone with hours in it; only of those seconded from ``body_code`` in it when given."""
    require_registered(actor)
    first, last = month_range(month)
    te = TimeEntry
    with db.read() as session:
        stmt = (
            select(
                Person.employee_no,
                Person.name,
                te.work_date,
                WorkOrder.number,
                WorkOrder.title,
                te.category,
                func.sum(te.minutes),
                func.sum(case((te.status == TimeEntryStatus.APPROVED, te.minutes), else_=0)),
            )
            .join(Person, Person.id == te.person_id)
            .outerjoin(WorkOrder, WorkOrder.id == te.work_order_id)
            .where(te.work_date >= first, te.work_date <= last, te.status != NOT_COUNTED)
            .group_by(
                Person.employee_no,
                Person.name,
                te.work_date,
                WorkOrder.number,
                WorkOrder.title,
                te.category,
            )
        )
        if body_code is not None:
            body_id = organization_id(session, body_code)
            stmt = stmt.where(
                te.person_id.in_(
                    select(Secondment.person_id).where(
                        Secondment.from_organization_id == body_id,
                        Secondment.start_date <= last,
                        Secondment.not_ended_before(first),
                    )
                )
            )
        name_of: dict[str, str] = {}
        if employee_no is not None:
            given = reference_text(employee_no, "person", "職員番号", "Employee no.")
            person = (
                given
                and session.execute(
                    select(Person.employee_no, Person.name).where(Person.employee_no == given)
                ).first()
            )
            if not person:
                raise NotFound(
                    f"職員番号 {given!r} の職員が登録されていません。",
                    f"No person with employee no. {given!r}.",
                )
            name_of[person[0]] = person[1]
            stmt = stmt.where(Person.employee_no == employee_no)
        grouped = session.execute(stmt).all()
    cells: dict[str, dict[tuple[str | None, str, OverheadCategory | None], list[int]]] = (
        defaultdict(dict)
    )
    approved: dict[str, int] = defaultdict(int)
    for no, name, day, number, title, category, minutes, ok in grouped:
        name_of[no] = name
        key = (number, title if number else label(category), category)
        cells[no].setdefault(key, [0] * last.day)[day.day - 1] += minutes
        approved[no] += ok
    people = [
        _person(no, name_of[no], cells.get(no, {}), approved[no], last.day)
        for no in sorted(name_of)
    ]
    return MonthlyHours(first, last, tuple(people))


def _person(
    no: str,
    name: str,
    cells: dict[tuple[str | None, str, OverheadCategory | None], list[int]],
    approved: int,
    days: int,
) -> PersonHours:
    order = list(OverheadCategory)
    keys = sorted(
        cells,
        key=lambda k: (k[0] is None, k[0] or "", order.index(k[2]) if k[2] else 0),
    )
    rows = tuple(HoursRow(k[0], k[1], k[2], tuple(cells[k]), sum(cells[k])) for k in keys)
    by_day = tuple(sum(r.minutes_by_day[i] for r in rows) for i in range(days))
    return PersonHours(
        no, name, rows, by_day, sum(by_day), approved, sum(1 for m in by_day if m > 0)
    )
