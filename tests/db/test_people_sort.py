"""The people list sorted in SQL by any of its columns: ties broken by the unique employee
number (so pages never overlap), blanks last in either direction, on both databases."""

from datetime import date

import pytest

from oneaqita.models import SecondmentKind
from oneaqita.services.database import Database
from oneaqita.services.people import PeopleFilter, PeopleSort, count_people, list_people
from tests.staffing_builders import add_bodies, add_person, add_secondment

ON = date(2025, 6, 1)  # the date "currently seconded" means in these tests
S = PeopleSort


def _people(db: Database) -> None:
    """Five people with a shared name and kana (ties), blanks, and every kind of stay."""
    add_bodies(db)
    add_person(db, "E0001", "佐藤 花子", "052019", "サトウ ハナコ", "sato@example.jp")
    add_person(db, "E0002", "鈴木 一郎", "052027")  # no kana, no e-mail, not seconded
    add_person(db, "E0003", "佐藤 花子", "050008", "サトウ ハナコ", "a@example.jp")
    add_person(db, "E0004", "阿部 次郎", "052019", "アベ ジロウ", "z@example.jp")
    add_person(db, "E0005", "伊藤 三郎", "052027")  # no kana, no e-mail, not seconded
    add_secondment(db, "E0001", date(2024, 4, 1), date(2026, 3, 31), "052019")
    add_secondment(db, "E0003", date(2024, 4, 1), None, "P001", SecondmentKind.PARTNER)
    add_secondment(db, "E0004", date(2025, 4, 1), date(2025, 9, 30), "052027")
    add_secondment(db, "E0005", date(2023, 4, 1), date(2024, 3, 31), "052019")  # over by ON


ASCENDING = {
    S.EMPLOYEE_NO: ["E0001", "E0002", "E0003", "E0004", "E0005"],
    # By reading (アベ < サトウ; the two 佐藤 花子 by employee number), then the names
    # without one in code-point order (伊藤 < 鈴木).
    S.NAME: ["E0004", "E0001", "E0003", "E0005", "E0002"],
    S.KANA: ["E0004", "E0001", "E0003", "E0002", "E0005"],  # no kana last
    S.HOME: ["E0003", "E0001", "E0004", "E0002", "E0005"],  # 050008, 052019, 052027
    S.SECONDED: ["E0004", "E0001", "E0003", "E0002", "E0005"],  # open end, then not seconded
    S.EMAIL: ["E0003", "E0001", "E0004", "E0002", "E0005"],  # no e-mail last
}
DESCENDING = {
    S.EMPLOYEE_NO: ["E0005", "E0004", "E0003", "E0002", "E0001"],
    S.NAME: ["E0003", "E0001", "E0004", "E0002", "E0005"],
    S.KANA: ["E0003", "E0001", "E0004", "E0005", "E0002"],  # blanks still last
    S.HOME: ["E0005", "E0002", "E0004", "E0001", "E0003"],
    S.SECONDED: ["E0003", "E0001", "E0004", "E0005", "E0002"],
    S.EMAIL: ["E0004", "E0001", "E0003", "E0005", "E0002"],
}


@pytest.mark.parametrize("sort", list(PeopleSort))
@pytest.mark.parametrize("descending", [False, True])
def test_every_column_sorts_both_ways(db: Database, sort: PeopleSort, descending: bool) -> None:
    _people(db)
    flt = PeopleFilter(as_of=ON, sort=sort, descending=descending)
    expected = (DESCENDING if descending else ASCENDING)[sort]
    assert [r.employee_no for r in list_people(db, flt)] == expected
    # Page by page (2 at a time), the same order: nobody twice, nobody left out.
    paged = [r.employee_no for o in (0, 2, 4) for r in list_people(db, flt, offset=o, limit=2)]
    assert paged == expected
    assert count_people(db, flt) == 5


def test_the_default_order_is_the_employee_number(db: Database) -> None:
    _people(db)
    assert PeopleFilter().sort is PeopleSort.EMPLOYEE_NO and not PeopleFilter().descending
    assert [r.employee_no for r in list_people(db, PeopleFilter(as_of=ON))] == ASCENDING[
        S.EMPLOYEE_NO
    ]


def test_sorting_keeps_the_filter(db: Database) -> None:
    _people(db)
    flt = PeopleFilter(as_of=ON, currently_seconded=True, sort=S.SECONDED, descending=True)
    assert [r.employee_no for r in list_people(db, flt)] == ["E0003", "E0001", "E0004"]
    assert [r.seconded_until for r in list_people(db, flt)] == [
        None,
        date(2026, 3, 31),
        date(2025, 9, 30),
    ]
