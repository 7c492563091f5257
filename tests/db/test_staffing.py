"""The staffing overview: timeline by sending body, who leaves soon, headcount and FTE."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from oneaqita.models import SecondmentKind
from oneaqita.services.database import Database
from oneaqita.services.staffing import (
    headcount_by_body,
    leaving_within,
    secondment_timeline,
    sending_bodies,
)
from tests.staffing_builders import add_bodies, add_person, add_secondment

K = SecondmentKind
TODAY = date(2025, 6, 1)


@pytest.fixture
def staffed(db: Database) -> Database:
    """Five people from three bodies; 佐藤 and 伊藤 had two terms each."""
    add_bodies(db)
    for no, name, home in (
        ("E1", "佐藤 花子", "052019"),
        ("E2", "鈴木 一郎", "052027"),
        ("E3", "高橋 三郎", "P001"),
        ("E4", "田中 四郎", "050008"),
        ("E5", "伊藤 五月", "052019"),
    ):
        add_person(db, no, name, home)
    add_secondment(db, "E1", date(2023, 11, 1), date(2024, 3, 31), pct=0)
    add_secondment(db, "E1", date(2024, 4, 1), TODAY, pct=50, position="主任")  # leaves today
    add_secondment(db, "E2", date(2024, 4, 1), TODAY + timedelta(days=90), "052027", pct=100)
    add_secondment(db, "E3", date(2025, 4, 1), None, "P001", K.PARTNER, pct=100)
    add_secondment(db, "E4", date(2024, 4, 1), TODAY + timedelta(days=91), "050008", K.RETIRED, 100)
    add_secondment(db, "E5", date(2024, 4, 1), date(2025, 5, 31))  # left yesterday
    add_secondment(db, "E5", date(2025, 7, 1), date(2025, 8, 31), pct=30)  # back in July
    return db


def test_the_timeline_groups_the_window_by_sending_body_in_code_order(staffed: Database) -> None:
    groups = secondment_timeline(staffed, date(2025, 4, 1), date(2025, 6, 30))
    assert [(g.code, g.name_ja) for g in groups] == [
        ("050008", "秋田県"),
        ("052019", "秋田市"),
        ("052027", "能代市"),
        ("P001", "東北管路テスト株式会社"),
    ]
    akita = groups[1]
    assert [(b.person_name, b.start, b.end, b.kind, b.position) for b in akita.bars] == [
        ("佐藤 花子", date(2024, 4, 1), TODAY, K.ON_ROLL, "主任"),
        ("伊藤 五月", date(2024, 4, 1), date(2025, 5, 31), K.ON_ROLL, None),
    ]
    assert groups[3].bars[0].end is None  # open-ended bars are drawn to the window's edge


def test_the_window_includes_its_first_and_last_day(staffed: Database) -> None:
    def names(start: date, end: date) -> set[str]:
        return {b.person_name for g in secondment_timeline(staffed, start, end) for b in g.bars}

    assert names(date(2024, 3, 31), date(2024, 3, 31)) == {"佐藤 花子"}
    assert names(date(2025, 6, 2), date(2025, 6, 30)) == {"鈴木 一郎", "高橋 三郎", "田中 四郎"}
    assert "伊藤 五月" in names(date(2025, 6, 2), date(2025, 7, 1))
    assert names(date(2020, 1, 1), date(2023, 10, 31)) == set()
    assert names(date(2099, 1, 1), date(2099, 12, 31)) == {"高橋 三郎"}


def test_leaving_within_90_days_soonest_first(staffed: Database) -> None:
    rows = leaving_within(staffed, TODAY)
    assert [(r.person_name, r.from_organization_name, r.end, r.days_left) for r in rows] == [
        ("佐藤 花子", "秋田市", TODAY, 0),
        ("鈴木 一郎", "能代市", TODAY + timedelta(days=90), 90),
    ]  # 伊藤 (2025-08-31) and 田中 leave on the 91st day
    assert [r.person_name for r in leaving_within(staffed, TODAY + timedelta(days=1))] == [
        "鈴木 一郎",
        "田中 四郎",  # same day as 伊藤: the sending body's code decides
        "伊藤 五月",
    ]
    assert [r.employee_no for r in leaving_within(staffed, TODAY, days=30)] == ["E1"]
    assert leaving_within(staffed, date(2030, 1, 1)) == []


def test_headcount_and_fte_by_sending_body(staffed: Database) -> None:
    table = headcount_by_body(staffed, TODAY)
    assert [(r.code, r.headcount, r.fte, r.company_salary_fte) for r in table.rows] == [
        ("050008", 1, Decimal("1.00"), Decimal("1.00")),
        ("052019", 1, Decimal("1.00"), Decimal("0.50")),
        ("052027", 1, Decimal("1.00"), Decimal("1.00")),
        ("P001", 1, Decimal("1.00"), Decimal("1.00")),
    ]
    total = table.total
    assert (total.organization_id, total.headcount, total.fte, total.company_salary_fte) == (
        None,
        4,
        Decimal("4.00"),
        Decimal("3.50"),
    )
    july = headcount_by_body(staffed, date(2025, 7, 15))
    assert [(r.name_ja, r.headcount, r.company_salary_fte) for r in july.rows] == [
        ("秋田県", 1, Decimal("1.00")),
        ("秋田市", 1, Decimal("0.30")),
        ("能代市", 1, Decimal("1.00")),
        ("東北管路テスト株式会社", 1, Decimal("1.00")),
    ]
    empty = headcount_by_body(staffed, date(2020, 1, 1))
    assert (empty.rows, empty.total.headcount, empty.total.fte) == ([], 0, Decimal("0.00"))


def test_one_sending_body_only(staffed: Database) -> None:
    bodies = sending_bodies(staffed)
    assert [(c, n) for _, c, n in bodies] == [
        ("050008", "秋田県"),
        ("052019", "秋田市"),
        ("052027", "能代市"),
        ("P001", "東北管路テスト株式会社"),
    ]  # the company sent nobody
    akita = next(i for i, c, _ in bodies if c == "052019")
    groups = secondment_timeline(staffed, date(2025, 4, 1), date(2025, 6, 30), akita)
    assert [g.code for g in groups] == ["052019"]
    assert [r.employee_no for r in leaving_within(staffed, TODAY, 90, akita)] == ["E1"]
    assert [r.employee_no for r in leaving_within(staffed, TODAY, 90)] == ["E1", "E2"]
