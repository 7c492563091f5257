"""会社概要 and 職員の状況 of the report to the shareholders: the company's particulars, the
shareholder register with the public and the partner side, and the staff by origin.

Definitions:

- The particulars the database does not hold (所在地, 設立日, 事業開始) are the public
  record's (DESIGN.md, "What the public record says"); the name is the company's
  organization; 資本金 and the register are services/shareholders.py's, as of the period's
  standing day (ReportPeriod.as_of).
- The sides: the public side is the prefecture and the municipalities, the partner side the
  partner firms. Their percentages are the sides' shares over all shares by the register's
  largest-remainder rule (ownership_percentages), so they add up to exactly 100.00 %.
- 職員の状況 on a day: every secondment active that day, by origin — 県派遣 (from the
  prefecture), 市町村派遣 (from a city, town or village), 民間出向 (from a partner firm) —
  and by kind (在籍派遣, 退職派遣, 出向); 固有職員 (own hires) are the people whose home is
  the company and who were registered by the end of that day (Japan time). Each origin is
  split into officers (役員: the person's ``officer`` flag, whichever body sent them) and
  staff (職員). The same day a year earlier beside it, officers and staff apart too; the flag
  is the person's as it stands now (the data keeps no history of it).
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from oneaqita.models import (
    Organization,
    OrganizationKind,
    Person,
    Secondment,
    SecondmentKind,
)
from oneaqita.services.database import Database
from oneaqita.services.people_queries import active_on
from oneaqita.services.shareholders import Register, ownership_percentages, shareholder_register

__all__ = [
    "FOUNDED",
    "LOCATION",
    "ORIGINS",
    "STARTED",
    "CompanyProfile",
    "RegisterSide",
    "StaffFigures",
    "StaffRow",
    "company_profile",
    "staff_figures",
]

FOUNDED = date(2023, 11, 20)
STARTED = date(2023, 12, 1)
LOCATION = "秋田県秋田市"
BUSINESS = (
    "下水道事業に関する経営戦略策定支援、ストックマネジメント計画策定、経営分析、"
    "資産管理・台帳管理、調書作成、積算、工事監督、設計照査、各種協議、業務モニタリング"
)
_JST = timezone(timedelta(hours=9), "JST")

PREFECTURE_ORIGIN, MUNICIPAL_ORIGIN, PARTNER_ORIGIN, OWN_ORIGIN = (
    "県派遣",
    "市町村派遣",
    "民間出向",
    "固有職員",
)
ORIGINS = (PREFECTURE_ORIGIN, MUNICIPAL_ORIGIN, PARTNER_ORIGIN, OWN_ORIGIN)
_ORIGIN_OF_KIND = {
    OrganizationKind.PREFECTURE: PREFECTURE_ORIGIN,
    OrganizationKind.CITY: MUNICIPAL_ORIGIN,
    OrganizationKind.TOWN: MUNICIPAL_ORIGIN,
    OrganizationKind.VILLAGE: MUNICIPAL_ORIGIN,
    OrganizationKind.PARTNER: PARTNER_ORIGIN,
}
KINDS = (SecondmentKind.ON_ROLL, SecondmentKind.RETIRED, SecondmentKind.PARTNER)


@dataclass(frozen=True, slots=True)
class RegisterSide:
    label: str  # 県, 市町村 (25団体), 公共計, 民間
    holders: int
    shares: int
    capital_yen: int
    percent: Decimal


@dataclass(frozen=True)
class CompanyProfile:
    name: str
    location: str
    founded: date
    started: date
    business: str
    register: Register
    sides: tuple[RegisterSide, ...]  # the prefecture, the municipalities, public, partners

    @property
    def capital_yen(self) -> int:
        return self.register.total_capital_yen

    @property
    def public(self) -> RegisterSide:
        return self.sides[2]


def _company_name(session: Session) -> str:
    name = session.scalar(
        select(Organization.name_ja)
        .where(Organization.kind == OrganizationKind.COMPANY)
        .order_by(Organization.code)
        .limit(1)
    )
    return name or "株式会社ONE・AQITA"


def company_profile(db: Database, on: date) -> CompanyProfile:
    """The particulars and the register on ``on`` (the module's definitions)."""
    register = shareholder_register(db, on)
    with db.read() as session:
        name = _company_name(session)
    groups: dict[str, list[int]] = {"pref": [0, 0, 0], "muni": [0, 0, 0], "partner": [0, 0, 0]}
    for row in register.rows:
        if row.kind is OrganizationKind.PREFECTURE:
            side = "pref"
        elif row.kind.is_public_body:
            side = "muni"
        else:
            side = "partner"
        g = groups[side]
        g[0], g[1], g[2] = g[0] + 1, g[1] + row.shares, g[2] + row.capital_yen
    pref, muni, partner = groups["pref"], groups["muni"], groups["partner"]
    pcts = ownership_percentages([pref[1], muni[1], partner[1]])
    public_pct = ownership_percentages([pref[1] + muni[1], partner[1]])[0]
    sides = (
        RegisterSide("県", pref[0], pref[1], pref[2], pcts[0]),
        RegisterSide(f"市町村 ({muni[0]}団体)", muni[0], muni[1], muni[2], pcts[1]),
        RegisterSide(
            "公共側 計", pref[0] + muni[0], pref[1] + muni[1], pref[2] + muni[2], public_pct
        ),
        RegisterSide("民間側 計", partner[0], partner[1], partner[2], pcts[2]),
    )
    return CompanyProfile(name, LOCATION, FOUNDED, STARTED, BUSINESS, register, sides)


@dataclass(frozen=True, slots=True)
class StaffRow:
    origin: str
    by_kind: tuple[int, int, int]  # 在籍派遣, 退職派遣, 出向 (own hires: all 0)
    total: int
    previous_total: int
    officers: int = 0  # 役員 among ``total``
    previous_officers: int = 0

    @property
    def staff(self) -> int:
        """職員: the row's people who are not officers."""
        return self.total - self.officers

    @property
    def previous_staff(self) -> int:
        return self.previous_total - self.previous_officers


@dataclass(frozen=True)
class StaffFigures:
    on: date
    previous_on: date
    rows: tuple[StaffRow, ...]  # ORIGINS order

    @property
    def total(self) -> int:
        return sum(r.total for r in self.rows)

    @property
    def previous_total(self) -> int:
        return sum(r.previous_total for r in self.rows)

    @property
    def officers(self) -> int:
        return sum(r.officers for r in self.rows)

    @property
    def previous_officers(self) -> int:
        return sum(r.previous_officers for r in self.rows)

    def kind_total(self, index: int) -> int:
        """The people of one kind (0 在籍派遣, 1 退職派遣, 2 出向) over every origin."""
        return sum(r.by_kind[index] for r in self.rows)


Counts = dict[tuple[str, SecondmentKind | None, bool], int]


def _counts(session: Session, on: date) -> Counts:
    """People on ``on`` by (origin, secondment kind or None for own hires, officer)."""
    stmt = (
        select(Organization.kind, Secondment.kind, Person.officer, func.count())
        .select_from(Secondment)
        .join(Organization, Organization.id == Secondment.from_organization_id)
        .join(Person, Person.id == Secondment.person_id)
        .where(active_on(Secondment, on))
        .group_by(Organization.kind, Secondment.kind, Person.officer)
    )
    out: Counts = {}
    for org_kind, kind, officer, n in session.execute(stmt):
        origin = _ORIGIN_OF_KIND.get(OrganizationKind(org_kind))
        if origin is not None:
            key: tuple[str, SecondmentKind | None, bool] = (
                origin,
                SecondmentKind(kind),
                bool(officer),
            )
            out[key] = out.get(key, 0) + int(n)
    end_of_day = datetime.combine(on + timedelta(days=1), time(), _JST)
    own = session.execute(
        select(Person.officer, func.count())
        .join(Organization, Organization.id == Person.home_organization_id)
        .where(Organization.kind == OrganizationKind.COMPANY, Person.created_at < end_of_day)
        .group_by(Person.officer)
    )
    for officer, n in own:
        out_key: tuple[str, SecondmentKind | None, bool] = (OWN_ORIGIN, None, bool(officer))
        out[out_key] = out.get(out_key, 0) + int(n)
    return out


def _sum(counts: Counts, origin: str, officers_only: bool = False) -> int:
    return sum(
        n for (o, _, officer), n in counts.items() if o == origin and (officer or not officers_only)
    )


def staff_figures(db: Database, on: date) -> StaffFigures:
    """The staff by origin and kind, officers and staff apart, on ``on`` and a year earlier
    (the module's definitions)."""
    previous_on = _year_earlier(on)
    with db.read() as session:
        now, before = _counts(session, on), _counts(session, previous_on)
    rows = []
    for origin in ORIGINS:
        kinds = [sum(now.get((origin, k, o), 0) for o in (False, True)) for k in KINDS]
        rows.append(
            StaffRow(
                origin,
                (kinds[0], kinds[1], kinds[2]),
                _sum(now, origin),
                _sum(before, origin),
                _sum(now, origin, officers_only=True),
                _sum(before, origin, officers_only=True),
            )
        )
    return StaffFigures(on, previous_on, tuple(rows))


def _year_earlier(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)
