"""A small settlement case whose every figure is computed by hand in the tests (June 2025,
30 days; March/April 2026 across the fiscal-year boundary)."""

from dataclasses import dataclass
from datetime import date

from oneaqita.models import OverheadCategory, Role, SecondmentKind, TimeEntry, User
from oneaqita.models import TimeEntryStatus as St
from oneaqita.services.actor import SYSTEM_ACTOR, Actor
from oneaqita.services.database import Database
from oneaqita.services.records import SecondmentData
from oneaqita.services.secondments import create_secondment
from tests.logins import CLI_LOGIN, add_login
from tests.staffing_builders import COORDINATOR, add_bodies, add_person

K = SecondmentKind
D = date

# employee_no, name, sender, kind, start, end, pct, monthly cost
SECONDMENTS = (
    ("E0001", "佐藤 花子", "052019", K.ON_ROLL, D(2025, 4, 1), D(2027, 3, 31), 50, 512_300),
    ("E0002", "高橋 三郎", "P001", K.PARTNER, D(2025, 6, 16), None, 100, 450_000),
    ("E0003", "田中 次郎", "052019", K.RETIRED, D(2024, 4, 1), None, 0, 600_000),
    ("E0004", "鈴木 美咲", "050008", K.ON_ROLL, D(2025, 4, 1), None, 100, None),
    ("E0005", "伊藤 健", "050008", K.ON_ROLL, D(2025, 4, 1), D(2025, 5, 31), 100, 400_000),
    ("E0006", "渡辺 直子", "050008", K.ON_ROLL, D(2025, 6, 1), D(2025, 6, 10), 70, 333_333),
    ("E0007", "小林 翔", "052027", K.ON_ROLL, D(2026, 3, 16), None, 100, 620_000),
)

# employee_no, day, minutes, status
ENTRIES = (
    ("E0001", D(2025, 5, 30), 480, St.APPROVED),  # another month
    ("E0001", D(2025, 6, 2), 450, St.APPROVED),
    ("E0001", D(2025, 6, 3), 480, St.SUBMITTED),
    ("E0001", D(2025, 6, 3), 30, St.DRAFT),  # the same day again: one day worked
    ("E0001", D(2025, 6, 4), 480, St.RETURNED),  # not counted
    ("E0001", D(2025, 6, 5), 0, St.DRAFT),  # 0 minutes: not a day worked
    ("E0002", D(2025, 6, 10), 480, St.DRAFT),  # before the secondment
    ("E0002", D(2025, 6, 16), 420, St.APPROVED),
)


@dataclass
class SettlementCase:
    manager: Actor
    coordinator: Actor
    seconded: Actor


def add_user(db: Database, login: str, role: Role) -> Actor:
    with db.unit_of_work(SYSTEM_ACTOR) as uow:
        user = User(login=login, display_name=login, role=role)
        uow.session.add(user)
        uow.session.flush()
        return Actor.of(user)


def build_settlement_case(db: Database, desktop_role: Role = Role.MANAGER) -> SettlementCase:
    """The bodies of staffing_builders, the secondments and entries above, a manager, a
    coordinator, a seconded user, and this machine's login (the CLI's user) as
    ``desktop_role``."""
    add_bodies(db)
    people: dict[str, int] = {}
    for no, name, sender, kind, start, end, pct, cost in SECONDMENTS:
        people[no] = add_person(db, no, name)
        data = SecondmentData(no, sender, kind, start, end, "主任", pct, cost)
        create_secondment(db, COORDINATOR, data)
    with db.unit_of_work(SYSTEM_ACTOR) as uow:
        uow.session.add_all(
            TimeEntry(
                person_id=people[no],
                work_date=day,
                minutes=minutes,
                category=OverheadCategory.OFFICE,
                status=status,
            )
            for no, day, minutes, status in ENTRIES
        )
    add_login(db, CLI_LOGIN, desktop_role)  # the command line's user, with its password
    return SettlementCase(
        add_user(db, "manager-x", Role.MANAGER),
        add_user(db, "coord-x", Role.COORDINATOR),
        add_user(db, "seconded-x", Role.SECONDED),
    )
