"""The Contracts page's queries: filters (the fiscal year at the March/April boundary), sorts
and pages, a contract's progress per fiscal year and share of the amount (hand-computed), the
hours booked on it per fiscal year, and its bulk-order group, on both databases."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from oneaqita.errors import NotFound
from oneaqita.models import (
    Contract,
    OverheadCategory,
    Person,
    TimeEntry,
    TimeEntryStatus,
    WorkOrder,
    WorkOrderStatus,
)
from oneaqita.services.contract_queries import (
    ContractFilter,
    ContractSort,
    contract_card,
    contract_choices,
    count_contracts,
    list_contracts,
)
from oneaqita.services.contracts import upsert_contract
from oneaqita.services.database import Database
from oneaqita.services.records import ContractData
from tests.staffing_builders import COORDINATOR, add_bodies

S = WorkOrderStatus
D = date


def _contract(
    number: str,
    client: str,
    start: date,
    end: date,
    amount: int = 1_000_000,
    kind: str | None = None,
    group: str | None = None,
    title: str = "下水道業務委託",
) -> ContractData:
    return ContractData(number, client, title, start, end, amount, kind, group)


CONTRACTS = [
    # Only FY2024: ends on the last day of March.
    _contract("C-A", "052019", D(2024, 4, 1), D(2025, 3, 31), 3_000_000, "管路清掃"),
    # FY2024 and FY2025: one day either side of the boundary.
    _contract("C-B", "052027", D(2025, 3, 31), D(2025, 4, 1), 2_000_000, None, "県一括R7"),
    # FY2025 to FY2027.
    _contract(
        "C-C",
        "050008",
        D(2025, 4, 1),
        D(2028, 3, 31),
        9_000_000,
        "TVカメラ調査",
        "県一括R7",
        "流域下水道 TVカメラ調査",
    ),
    _contract("C-D", "052019", D(2026, 4, 1), D(2027, 3, 31), 1_000_000, "管路清掃", "県一括R8"),
]


def _add(db: Database, *contracts: ContractData) -> dict[str, int]:
    add_bodies(db)
    with db.unit_of_work(COORDINATOR) as uow:
        return {c.number: upsert_contract(uow, c)[0] for c in contracts}


def _numbers(db: Database, flt: ContractFilter, offset: int = 0, limit: int = 200) -> list[str]:
    rows = list_contracts(db, flt, offset, limit)
    assert count_contracts(db, flt) == len(rows) or limit < 200
    return [r.number for r in rows]


def _by_number(**kw: object) -> ContractFilter:
    return replace(ContractFilter(sort=ContractSort.NUMBER, descending=False), **kw)  # type: ignore[arg-type]


def _client_of(db: Database, contract_id: int) -> int:
    with db.read() as s:
        contract = s.get(Contract, contract_id)
        assert contract is not None
        return contract.client_id


@pytest.mark.parametrize(
    ("fy", "expected"),
    [
        (2023, []),
        (2024, ["C-A", "C-B"]),
        (2025, ["C-B", "C-C"]),
        (2026, ["C-C", "C-D"]),
        (2027, ["C-C"]),
        (2028, []),
    ],
)
def test_fiscal_year_filter_keeps_the_contracts_covering_the_year(
    db: Database, fy: int, expected: list[str]
) -> None:
    _add(db, *CONTRACTS)
    assert _numbers(db, _by_number(fiscal_year=fy)) == expected


def test_filters_by_client_kind_group_and_text(db: Database) -> None:
    ids = _add(db, *CONTRACTS)
    akita_id = _client_of(db, ids["C-A"])
    assert _numbers(db, _by_number()) == ["C-A", "C-B", "C-C", "C-D"]
    assert _numbers(db, _by_number(client_id=akita_id)) == ["C-A", "C-D"]
    assert _numbers(db, _by_number(kind="管路清掃")) == ["C-A", "C-D"]
    assert _numbers(db, _by_number(bulk_group="県一括R7")) == ["C-B", "C-C"]
    # Text: number, title or kind; every term somewhere; hiragana finds katakana; 全角 folded.
    assert _numbers(db, _by_number(text="流域")) == ["C-C"]
    assert _numbers(db, _by_number(text="てれびかめら")) == []
    assert _numbers(db, _by_number(text="TVカメラ")) == ["C-C"]
    assert _numbers(db, _by_number(text="ｃ-ｄ")) == ["C-D"]
    assert _numbers(db, _by_number(text="清掃 C-A")) == ["C-A"]
    assert _numbers(db, _by_number(text="清掃 C-B")) == []
    # Filters combine.
    both = _by_number(kind="管路清掃", fiscal_year=2026, client_id=akita_id)
    assert _numbers(db, both) == ["C-D"]
    assert _numbers(db, _by_number(bulk_group="\x00")) == []


def test_sorts_with_blanks_last_and_pages_that_do_not_overlap(db: Database) -> None:
    _add(db, *CONTRACTS)
    asc = ContractFilter(sort=ContractSort.AMOUNT, descending=False)
    assert _numbers(db, asc) == ["C-D", "C-B", "C-A", "C-C"]
    assert _numbers(db, replace(asc, descending=True)) == ["C-C", "C-A", "C-B", "C-D"]
    kind = ContractFilter(sort=ContractSort.KIND, descending=False)
    assert _numbers(db, kind) == ["C-C", "C-A", "C-D", "C-B"]  # TV… > 管… in code points
    assert _numbers(db, replace(kind, descending=True)) == ["C-D", "C-A", "C-C", "C-B"]
    group = ContractFilter(sort=ContractSort.BULK_GROUP, descending=True)
    assert _numbers(db, group) == ["C-D", "C-C", "C-B", "C-A"]
    # Client by code: 050008 (C-C), 052019 (C-A, C-D), 052027 (C-B); ties by number.
    client = ContractFilter(sort=ContractSort.CLIENT, descending=False)
    assert _numbers(db, client) == ["C-C", "C-A", "C-D", "C-B"]
    # The default: the latest start first.
    assert _numbers(db, ContractFilter()) == ["C-D", "C-C", "C-B", "C-A"]
    pages = [_numbers(db, client, offset, 3) for offset in (0, 3)]
    assert pages == [["C-C", "C-A", "C-D"], ["C-B"]]


def test_choices_are_the_values_contracts_have(db: Database) -> None:
    _add(db, *CONTRACTS)
    choices = contract_choices(db)
    assert [code for _, code, _ in choices.clients] == ["050008", "052019", "052027"]
    assert choices.kinds == ["TVカメラ調査", "管路清掃"]
    assert choices.bulk_groups == ["県一括R7", "県一括R8"]
    assert choices.fiscal_years == [2024, 2025, 2026, 2027]


def _orders(
    db: Database, contract_id: int, specs: list[tuple[S, date | None, date | None]]
) -> list[int]:
    """Work orders written directly: (status, planned start, actual start) each."""
    with db.unit_of_work(COORDINATOR) as uow:
        rows = [
            WorkOrder(
                number=f"WO-{contract_id}-{i}",
                contract_id=contract_id,
                title="点検",
                type="inspection",
                status=status,
                planned_start=planned,
                actual_start=actual,
            )
            for i, (status, planned, actual) in enumerate(specs)
        ]
        uow.session.add_all(rows)
        uow.session.flush()
        return [r.id for r in rows]


def test_progress_per_fiscal_year_and_share_of_the_amount(db: Database) -> None:
    ids = _add(db, _contract("C-P", "052019", D(2025, 4, 1), D(2027, 3, 31), 1_000_000))
    _orders(
        db,
        ids["C-P"],
        [
            (S.PLANNED, D(2025, 4, 1), None),  # FY2025 (first day)
            (S.PLANNED, D(2026, 3, 31), None),  # FY2025 (last day)
            (S.IN_PROGRESS, D(2025, 9, 1), D(2025, 9, 2)),  # FY2025
            (S.COMPLETED, None, D(2025, 6, 1)),  # no planned start: its actual start, FY2025
            (S.ACCEPTED, D(2026, 4, 1), D(2025, 3, 1)),  # the planned start wins: FY2026
            (S.DRAFT, None, None),  # not scheduled
            (S.CANCELLED, D(2025, 5, 1), None),  # counted, no share
        ],
    )
    card = contract_card(db, ids["C-P"])
    assert [y.fiscal_year for y in card.years] == [2025, 2026, None]
    fy25, fy26, unscheduled = card.years
    assert card.live_orders == 6  # all but the cancelled one
    assert fy25.counts == {
        S.DRAFT: 0,
        S.PLANNED: 2,
        S.IN_PROGRESS: 1,
        S.COMPLETED: 1,
        S.ACCEPTED: 0,
        S.CANCELLED: 1,
    }
    # 1,000,000 × 2 ÷ 6 = 333,333.3 → 333,333 yen, 33.33 %; × 1 ÷ 6 → 166,666 yen, 16.67 %.
    assert fy25.share_yen == {
        S.DRAFT: 0,
        S.PLANNED: 333_333,
        S.IN_PROGRESS: 166_666,
        S.COMPLETED: 166_666,
        S.ACCEPTED: 0,
    }
    assert fy25.share_pct[S.PLANNED] == Decimal("33.33")
    assert fy25.share_pct[S.IN_PROGRESS] == Decimal("16.67")
    assert fy25.total == 5
    assert (fy26.counts[S.ACCEPTED], fy26.share_yen[S.ACCEPTED], fy26.total) == (1, 166_666, 1)
    assert (unscheduled.counts[S.DRAFT], unscheduled.share_yen[S.DRAFT]) == (1, 166_666)
    whole = card.whole
    assert whole.counts == {
        S.DRAFT: 1,
        S.PLANNED: 2,
        S.IN_PROGRESS: 1,
        S.COMPLETED: 1,
        S.ACCEPTED: 1,
        S.CANCELLED: 1,
    }
    assert sum(whole.share_yen.values()) == 333_333 + 4 * 166_666  # rounded down: 999,997
    assert whole.share_pct[S.ACCEPTED] == Decimal("16.67")


def test_a_contract_without_orders_has_no_years_and_no_shares(db: Database) -> None:
    ids = _add(db, *CONTRACTS)
    card = contract_card(db, ids["C-A"])
    assert (card.years, card.hours, card.group, card.live_orders) == ([], [], [], 0)
    assert set(card.whole.share_yen.values()) == {0}
    assert card.row.fiscal_years == range(2024, 2025)
    assert card.row.data() == CONTRACTS[0]


def test_hours_booked_per_fiscal_year(db: Database) -> None:
    ids = _add(db, *CONTRACTS)
    mine = _orders(db, ids["C-B"], [(S.IN_PROGRESS, D(2025, 3, 31), None), (S.PLANNED, None, None)])
    other = _orders(db, ids["C-C"], [(S.IN_PROGRESS, D(2025, 5, 1), None)])
    home = _client_of(db, ids["C-B"])
    with db.unit_of_work(COORDINATOR) as uow:
        s = uow.session
        person = Person(employee_no="E1", name="佐藤 花子", home_organization_id=home)
        s.add(person)
        s.flush()

        def entry(day: date, minutes: int, order: int | None, status: TimeEntryStatus) -> TimeEntry:
            category = None if order is not None else OverheadCategory.OFFICE
            return TimeEntry(
                person_id=person.id,
                work_date=day,
                minutes=minutes,
                work_order_id=order,
                category=category,
                status=status,
            )

        s.add_all(
            [
                entry(D(2025, 3, 31), 60, mine[0], TimeEntryStatus.APPROVED),  # FY2024
                entry(D(2025, 4, 1), 90, mine[0], TimeEntryStatus.DRAFT),  # FY2025
                entry(D(2026, 3, 31), 30, mine[1], TimeEntryStatus.APPROVED),  # FY2025
                entry(D(2026, 3, 31), 45, mine[1], TimeEntryStatus.SUBMITTED),  # FY2025
                entry(D(2025, 4, 2), 999, other[0], TimeEntryStatus.APPROVED),  # not this one
                entry(D(2025, 4, 3), 480, None, TimeEntryStatus.APPROVED),  # overhead
            ]
        )
    hours = contract_card(db, ids["C-B"]).hours
    assert [(h.fiscal_year, h.minutes, h.approved_minutes) for h in hours] == [
        (2024, 60, 60),
        (2025, 165, 30),
    ]
    assert [(h.fiscal_year, h.minutes) for h in contract_card(db, ids["C-C"]).hours] == [
        (2025, 999)
    ]


def test_a_bulk_order_lists_its_group_side_by_side(db: Database) -> None:
    extra = _contract("C-E", "052019", D(2025, 4, 1), D(2026, 3, 31), 5_000_000, None, "県一括R7")
    ids = _add(db, *CONTRACTS, extra)
    _orders(db, ids["C-B"], [(S.COMPLETED, None, None), (S.PLANNED, None, None)])
    _orders(
        db,
        ids["C-C"],
        [(S.ACCEPTED, None, None), (S.COMPLETED, None, None), (S.CANCELLED, None, None)]
        + [(S.IN_PROGRESS, None, None)],
    )
    _orders(db, ids["C-D"], [(S.ACCEPTED, None, None)])  # another group
    group = contract_card(db, ids["C-C"]).group
    lines = [(g.number, g.client_name, g.amount_yen, g.live_orders, g.done_orders) for g in group]
    assert lines == [
        ("C-B", "能代市", 2_000_000, 2, 1),
        ("C-C", "秋田県", 9_000_000, 3, 2),
        ("C-E", "秋田市", 5_000_000, 0, 0),
    ]
    assert [g.progress_pct for g in group] == [Decimal("50.00"), Decimal("66.67"), Decimal("0.00")]
    assert [g.number for g in contract_card(db, ids["C-D"]).group] == ["C-D"]
    assert contract_card(db, ids["C-A"]).group == []


def test_a_missing_contract_is_not_found(db: Database) -> None:
    with pytest.raises(NotFound) as caught:
        contract_card(db, 4711)
    assert ("4711" in caught.value.ja, "not found" in caught.value.en) == (True, True)
