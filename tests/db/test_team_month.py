"""The team month: hours per person and day, employment days, working days and gaps of one
month, against hand-computed cases (November 2026: 30 days, 19 working days — 11/3 文化の日
and 11/23 勤労感謝の日 are holidays)."""

from datetime import date

import pytest

from oneaqita.models import (
    Organization,
    OrganizationKind,
    OverheadCategory,
    Person,
    Secondment,
    SecondmentKind,
    TimeEntry,
)
from oneaqita.services.actor import SYSTEM_ACTOR
from oneaqita.services.database import Database
from oneaqita.services.team_month import TeamMember, month_of, team_month
from oneaqita.services.time_entries import Cell, save_cell
from tests.timesheet_builders import Company, build_company

OFFICE = OverheadCategory.OFFICE


def nov(day: int) -> date:
    return date(2026, 11, day)


@pytest.fixture
def co(db: Database) -> Company:
    return build_company(db)


@pytest.fixture
def team(db: Database, co: Company) -> dict[str, int]:
    """Besides sato (seconded all month, Akita) and tanaka (company staff): suzuki, seconded
    from Akita twice in the month (11/16–11/20 and from 11/25, open); yamada, seconded from
    Yokote all month; kato, whose secondment ended in October but who has hours on 11/2
    (written directly: the service would refuse them); ito, not employed in November."""
    with db.unit_of_work(SYSTEM_ACTOR) as uow:
        s = uow.session
        yokote = Organization(code="052035", kind=OrganizationKind.CITY, name_ja="横手市")
        yuzawa = Organization(code="052078", kind=OrganizationKind.CITY, name_ja="湯沢市")
        s.add_all([yokote, yuzawa])
        s.flush()
        homes = {"suzuki": co.akita_id, "yamada": yokote.id, "kato": yuzawa.id, "ito": yuzawa.id}
        names = dict(suzuki="鈴木 次郎", yamada="山田 三郎", kato="加藤 四郎", ito="伊藤 五郎")
        people = {
            who: Person(employee_no=f"E000{i}", name=names[who], home_organization_id=home)
            for i, (who, home) in enumerate(homes.items(), start=3)
        }
        s.add_all(people.values())
        s.flush()

        def stay(who: str, body: int, start: date, end: date | None) -> Secondment:
            return Secondment(
                person_id=people[who].id,
                from_organization_id=body,
                kind=SecondmentKind.ON_ROLL,
                start_date=start,
                end_date=end,
            )

        s.add_all(
            [
                stay("suzuki", co.akita_id, nov(16), nov(20)),
                stay("suzuki", co.akita_id, nov(25), None),
                stay("yamada", yokote.id, date(2026, 4, 1), None),
                stay("kato", yuzawa.id, date(2026, 4, 1), date(2026, 10, 31)),
                stay("ito", yuzawa.id, date(2026, 4, 1), date(2026, 10, 31)),
            ]
        )
        kato = people["kato"].id
        s.add(TimeEntry(person_id=kato, work_date=nov(2), minutes=120, category=OFFICE))
        # A stored 0 (an import keeps it): no hours, so 11/5 is still a gap.
        s.add(TimeEntry(person_id=co.sato_id, work_date=nov(5), minutes=0, category=OFFICE))
        s.add(TimeEntry(person_id=people["ito"].id, work_date=nov(2), minutes=0, category=OFFICE))
        ids = {k: p.id for k, p in people.items()}
        ids["yokote"] = yokote.id
        ids["company"] = s.get(Person, co.tanaka_id).home_organization_id  # type: ignore[union-attr]
    save_cell(db, co.sato, Cell(co.sato_id, nov(2), co.assigned_id, None, 450))
    save_cell(db, co.sato, Cell(co.sato_id, nov(2), None, OFFICE, 30))
    save_cell(db, co.sato, Cell(co.sato_id, nov(4), None, OFFICE, 480))
    save_cell(db, co.sato, Cell(co.sato_id, nov(7), None, OFFICE, 60))  # a Saturday
    save_cell(db, co.sato, Cell(co.sato_id, date(2026, 12, 1), None, OFFICE, 480))  # not Nov
    save_cell(db, co.tanaka, Cell(co.tanaka_id, nov(2), None, OFFICE, 60))
    return ids


def by_number(members: tuple[TeamMember, ...]) -> dict[str, TeamMember]:
    return {m.employee_no: m for m in members}


def test_hours_employment_and_gaps_of_everybody(db: Database, team: dict[str, int]) -> None:
    month = team_month(db, nov(17), today=nov(10))  # any day names its month
    assert (month.first, month.last) == (nov(1), nov(30))
    assert len(month.days) == 30 and month.days[0] == nov(1) and month.days[-1] == nov(30)
    assert len(month.working) == 19
    assert nov(3) not in month.working and nov(23) not in month.working
    assert nov(7) not in month.working and nov(2) in month.working
    # ito: ended in October, only a 0 on 11/2 — an entry, so listed, with no hours.
    assert [m.employee_no for m in month.members] == [
        "E0001",
        "E0002",
        "E0003",
        "E0004",
        "E0005",
        "E0006",
    ]
    m = by_number(month.members)
    sato, tanaka, suzuki, yamada, kato = (m[f"E000{i}"] for i in range(1, 6))
    assert sato.minutes == {nov(2): 480, nov(4): 480, nov(5): 0, nov(7): 60}
    assert sato.total == 1020 and sato.body_code == "052019" and sato.body_name == "秋田市"
    assert sato.employed == frozenset(month.days)
    # Due: the working days before 11/10 (2, 4, 5, 6, 9); 11/2 and 11/4 have hours.
    assert sato.gaps == {nov(5), nov(6), nov(9)}
    assert tanaka.body_code == "C0001" and tanaka.employed == frozenset(month.days)
    assert tanaka.gaps == {nov(4), nov(5), nov(6), nov(9)} and tanaka.total == 60
    assert suzuki.employed == {nov(d) for d in (*range(16, 21), *range(25, 31))}
    assert suzuki.gaps == frozenset() and suzuki.total == 0 and suzuki.minutes == {}
    assert yamada.body_code == "052035" and yamada.gaps == {nov(d) for d in (2, 4, 5, 6, 9)}
    assert kato.employed == frozenset() and kato.gaps == frozenset()
    assert kato.minutes == {nov(2): 120} and kato.body_code == "052078"  # the home body
    assert month.day_totals == {nov(2): 480 + 60 + 120, nov(4): 480, nov(5): 0, nov(7): 60}
    assert month.total == 1020 + 60 + 120


def test_a_past_month_is_due_as_a_whole(db: Database, team: dict[str, int]) -> None:
    m = by_number(team_month(db, nov(1)).members)
    assert len(m["E0001"].gaps) == 19 - 2  # every working day but 11/2 and 11/4
    # 16–20 and 25, 26, 27, 30 are working days inside suzuki's two secondments.
    assert m["E0003"].gaps == {nov(d) for d in (16, 17, 18, 19, 20, 25, 26, 27, 30)}


def test_the_body_and_text_filters(db: Database, co: Company, team: dict[str, int]) -> None:
    akita = team_month(db, nov(1), body_id=co.akita_id, today=nov(10))
    assert [x.employee_no for x in akita.members] == ["E0001", "E0003"]
    assert akita.total == 1020 and akita.day_totals == {
        nov(2): 480,
        nov(4): 480,
        nov(5): 0,
        nov(7): 60,
    }
    yokote = team_month(db, nov(1), body_id=team["yokote"])
    assert [x.employee_no for x in yokote.members] == ["E0004"] and yokote.total == 0
    company = team_month(db, nov(1), body_id=team["company"])
    assert [x.employee_no for x in company.members] == ["E0002"] and company.total == 60
    named = team_month(db, nov(1), text="すずき 次郎")  # reading not stored: the name matches
    assert named.members == ()
    named = team_month(db, nov(1), text="鈴木")
    assert [x.employee_no for x in named.members] == ["E0003"] and named.day_totals == {}
    assert [x.employee_no for x in team_month(db, nov(1), text="e0005").members] == ["E0005"]
    hostile = team_month(db, nov(1), body_id=co.akita_id, text="鈴木\x00 '%")
    assert hostile.members == () and hostile.total == 0


def test_october_and_the_month_helper(db: Database, team: dict[str, int]) -> None:
    assert month_of(date(2028, 2, 10)) == (date(2028, 2, 1), date(2028, 2, 29))
    october = by_number(team_month(db, date(2026, 10, 15)).members)
    assert "E0003" not in october  # suzuki starts in November
    assert october["E0005"].employed == {date(2026, 10, d) for d in range(1, 32)}
    assert october["E0001"].total == 0 and len(october["E0001"].gaps) == 21  # 10/12 スポーツの日
