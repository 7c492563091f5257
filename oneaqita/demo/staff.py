"""Stage 2: people, their qualifications, secondments to the company, and the users.

Secondments run in terms that start in April (or at the founding, or mid-year for a few),
last two or three years and are often renewed; each person's terms follow one another, so
no two of them ever overlap.

The officers (役員): the manager (person 1, an own hire) as 取締役, the first person from
the prefecture and the first from a partner firm seconded both at the end of the last full
fiscal year and on the data set's last day, as
代表取締役社長 and 取締役 (their secondment's 役職 says so). Chosen by rule, not drawn, so
that every other demo value stays as it was.
"""

from __future__ import annotations  # array[int] is not subscriptable before 3.12

import random
from array import array
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Connection, insert, select

from oneaqita.demo.batches import BulkInserter, table_of
from oneaqita.demo.dates import DemoCalendar, at_jst, fiscal_year_end
from oneaqita.demo.names import (
    FAMILY_NAMES,
    GIVEN_NAMES,
    PARTNER_POSITIONS,
    PUBLIC_POSITIONS,
    QUALIFICATIONS,
)
from oneaqita.demo.organizations import OrgIndex
from oneaqita.models import Person, PersonQualification, Role, Secondment, SecondmentKind, User

MIN_PEOPLE = 12
MAX_PEOPLE = 4_000
# Persons 1..4 are the company's own hires: the manager, two coordinators, an office clerk.
COMPANY_STAFF = 4
MAIL_DOMAIN = "example.jp"  # reserved for examples: the demo never mails a real address
FAR_FUTURE = date(2099, 12, 31).toordinal()
# Months (from the data's first April) for which assignable people are indexed; work can be
# planned a little beyond the data set's "today".
INDEX_MONTHS = 28

_STARTS = (  # first secondment: when it starts (None: the founding), and how common that is
    (None, 30),
    (date(2024, 4, 1), 35),
    (date(2024, 7, 1), 5),
    (date(2024, 10, 1), 5),
    (date(2025, 4, 1), 20),
    (date(2025, 10, 1), 5),
)


@dataclass(frozen=True)
class Users:
    user_of_person: dict[int, int]
    manager_user_id: int
    coordinator_user_ids: tuple[int, ...]


@dataclass(frozen=True)
class StaffIndex:
    # Seconded people: their terms as (first day, last day) ordinals, open end = far future.
    periods: dict[int, tuple[tuple[int, int], ...]]
    # Per month since the data's first April, the people seconded for the whole month (for
    # assignments).
    by_month: tuple[array[int], ...]
    users: Users


def people_count(scale: float) -> int:
    """About 150 people at scale 1. People grow with the scale so that the hours do too
    (~100,000 entries per unit of scale: 3,750 people and 2.5 million entries at 25)."""
    return max(MIN_PEOPLE, min(MAX_PEOPLE, round(150 * scale)))


def _weighted(rng: random.Random, pairs: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([p for p, _ in pairs], weights=[w for _, w in pairs])[0]


def _add_months(d: date, months: int) -> date:
    """The first day of the month `months` after d's month."""
    index = d.month - 1 + months
    return date(d.year + index // 12, index % 12 + 1, 1)


def _term_end(cal: DemoCalendar, start: date, years: int) -> date:
    if start == cal.founded:  # the founding wave's terms end with a fiscal year
        return date(start.year + years, 3, 31)
    return _add_months(start, 12 * years) - timedelta(days=1)


Term = tuple[SecondmentKind, date, date | None]


def _terms(cal: DemoCalendar, rng: random.Random, home_is_partner: bool) -> list[Term]:
    """One person's consecutive secondments: each starts the day after the previous ends."""
    if home_is_partner:
        kind = SecondmentKind.PARTNER
    else:
        kind = SecondmentKind.RETIRED if rng.random() < 0.1 else SecondmentKind.ON_ROLL
    first = rng.choices([s for s, _ in _STARTS], weights=[w for _, w in _STARTS])[0]
    start = cal.founded if first is None else cal.shifted(first)
    years = rng.choice((2, 2, 3))
    terms: list[Term] = []
    while True:
        end: date | None = _term_end(cal, start, years)
        if rng.random() < 0.05:  # called back early, at the end of some month
            end = min(_term_end(cal, start, years), _add_months(start, rng.randrange(6, 18)))
            end -= timedelta(days=1)
        if kind is SecondmentKind.RETIRED and rng.random() < 0.3:
            end = None  # 退職派遣 without a fixed end
        terms.append((kind, start, end))
        if end is None or end >= cal.as_of or len(terms) == 3 or rng.random() < 0.45:
            return terms
        start, years = end + timedelta(days=1), rng.choice((1, 2))
        if kind is SecondmentKind.ON_ROLL and rng.random() < 0.15:
            kind = SecondmentKind.RETIRED  # retired from the home body, stays on 退職派遣


def _salary_pct(rng: random.Random, kind: SecondmentKind) -> int:
    if kind is SecondmentKind.RETIRED:
        return 100
    if kind is SecondmentKind.PARTNER:
        return rng.choice((100, 100, 50))
    return rng.choices((0, 50, 100, 30, 70), weights=(50, 20, 25, 2.5, 2.5))[0]


# 月額負担基礎額 by position (pay plus the employer's insurance), in yen: a base and a spread.
MONTHLY_COST = {
    "主事": 400_000,
    "技師": 430_000,
    "主任": 480_000,
    "主任技師": 510_000,
    "主査": 560_000,
    "係長": 610_000,
    "課長補佐": 670_000,
    "課長": 720_000,
    "技術員": 420_000,
    "主任技術員": 520_000,
    "技術課長": 680_000,
    "代表取締役社長": 950_000,
    "取締役": 820_000,
}
PRESIDENT, DIRECTOR = "代表取締役社長", "取締役"


def _monthly_cost(position: str, secondment_id: int) -> int:
    """A believable monthly cost basis for a position, in steps of 1,000 yen up to 30,000
    above the position's base. Drawn from the secondment's id (itself fixed by the seed)
    rather than the shared generator, so adding the column left every other demo value as
    it was."""
    spread = random.Random(secondment_id * 7919).randrange(0, 31) * 1_000
    return MONTHLY_COST.get(position, 450_000) + spread


def load_staff(
    conn: Connection, orgs: OrgIndex, rng: random.Random, scale: float, cal: DemoCalendar
) -> tuple[StaffIndex, dict[str, int]]:
    people, quals, secs = table_of(Person), table_of(PersonQualification), table_of(Secondment)
    out = BulkInserter(conn, [people, quals, secs])
    bodies = orgs.bodies
    # About 30 % of the public servants come from the prefecture, which leads the scheme.
    body_weights = [120.0] + [b.weight**0.7 for b in orgs.municipalities]
    periods: dict[int, tuple[tuple[int, int], ...]] = {}
    months: list[array[int]] = [array("i") for _ in range(INDEX_MONTHS)]
    month_bounds = [_month_bounds(cal.data_start, m) for m in range(INDEX_MONTHS)]
    registered = cal.register_created
    names: dict[int, tuple[str, str]] = {}  # person id → (display name, login stem)
    namesakes: dict[str, int] = {}  # login stem → people with that name so far
    sec_id = 0
    posts = {orgs.prefecture.id: PRESIDENT, **dict.fromkeys(orgs.partner_ids, DIRECTOR)}
    officers_from: set[str] = set()  # the sides whose officer is chosen: one each
    # An officer is in office at the end of the last full fiscal year and on the last day.
    officer_days = (fiscal_year_end(cal.fiscal_years[0]), cal.as_of)
    for pid in range(1, people_count(scale) + 1):
        family, given = rng.choice(FAMILY_NAMES), rng.choice(GIVEN_NAMES)
        stem = f"{family[2]}.{given[2]}"
        namesakes[stem] = namesakes.get(stem, 0) + 1
        local = stem if namesakes[stem] == 1 else f"{stem}{namesakes[stem]}"  # sato.yui2
        names[pid] = (f"{family[0]} {given[0]}", local)
        draw = rng.random()
        if pid <= COMPANY_STAFF or draw < 0.08:
            home = orgs.company_id
        elif draw < 0.2:
            home = rng.choice(orgs.partner_ids)
        else:
            home = rng.choices(bodies, weights=body_weights)[0].id
        terms = [] if home == orgs.company_id else _terms(cal, rng, home in orgs.partner_ids)
        joined = at_jst(terms[0][1] - timedelta(days=14), 9 * 60) if terms else registered
        joined = max(joined, registered)
        post = posts.get(home)
        side = "partner" if home in orgs.partner_ids else "prefecture"
        officer = pid == 1 or (
            post is not None
            and side not in officers_from
            and all(_covered(terms, day) for day in officer_days)
        )
        if officer and pid != 1:
            officers_from.add(side)
        out.add(
            people,
            {
                "id": pid,
                "employee_no": f"E{pid:04d}",
                "name": names[pid][0],
                "name_kana": f"{family[1]} {given[1]}",
                "home_organization_id": home,
                "email": f"{local}@{MAIL_DOMAIN}",
                "phone": f"内線{2000 + pid}",
                "officer": officer,
                "version": 1,
                "created_at": joined,
                "updated_at": joined,
            },
        )
        field_staff = home != orgs.company_id or pid == 1
        for qual, share in QUALIFICATIONS:
            if rng.random() < (share if field_staff else share / 4):
                out.add(quals, {"person_id": pid, "name": qual})
        positions = PARTNER_POSITIONS if home in orgs.partner_ids else PUBLIC_POSITIONS
        position = _weighted(rng, positions)
        if officer and post is not None:
            position = post
        for kind, start, end in terms:
            sec_id += 1
            stamp = max(at_jst(start - timedelta(days=10), 10 * 60), registered)
            out.add(
                secs,
                {
                    "id": sec_id,
                    "person_id": pid,
                    "from_organization_id": home,
                    "kind": kind.value,
                    "start_date": start,
                    "end_date": end,
                    "position": position,
                    "salary_borne_by_company_pct": _salary_pct(rng, kind),
                    "monthly_cost_yen": _monthly_cost(position, sec_id),
                    "version": 1,
                    "created_at": stamp,
                    "updated_at": stamp,
                },
            )
        if terms:
            spans = tuple((s.toordinal(), e.toordinal() if e else FAR_FUTURE) for _, s, e in terms)
            periods[pid] = spans
            for m, (first, last) in enumerate(month_bounds):
                if any(s <= first and last <= e for s, e in spans):
                    months[m].append(pid)
    out.close()
    users, user_count = _load_users(conn, names, periods, cal)
    counts = dict(out.counts)
    counts["users"] = user_count
    return StaffIndex(periods, tuple(months), users), counts


def _covered(terms: list[Term], day: date) -> bool:
    return any(s <= day and (e is None or e >= day) for _, s, e in terms)


def _month_bounds(data_start: date, m: int) -> tuple[int, int]:
    first = _add_months(data_start, m)
    return first.toordinal(), _add_months(first, 1).toordinal() - 1


def _load_users(
    conn: Connection,
    names: dict[int, tuple[str, str]],
    periods: dict[int, tuple[tuple[int, int], ...]],
    cal: DemoCalendar,
) -> tuple[Users, int]:
    """The demo's users. The command line may already have made the desktop user; a login
    that exists is reused, never duplicated, and new ids follow the existing ones."""
    users = table_of(User)
    existing = {login: uid for uid, login in conn.execute(select(User.id, User.login))}
    next_id = max(existing.values(), default=0)
    specs: list[tuple[str, str, Role, int | None]] = [
        ("admin", "管理者", Role.ADMIN, None),
        ("manager", names[1][0], Role.MANAGER, 1),
        ("coordinator1", names[2][0], Role.COORDINATOR, 2),
        ("coordinator2", names[3][0], Role.COORDINATOR, 3),
    ]
    today = cal.today.toordinal()
    current = [p for p, spans in periods.items() if any(s <= today <= e for s, e in spans)]
    for pid in current[: max(3, min(30, len(periods) // 10))]:
        specs.append((names[pid][1], names[pid][0], Role.SECONDED, pid))
    ids: dict[str, int] = {}
    user_of_person: dict[int, int] = {}
    rows = []
    for login, display, role, person_id in specs:
        if login in existing:
            ids[login] = existing[login]
            continue
        next_id += 1
        ids[login] = next_id
        if person_id is not None:
            user_of_person[person_id] = next_id
        rows.append(
            {
                "id": next_id,
                "login": login,
                "display_name": display,
                "role": role.value,
                "person_id": person_id,
                "password_hash": None,
                "active": True,
                "version": 1,
                "created_at": cal.register_created,
                "updated_at": cal.register_created,
            }
        )
    if rows:
        conn.execute(insert(users), rows)
    conn.commit()
    coordinators = (ids["coordinator1"], ids["coordinator2"])
    return Users(user_of_person, ids["manager"], coordinators), len(rows)
