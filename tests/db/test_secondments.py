"""Secondments: every refusal says what to fix; no two of a person's secondments overlap."""

import dataclasses
import itertools
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oneaqita.errors import ConcurrentEdit, NotFound, PermissionDenied, ValidationError
from oneaqita.models import SecondmentKind
from oneaqita.services.database import Database
from oneaqita.services.people import PeopleFilter, list_people, person_card
from oneaqita.services.records import SecondmentData, UpsertOutcome
from oneaqita.services.secondments import (
    create_secondment,
    end_secondment,
    extend_secondment,
    upsert_secondment,
)
from tests.staffing_builders import (
    ADMIN,
    COORDINATOR,
    MANAGER,
    SECONDED,
    add_bodies,
    add_person,
    add_secondment,
    audits,
    row_counts,
)

K = SecondmentKind
U = UpsertOutcome
APR24, MAR26 = date(2024, 4, 1), date(2026, 3, 31)


def term(
    start: date = APR24,
    end: date | None = MAR26,
    sender: str = "052019",
    kind: K = K.ON_ROLL,
    pct: int = 0,
    employee_no: str = "E0001",
) -> SecondmentData:
    return SecondmentData(employee_no, sender, kind, start, end, "主任", pct)


@pytest.fixture
def staffed(db: Database) -> Database:
    add_bodies(db)
    add_person(db, "E0001", "佐藤 花子")
    add_person(db, "E0002", "高橋 三郎", "P001")
    return db


def _refused(db: Database, data: SecondmentData) -> ValidationError:
    before = row_counts(db)
    with pytest.raises(ValidationError) as err:
        create_secondment(db, COORDINATOR, data)
    assert row_counts(db) == before
    return err.value


def test_a_secondment_is_created_and_audited(staffed: Database) -> None:
    change = create_secondment(staffed, MANAGER, term(pct=50))
    assert change.touches("secondments")
    ((action, who, before, after),) = audits(staffed, "secondments")
    assert (action, who, before) == ("create", "manager", None)
    assert after["start"] == "2024-04-01" and after["salary_borne_by_company_pct"] == 50


def test_an_end_before_the_start_is_refused(staffed: Database) -> None:
    err = _refused(staffed, term(end=APR24 - timedelta(days=1)))
    assert err.field == "end" and "開始日以降" in err.ja
    create_secondment(staffed, COORDINATOR, term(end=APR24))  # one day is a secondment


def test_the_monthly_cost_basis_is_stored_and_audited(staffed: Database) -> None:
    create_secondment(staffed, MANAGER, dataclasses.replace(term(), monthly_cost_yen=512_300))
    ((_, _, _, after),) = audits(staffed, "secondments")
    assert after["monthly_cost_yen"] == 512_300
    (line,) = person_card(staffed, 1).secondments
    assert line.monthly_cost_yen == 512_300


@pytest.mark.parametrize("cost", [-1, 2**63])
def test_a_negative_or_huge_monthly_cost_is_refused(staffed: Database, cost: int) -> None:
    err = _refused(staffed, dataclasses.replace(term(), monthly_cost_yen=cost))
    assert err.field == "monthly_cost_yen" and "月額負担基礎額" in err.ja


@pytest.mark.parametrize("pct", [-1, 101])
def test_a_salary_share_outside_0_to_100_is_refused(staffed: Database, pct: int) -> None:
    err = _refused(staffed, term(pct=pct))
    assert err.field == "salary_borne_by_company_pct" and "0〜100" in err.ja


def test_an_overlap_names_the_other_secondment_and_what_to_fix(staffed: Database) -> None:
    add_secondment(staffed, "E0001", APR24, MAR26)
    err = _refused(staffed, term(date(2025, 4, 1), None, "050008"))
    assert err.field == "start"
    assert "2024-04-01〜2026-03-31 の 秋田市 からの派遣と重なっています" in err.ja
    assert "2026-04-01 以降" in err.ja and "2024-04-01 to 2026-03-31" in err.en
    err = _refused(staffed, term(date(2023, 11, 1), APR24, "050008"))  # one shared day
    assert err.field == "end" and "2024-03-31 以前" in err.ja
    err = _refused(staffed, term(date(2023, 11, 1), None))  # open end runs into it
    assert err.field == "end"
    create_secondment(staffed, COORDINATOR, term(date(2026, 4, 1), None, "050008"))
    create_secondment(staffed, COORDINATOR, term(date(2023, 11, 1), date(2024, 3, 31)))
    err = _refused(staffed, term(date(2030, 4, 1), date(2031, 3, 31)))
    assert "2026-04-01〜(終了日なし) の 秋田県" in err.ja and "先にその派遣を終了" in err.ja


def test_another_persons_secondment_never_overlaps(staffed: Database) -> None:
    add_secondment(staffed, "E0001", APR24, MAR26)
    create_secondment(
        staffed, COORDINATOR, term(employee_no="E0002", sender="P001", kind=K.PARTNER)
    )


@pytest.mark.parametrize(
    ("sender", "kind", "field"),
    [
        ("052019", K.PARTNER, "kind"),
        ("050008", K.PARTNER, "kind"),
        ("P001", K.ON_ROLL, "kind"),
        ("P001", K.RETIRED, "kind"),
        ("ONE-AQITA", K.ON_ROLL, "from_organization"),
        ("ONE-AQITA", K.PARTNER, "from_organization"),
        ("湯沢市", K.ON_ROLL, "from_organization"),
    ],
)
def test_the_kind_must_fit_the_sending_body(
    staffed: Database, sender: str, kind: K, field: str
) -> None:
    err = _refused(staffed, term(sender=sender, kind=kind))
    assert err.field == field


@pytest.mark.parametrize(
    ("sender", "kind"),
    [("052019", K.ON_ROLL), ("050008", K.RETIRED), ("P001", K.PARTNER)],
)
def test_the_kinds_that_fit(staffed: Database, sender: str, kind: K) -> None:
    create_secondment(staffed, COORDINATOR, term(sender=sender, kind=kind))


def test_an_unknown_person_is_refused(staffed: Database) -> None:
    err = _refused(staffed, term(employee_no="E9999"))
    assert err.field == "employee_no" and "E9999" in err.ja


def test_upsert_by_person_and_start_ignores_its_own_stored_row(staffed: Database) -> None:
    with staffed.unit_of_work(ADMIN) as uow:
        sid, outcome = upsert_secondment(uow, term())
        assert outcome is U.ADDED
        assert upsert_secondment(uow, term()) == (sid, U.UNCHANGED)
        assert upsert_secondment(uow, term(end=date(2027, 3, 31), pct=50)) == (sid, U.UPDATED)
        nxt, outcome = upsert_secondment(uow, term(date(2027, 4, 1), None))
        assert outcome is U.ADDED and nxt != sid
    assert [a for a, *_ in audits(staffed, "secondments")] == ["create", "update", "create"]
    with pytest.raises(ValidationError) as err, staffed.unit_of_work(ADMIN) as uow:
        upsert_secondment(uow, term(end=date(2027, 4, 1)))  # now reaches the next one
    assert err.value.field == "end"


def test_a_failing_upsert_leaves_the_whole_unit_of_work_unwritten(staffed: Database) -> None:
    before = row_counts(staffed)
    with pytest.raises(ValidationError), staffed.unit_of_work(ADMIN) as uow:
        upsert_secondment(uow, term())
        upsert_secondment(uow, term(date(2025, 4, 1)))  # overlaps the row added just before
    assert row_counts(staffed) == before


def test_extend_moves_the_end_later_or_opens_it(staffed: Database) -> None:
    sid = add_secondment(staffed, "E0001", APR24, MAR26)
    extend_secondment(staffed, COORDINATOR, sid, date(2027, 3, 31), expected_version=1)
    with pytest.raises(ConcurrentEdit):
        extend_secondment(staffed, COORDINATOR, sid, date(2028, 3, 31), expected_version=1)
    for wrong in (date(2027, 3, 31), date(2026, 3, 31)):
        with pytest.raises(ValidationError) as err:
            extend_secondment(staffed, COORDINATOR, sid, wrong, expected_version=2)
        assert err.value.field == "end" and "終了" in err.value.ja
    add_secondment(staffed, "E0001", date(2028, 4, 1), None, "050008")
    with pytest.raises(ValidationError) as err:
        extend_secondment(staffed, COORDINATOR, sid, None, expected_version=2)
    assert "2028-04-01〜(終了日なし) の 秋田県" in err.value.ja
    extend_secondment(staffed, COORDINATOR, sid, date(2028, 3, 31), expected_version=2)
    assert [a for a, *_ in audits(staffed, "secondments")][-2:] == ["create", "extend"]


def test_an_open_ended_secondment_cannot_be_extended(staffed: Database) -> None:
    sid = add_secondment(staffed, "E0001", APR24, None)
    with pytest.raises(ValidationError) as err:
        extend_secondment(staffed, COORDINATOR, sid, date(2030, 1, 1), expected_version=1)
    assert err.value.field == "end"
    extend_secondment(
        staffed,
        COORDINATOR,
        add_secondment(staffed, "E0002", APR24, MAR26, "P001", K.PARTNER),
        None,
        expected_version=1,
    )


def test_end_sets_an_end_no_later_than_planned(staffed: Database) -> None:
    open_id = add_secondment(staffed, "E0001", APR24, None)
    with pytest.raises(ValidationError) as err:
        end_secondment(staffed, COORDINATOR, open_id, date(2024, 3, 1), expected_version=1)
    assert err.value.field == "end"
    end_secondment(staffed, COORDINATOR, open_id, date(2025, 9, 30), expected_version=1)
    with pytest.raises(ValidationError) as err:
        end_secondment(staffed, COORDINATOR, open_id, date(2025, 10, 31), expected_version=2)
    assert err.value.field == "end" and "延長" in err.value.ja
    end_secondment(staffed, COORDINATOR, open_id, date(2025, 9, 30), expected_version=2)  # no-op
    (row,) = list_people(staffed, PeopleFilter(text="E0001"))
    assert [(s.end, s.version) for s in person_card(staffed, row.id).secondments] == [
        (date(2025, 9, 30), 2)
    ]
    assert [a for a, *_ in audits(staffed, "secondments")] == ["create", "end"]
    with pytest.raises(NotFound):
        end_secondment(staffed, COORDINATOR, open_id + 99, date(2025, 1, 1), expected_version=1)


def test_seconded_staff_cannot_change_secondments(staffed: Database) -> None:
    sid = add_secondment(staffed, "E0001", APR24, MAR26)
    with pytest.raises(PermissionDenied):
        create_secondment(staffed, SECONDED, term(date(2026, 4, 1)))
    with pytest.raises(PermissionDenied):
        extend_secondment(staffed, SECONDED, sid, date(2027, 3, 31), expected_version=1)
    with pytest.raises(PermissionDenied):
        end_secondment(staffed, SECONDED, sid, date(2025, 3, 31), expected_version=1)
    with pytest.raises(PermissionDenied), staffed.unit_of_work(SECONDED) as uow:
        upsert_secondment(uow, term(date(2026, 4, 1)))
    assert len(audits(staffed, "secondments")) == 1


Interval = tuple[int, int | None]  # first day, last day (None: open), as days from BASE
BASE = date(2024, 1, 1)
intervals = st.tuples(st.integers(0, 60), st.one_of(st.none(), st.integers(0, 30))).map(
    lambda t: (t[0], None if t[1] is None else t[0] + t[1])
)


def _overlap(a: Interval, b: Interval) -> bool:
    far = 10**6
    return a[0] <= (b[1] if b[1] is not None else far) and b[0] <= (
        a[1] if a[1] is not None else far
    )


def test_a_new_secondment_is_accepted_iff_it_overlaps_none_stored(staffed: Database) -> None:
    numbers = itertools.count(100)

    @settings(max_examples=25, deadline=None)
    @given(st.lists(intervals, min_size=1, max_size=6))
    def check(candidates: list[Interval]) -> None:
        employee_no = f"H{next(numbers)}"  # a person of its own for each example
        add_person(staffed, employee_no, "仮 太郎")
        stored: list[Interval] = []
        for first, last in candidates:
            start = BASE + timedelta(days=first)
            end = None if last is None else BASE + timedelta(days=last)
            data = term(start, end, employee_no=employee_no)
            expected = not any(_overlap((first, last), s) for s in stored)
            try:
                create_secondment(staffed, COORDINATOR, data)
                accepted = True
            except ValidationError as err:
                assert err.field in ("start", "end")
                accepted = False
            assert accepted == expected, (stored, (first, last))
            if accepted:
                stored.append((first, last))

    check()
