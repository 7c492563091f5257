"""The secondment settlement (派遣負担金精算) of one month, per sending body, as plain data.

Definitions (the PDF, the CSV and the README say the same):

- **Who is listed**: every secondment from the body whose period overlaps the month (start on
  or before the month's last day, end none or on or after its first day), one line each, by
  employee number and start. A body is listed when it has such a line, or when it had a
  secondment earlier in the fiscal year (its year to date is then still owed).
- **Days and hours**: the person's time entries dated inside both the month and the
  secondment. Entries of every status count except 差戻し (returned: sent back by a manager to
  be corrected, so not hours anyone stands by); 入力中 and 提出済 count as recorded, and the
  hours already approved (承認済) are shown beside. Days worked = distinct dates with more
  than 0 minutes. Hours inform the body; the amount does not depend on them.
- **Amount (当社負担額)**: what the company owes the sending body for the month, its share of
  the person's monthly cost basis (月額負担基礎額: pay plus the employer's insurance):
  ``floor(monthly_cost_yen × salary_borne_by_company_pct × seconded_days / (100 × days_in_month))``
  where seconded_days are the calendar days of the month inside the secondment (the whole
  month: the fraction is 1, so a full month is exactly cost × pct / 100 rounded down to the
  yen). 0 % gives 0. A secondment without a cost basis has no amount (None) and is flagged;
  the body's total then leaves it out and says how many are missing.
- **Year to date (年度累計)**: per line, the amounts of that secondment for each month from
  the start of the fiscal year (1 April, oneaqita/fiscal.py) through this month; per body,
  the amounts of all its secondments over the same months (one that ended earlier in the
  year included). A year to date touching a month without a cost basis is None.
- Everything over time entries is aggregated by the database (one GROUP BY per report);
  Python only computes the amounts of the few hundred secondments.
- Managers and administrators read it (Action.READ_SETTLEMENT), registered users only.
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from oneaqita.errors import NotFound
from oneaqita.fiscal import fiscal_year, fiscal_year_range
from oneaqita.labels import label
from oneaqita.models import (
    Organization,
    Person,
    Secondment,
    SecondmentKind,
    TimeEntry,
    TimeEntryStatus,
)
from oneaqita.permissions import Action, requires
from oneaqita.services.actor import Actor
from oneaqita.services.database import Database
from oneaqita.services.text_fields import reference_text
from oneaqita.services.users import require_registered

__all__ = [
    "COUNTED_NOTE",
    "HOURS_NOTE",
    "BodySettlement",
    "Settlement",
    "SettlementLine",
    "month_amount",
    "month_range",
    "organization_id",
    "settlement_figures",
]

HOURS_NOTE = (
    "時間は、差戻しを除く全ての記録（入力中・提出済・承認済）を集計しています。"
    "「うち承認済」はそのうち承認済みの時間です。"
)
COUNTED_NOTE = (
    HOURS_NOTE + "当社負担額 = 月額負担基礎額 × 会社負担割合 ÷ 100 × 当月の派遣日数"
    " ÷ 当月の日数（円未満切捨て）。"
)
NOT_COUNTED = TimeEntryStatus.RETURNED


@dataclass(frozen=True, slots=True)
class SettlementLine:
    employee_no: str
    name: str
    kind: SecondmentKind
    kind_label: str  # 在籍派遣 / 退職派遣 / 出向
    position: str | None
    start: date
    end: date | None
    seconded_days: int  # calendar days of the month inside the secondment
    month_days: int
    days_worked: int
    minutes: int
    approved_minutes: int
    monthly_cost_yen: int | None
    pct: int
    amount_yen: int | None  # None: no cost basis (flagged)
    ytd_yen: int | None

    @property
    def missing_cost(self) -> bool:
        return self.monthly_cost_yen is None


@dataclass(frozen=True, slots=True)
class BodySettlement:
    code: str
    name: str
    lines: tuple[SettlementLine, ...]
    minutes: int
    approved_minutes: int
    days_worked: int
    amount_yen: int  # the lines with a cost basis
    ytd_yen: int  # every secondment of the body in the fiscal year, known amounts
    missing_cost: int  # lines of the month without a cost basis
    ytd_incomplete: bool  # some month of the year to date had no cost basis


@dataclass(frozen=True, slots=True)
class Settlement:
    month: date  # the first day
    last_day: date
    fiscal_year: int
    bodies: tuple[BodySettlement, ...]

    @property
    def amount_yen(self) -> int:
        return sum(b.amount_yen for b in self.bodies)


def month_range(month: date) -> tuple[date, date]:
    first = month.replace(day=1)
    return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])


def month_amount(
    cost: int | None, pct: int, start: date, end: date | None, month: date
) -> tuple[int | None, int]:
    """(amount in yen or None without a cost basis, seconded days) of one secondment in the
    month containing ``month`` (see the module docstring)."""
    first, last = month_range(month)
    inside = (min(last, end or last) - max(first, start)).days + 1
    days = max(inside, 0)
    if cost is None:
        return None, days
    return cost * pct * days // (100 * last.day), days


def _months(fy_start: date, last: date) -> list[date]:
    months, m = [], fy_start
    while m <= last:
        months.append(m)
        m = (m.replace(day=28) + timedelta(days=4)).replace(day=1)
    return months


def _ytd(s: Any, months: list[date]) -> int | None:
    total = 0
    for m in months:
        amount, days = month_amount(
            s.monthly_cost_yen, s.salary_borne_by_company_pct, s.start_date, s.end_date, m
        )
        if days and amount is None:
            return None
        total += amount or 0
    return total


Worked = tuple[int, int, int]  # days worked, minutes, approved minutes


def _hours(session: Session, first: date, last: date, body_id: int | None) -> dict[int, Worked]:
    """secondment id → (days worked, minutes, approved minutes) of the secondments of the
    month (of one body): one GROUP BY."""
    te = TimeEntry
    stmt = (
        select(
            Secondment.id,
            func.count(func.distinct(case((te.minutes > 0, te.work_date)))),
            func.coalesce(func.sum(te.minutes), 0),
            func.coalesce(
                func.sum(case((te.status == TimeEntryStatus.APPROVED, te.minutes), else_=0)), 0
            ),
        )
        .join(
            te,
            and_(
                te.person_id == Secondment.person_id,
                te.work_date >= first,
                te.work_date <= last,
                te.work_date >= Secondment.start_date,
                or_(Secondment.end_date.is_(None), te.work_date <= Secondment.end_date),
                te.status != NOT_COUNTED,
            ),
        )
        .where(
            Secondment.start_date <= last,
            Secondment.not_ended_before(first),
        )
        .group_by(Secondment.id)
    )
    if body_id is not None:
        stmt = stmt.where(Secondment.from_organization_id == body_id)
    return {
        sid: (days, minutes, approved) for sid, days, minutes, approved in session.execute(stmt)
    }


def organization_id(session: Session, code: str) -> int:
    # Read as typed references are: a control character is refused, naming the field.
    given = reference_text(code, "body", "団体コード", "Organization code")
    found = given and session.scalar(select(Organization.id).where(Organization.code == given))
    if not found:
        raise NotFound(
            f"団体コード {given!r} の団体が登録されていません。",
            f"No organization with the code {given!r}.",
        )
    return found


@requires(Action.READ_SETTLEMENT)
def settlement_figures(
    db: Database, actor: Actor, month: date, body_code: str | None = None
) -> Settlement:
    """The settlement of the month containing ``month``, for every sending body or only the
    one whose code is ``body_code`` (NotFound when there is none)."""
    require_registered(actor)
    first, last = month_range(month)
    fy = fiscal_year(first)
    fy_start = fiscal_year_range(fy)[0]
    months = _months(fy_start, first)
    with db.read() as session:
        stmt = (
            select(
                Secondment.id,
                Secondment.kind,
                Secondment.start_date,
                Secondment.end_date,
                Secondment.position,
                Secondment.salary_borne_by_company_pct,
                Secondment.monthly_cost_yen,
                Person.employee_no,
                Person.name,
                Organization.code,
                Organization.name_ja,
            )
            .join(Person, Person.id == Secondment.person_id)
            .join(Organization, Organization.id == Secondment.from_organization_id)
            .where(
                Secondment.start_date <= last,
                Secondment.not_ended_before(fy_start),
            )
            .order_by(Organization.code, Person.employee_no, Secondment.start_date)
        )
        body_id = None if body_code is None else organization_id(session, body_code)
        if body_id is not None:
            stmt = stmt.where(Secondment.from_organization_id == body_id)
        rows = session.execute(stmt).all()
        hours = _hours(session, first, last, body_id)
        bodies: dict[str, tuple[str, list[SettlementLine], list[int | None]]] = {}
        for s in rows:
            employee_no, name, code, body_name = s.employee_no, s.name, s.code, s.name_ja
            _, lines, ytds = bodies.setdefault(code, (body_name, [], []))
            ytd = _ytd(s, months)
            ytds.append(ytd)
            if s.end_date is not None and s.end_date < first:
                continue
            amount, days = month_amount(
                s.monthly_cost_yen, s.salary_borne_by_company_pct, s.start_date, s.end_date, first
            )
            worked, minutes, approved = hours.get(s.id, (0, 0, 0))
            lines.append(
                SettlementLine(
                    employee_no,
                    name,
                    s.kind,
                    label(s.kind),
                    s.position,
                    s.start_date,
                    s.end_date,
                    days,
                    last.day,
                    worked,
                    minutes,
                    approved,
                    s.monthly_cost_yen,
                    s.salary_borne_by_company_pct,
                    amount,
                    ytd,
                )
            )
    bodies_out = tuple(_body(code, *v) for code, v in bodies.items())
    return Settlement(first, last, fy, bodies_out)


def _body(
    code: str, name: str, lines: list[SettlementLine], ytds: list[int | None]
) -> BodySettlement:
    return BodySettlement(
        code,
        name,
        tuple(lines),
        sum(x.minutes for x in lines),
        sum(x.approved_minutes for x in lines),
        sum(x.days_worked for x in lines),
        sum(x.amount_yen or 0 for x in lines),
        sum(y or 0 for y in ytds),
        sum(1 for x in lines if x.amount_yen is None),
        any(y is None for y in ytds),
    )
