"""The shareholder register: history kept, holdings in force on a date, percentages to 100."""

import itertools
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oneaqita.errors import PermissionDenied, ValidationError
from oneaqita.services.database import Database
from oneaqita.services.records import ShareholdingData, UpsertOutcome
from oneaqita.services.shareholders import (
    holding_history,
    ownership_percentages,
    record_holding_change,
    shareholder_register,
    upsert_shareholding,
)
from tests.staffing_builders import ADMIN, COORDINATOR, MANAGER, add_bodies, audits, row_counts

U = UpsertOutcome
FOUNDED = date(2023, 11, 1)


def holding(org: str, shares: int, since: date = FOUNDED) -> ShareholdingData:
    return ShareholdingData(org, shares, shares * 50_000, since)


def test_upsert_by_holder_and_date_adds_corrects_and_leaves_unchanged(db: Database) -> None:
    add_bodies(db)
    with db.unit_of_work(MANAGER) as uow:
        hid, outcome = upsert_shareholding(uow, holding("050008", 400))
        assert outcome is U.ADDED
        assert upsert_shareholding(uow, holding("秋田県", 400)) == (hid, U.UNCHANGED)
        assert upsert_shareholding(uow, holding("050008", 420)) == (hid, U.UPDATED)
        other, _ = upsert_shareholding(uow, holding("050008", 500, date(2025, 4, 1)))
        assert other != hid
    assert [(a, who) for a, who, _, _ in audits(db, "shareholdings")] == [
        ("create", "manager"),
        ("update", "manager"),
        ("create", "manager"),
    ]
    _, _, before, after = audits(db, "shareholdings")[1]
    assert (before["shares"], after["shares"], after["since"]) == (400, 420, "2023-11-01")


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (ShareholdingData("050008", -1, 0, FOUNDED), "shares"),
        (ShareholdingData("050008", 10, -5, FOUNDED), "capital_yen"),
        (ShareholdingData("湯沢市", 10, 500_000, FOUNDED), "organization"),
        (ShareholdingData("050008", 2**63, 0, FOUNDED), "shares"),
        (ShareholdingData("050008", 10, 10**30, FOUNDED), "capital_yen"),
    ],
)
def test_refusals_name_the_field(db: Database, data: ShareholdingData, field: str) -> None:
    add_bodies(db)
    with pytest.raises(ValidationError) as err, db.unit_of_work(ADMIN) as uow:
        upsert_shareholding(uow, data)
    assert err.value.field == field
    if field == "organization":
        assert "湯沢市" in err.value.ja
    assert row_counts(db)["shareholdings"] == 0


def test_a_recorded_change_is_a_new_row_and_history_is_kept(db: Database) -> None:
    ids = add_bodies(db)
    record_holding_change(db, ADMIN, holding("052019", 100))
    change = record_holding_change(db, MANAGER, holding("052019", 150, date(2025, 4, 1)))
    assert change.touches("shareholdings")
    with pytest.raises(ValidationError) as err:  # never overwrites what was recorded
        record_holding_change(db, MANAGER, holding("052019", 999, date(2025, 4, 1)))
    assert err.value.field == "since" and "2025-04-01" in err.value.ja
    lines = holding_history(db, ids["052019"])
    assert [(h.since, h.shares, h.shares_change) for h in lines] == [
        (FOUNDED, 100, None),
        (date(2025, 4, 1), 150, 50),
    ]
    assert [a for a, *_ in audits(db, "shareholdings")] == ["create", "create"]


def test_only_administrators_and_managers_change_holdings(db: Database) -> None:
    add_bodies(db)
    with pytest.raises(PermissionDenied):
        record_holding_change(db, COORDINATOR, holding("052019", 100))
    with pytest.raises(PermissionDenied), db.unit_of_work(COORDINATOR) as uow:
        upsert_shareholding(uow, holding("052019", 100))
    assert row_counts(db)["shareholdings"] == 0


def test_the_register_takes_each_holding_in_force_on_the_date(db: Database) -> None:
    add_bodies(db)
    with db.unit_of_work(ADMIN) as uow:
        for data in (
            holding("050008", 200),
            holding("052019", 100),
            holding("052019", 150, date(2025, 4, 1)),
            holding("P001", 100, date(2024, 4, 1)),
            holding("P001", 0, date(2025, 4, 1)),  # sold out: no longer a holder
            holding("052027", 50, date(2026, 4, 1)),  # not yet a holder
        ):
            upsert_shareholding(uow, data)
    early = shareholder_register(db, date(2024, 3, 31))
    assert [(r.code, r.shares, r.percent) for r in early.rows] == [
        ("050008", 200, Decimal("66.67")),
        ("052019", 100, Decimal("33.33")),
    ]
    reg = shareholder_register(db, date(2025, 4, 1))
    assert [(r.name_ja, r.shares, r.since) for r in reg.rows] == [
        ("秋田県", 200, FOUNDED),
        ("秋田市", 150, date(2025, 4, 1)),
    ]
    assert (reg.total_shares, reg.total_capital_yen) == (350, 350 * 50_000)
    assert [r.percent for r in reg.rows] == [Decimal("57.14"), Decimal("42.86")]
    assert reg.total_percent == Decimal("100.00")
    assert shareholder_register(db, date(2023, 1, 1)).rows == []


def test_three_equal_holders_get_percentages_that_add_up_to_100() -> None:
    assert ownership_percentages([1, 1, 1]) == [
        Decimal("33.34"),
        Decimal("33.33"),
        Decimal("33.33"),
    ]
    assert ownership_percentages([]) == []
    assert ownership_percentages([0, 0]) == [Decimal("0.00"), Decimal("0.00")]
    assert str(ownership_percentages([5])[0]) == "100.00"


@given(st.lists(st.integers(0, 10**12), min_size=1, max_size=40).filter(any))
def test_percentages_add_up_to_100_and_each_is_within_a_hundredth(shares: list[int]) -> None:
    percents = ownership_percentages(shares)
    assert sum(percents) == Decimal("100.00")
    total = sum(shares)
    for s, p in zip(shares, percents, strict=True):
        assert p.as_tuple().exponent == -2
        assert abs(Fraction(p) - Fraction(100 * s, total)) < Fraction(1, 100)


def test_the_stored_register_always_adds_up_to_100(db: Database) -> None:
    add_bodies(db)
    days = itertools.count()

    @settings(max_examples=12, deadline=None)
    @given(st.lists(st.integers(0, 10**9), min_size=5, max_size=5).filter(any))
    def check(shares: list[int]) -> None:
        # Each example holds as of a day of its own, so earlier examples are not in force.
        day = FOUNDED + timedelta(days=next(days))
        with db.unit_of_work(ADMIN) as uow:
            for code, n in zip(
                ("050008", "052019", "052027", "P001", "ONE-AQITA"), shares, strict=True
            ):
                upsert_shareholding(uow, ShareholdingData(code, n, n, day))
        reg = shareholder_register(db, day)
        assert reg.total_percent == Decimal("100.00")
        assert reg.total_shares == sum(shares)
        assert len(reg.rows) == sum(1 for n in shares if n)

    check()
