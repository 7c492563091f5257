"""Read models of the staffing overview: who is here from where, until when, who pays.

Definitions used here:

- A secondment is active on a date when it started on or before it and has not ended before
  it; an open end lasts forever. Both ends are days of the secondment.
- Headcount of a sending body on a date: its secondments active that day (no person has two).
- FTE: every active secondment counts 1.0, as the model records no part-time share; the
  figure is kept apart from the headcount so that a part-time field can change it later.
- Company-borne salary FTE: the sum of the active secondments' company share of the salary,
  in percent, divided by 100 (a secondment half paid by the company counts 0.50).

Everything is selected, filtered and ordered in SQL; only the result rows come back.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select

from oneaqita.models import Organization, Person, Secondment, SecondmentKind
from oneaqita.services.database import Database
from oneaqita.services.people_queries import active_on

_TWO_PLACES = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class TimelineBar:
    secondment_id: int
    person_id: int
    employee_no: str
    person_name: str
    start: date
    end: date | None  # None: open-ended
    kind: SecondmentKind
    position: str | None


@dataclass(frozen=True)
class TimelineGroup:
    organization_id: int
    code: str
    name_ja: str
    bars: list[TimelineBar] = field(default_factory=list)  # by start, then person


@dataclass(frozen=True, slots=True)
class LeavingRow:
    secondment_id: int
    person_id: int
    employee_no: str
    person_name: str
    from_organization_name: str
    kind: SecondmentKind
    position: str | None
    end: date
    days_left: int  # 0 = leaves today (the end is the last day)


@dataclass(frozen=True, slots=True)
class HeadcountRow:
    organization_id: int | None  # None on the total row
    code: str
    name_ja: str
    headcount: int
    fte: Decimal
    company_salary_fte: Decimal


@dataclass(frozen=True)
class Headcount:
    on: date
    rows: list[HeadcountRow]  # per sending body with anyone active, in code order
    total: HeadcountRow


def secondment_timeline(
    db: Database, start: date, end: date, body_id: int | None = None
) -> list[TimelineGroup]:
    """Secondments with at least one day in [start, end] (from one sending body, or from any),
    grouped by sending body in code order; bodies with none in the window are left out."""
    stmt = (
        select(
            Organization.id,
            Organization.code,
            Organization.name_ja,
            Secondment.id,
            Person.id,
            Person.employee_no,
            Person.name,
            Secondment.start_date,
            Secondment.end_date,
            Secondment.kind,
            Secondment.position,
        )
        .join(Organization, Organization.id == Secondment.from_organization_id)
        .join(Person, Person.id == Secondment.person_id)
        .where(
            Secondment.start_date <= end,
            Secondment.not_ended_before(start),
        )
        .order_by(Organization.code, Secondment.start_date, Person.employee_no)
    )
    if body_id is not None:
        stmt = stmt.where(Secondment.from_organization_id == body_id)
    groups: list[TimelineGroup] = []
    with db.read() as session:
        for org_id, code, name, *bar in session.execute(stmt):
            if not groups or groups[-1].organization_id != org_id:
                groups.append(TimelineGroup(org_id, code, name))
            groups[-1].bars.append(TimelineBar(*bar))
    return groups


def leaving_within(
    db: Database, today: date, days: int = 90, body_id: int | None = None
) -> list[LeavingRow]:
    """Secondments (from one sending body, or from any) whose last day is between `today` and
    `today + days` (both included), soonest first: who leaves soon, so that a successor can be
    asked for in time."""
    stmt = (
        select(
            Secondment.id,
            Person.id,
            Person.employee_no,
            Person.name,
            Organization.name_ja,
            Secondment.kind,
            Secondment.position,
            Secondment.end_date,
        )
        .join(Organization, Organization.id == Secondment.from_organization_id)
        .join(Person, Person.id == Secondment.person_id)
        .where(Secondment.end_date.between(today, today + timedelta(days=days)))
        .order_by(Secondment.end_date, Organization.code, Person.employee_no)
    )
    if body_id is not None:
        stmt = stmt.where(Secondment.from_organization_id == body_id)
    with db.read() as session:
        found = session.execute(stmt).all()
    rows = []
    for sid, pid, employee_no, name, sender, kind, position, end in found:
        assert end is not None  # the BETWEEN leaves no open end
        days_left = (end - today).days
        rows.append(LeavingRow(sid, pid, employee_no, name, sender, kind, position, end, days_left))
    return rows


def sending_bodies(db: Database) -> list[tuple[int, str, str]]:
    """(id, code, name) of every body that has sent someone, in code order."""
    stmt = (
        select(Organization.id, Organization.code, Organization.name_ja)
        .where(Organization.id.in_(select(Secondment.from_organization_id)))
        .order_by(Organization.code)
    )
    with db.read() as session:
        return [(i, c, n) for i, c, n in session.execute(stmt)]


def headcount_by_body(db: Database, on: date) -> Headcount:
    """Headcount, FTE and company-borne salary FTE per sending body on `on`, and their
    totals (see the module's definitions)."""
    stmt = (
        select(
            Organization.id,
            Organization.code,
            Organization.name_ja,
            func.count(Secondment.id),
            func.coalesce(func.sum(Secondment.salary_borne_by_company_pct), 0),
        )
        .join(Organization, Organization.id == Secondment.from_organization_id)
        .where(active_on(Secondment, on))
        .group_by(Organization.id, Organization.code, Organization.name_ja)
        .order_by(Organization.code)
    )
    with db.read() as session:
        found = session.execute(stmt).all()
    rows = [_row(org_id, code, name, int(n), int(pct)) for org_id, code, name, n, pct in found]
    total = _row(
        None,
        "",
        "合計",
        sum(r.headcount for r in rows),
        sum(int(r[4]) for r in found),
    )
    return Headcount(on, rows, total)


def _row(org_id: int | None, code: str, name: str, headcount: int, pct_sum: int) -> HeadcountRow:
    return HeadcountRow(
        org_id,
        code,
        name,
        headcount,
        Decimal(headcount).quantize(_TWO_PLACES),
        (Decimal(pct_sum) / 100).quantize(_TWO_PLACES),
    )
