"""The dashboard's figures and the contract progress, against a small case computed by hand
(today 2025-10-15, FY2025; October 2025 has 22 working days, 13 October being スポーツの日,
10 of them up to the 15th)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest

from oneaqita.errors import PermissionDenied
from oneaqita.models import (
    Asset,
    AssetKind,
    Contract,
    Finding,
    FindingRank,
    Organization,
    OrganizationKind,
    OverheadCategory,
    Person,
    Role,
    Secondment,
    SecondmentKind,
    TimeEntry,
    TimeEntryStatus,
    Urgency,
    WorkOrder,
    WorkOrderStatus,
)
from oneaqita.reports.contract_progress import contract_progress
from oneaqita.reports.dashboard_figures import (
    STANDARD_DAY_MINUTES,
    dashboard,
    hours_against_capacity,
    open_orders,
    overdue_orders,
    secondments_ending,
    urgent_findings,
)
from oneaqita.search import reindex_work_orders
from oneaqita.services.actor import SYSTEM_ACTOR
from oneaqita.services.database import Database
from oneaqita.services.work_order_queries import (
    WorkOrderFilter,
    WorkOrderSort,
    count_work_orders,
    list_work_orders,
)
from tests.settlement_builders import add_user

S = WorkOrderStatus
D = date
TODAY = D(2025, 10, 15)

# number, contract, status, planned start, planned end, actual start
ORDERS = (
    ("o1", "C-1", S.DRAFT, D(2025, 10, 1), D(2025, 10, 10), None),  # overdue
    ("o2", "C-1", S.PLANNED, D(2025, 11, 1), D(2025, 11, 30), None),
    ("o3", "C-1", S.IN_PROGRESS, D(2025, 9, 1), D(2025, 10, 14), D(2025, 9, 1)),  # overdue
    ("o4", "C-1", S.COMPLETED, D(2025, 5, 1), D(2025, 5, 31), D(2025, 5, 1)),
    ("o5", "C-1", S.ACCEPTED, D(2025, 6, 1), D(2025, 6, 30), D(2025, 6, 1)),
    ("o6", "C-1", S.CANCELLED, D(2025, 7, 1), D(2025, 7, 2), None),  # past, but cancelled
    ("o7", "C-1", S.IN_PROGRESS, D(2025, 10, 1), None, D(2025, 10, 1)),  # no planned end
    ("o8", "C-2", S.COMPLETED, D(2024, 6, 1), D(2024, 6, 30), D(2024, 6, 1)),  # FY2024
    ("o9", "C-2", S.PLANNED, D(2025, 12, 1), D(2025, 12, 5), None),
    ("o10", "C-2", S.DRAFT, None, None, None),  # no fiscal year
    ("o11", "C-3", S.ACCEPTED, D(2023, 6, 1), D(2023, 6, 30), D(2023, 6, 1)),
)
# asset, kind, owner: which orders hold it
ASSETS = (
    ("a1", AssetKind.PIPE, "052019", ("o3",)),
    ("a2", AssetKind.PIPE, "052019", ("o3", "o2")),  # o2 follows the survey up: acted on
    ("a3", AssetKind.MANHOLE, "052027", ("o3", "o6")),
    ("a4", AssetKind.PIPE, "052027", ("o3", "o6", "o4")),  # o6 cancelled, o4 before: not
)
# order, asset, category, rank, given urgency
FINDINGS = (
    ("o3", "a1", "腐食", FindingRank.A, None),  # span item a: I
    ("o3", "a1", "クラック", FindingRank.C, None),  # its span is I: I too
    ("o3", "a2", "破損", FindingRank.A, None),  # two per-length a: I (but acted on)
    ("o3", "a2", "クラック", FindingRank.A, None),
    ("o3", "a3", "破損", FindingRank.A, Urgency.II),  # given II wins
    ("o3", "a4", "浸入水", FindingRank.C, Urgency.I),  # given I
    ("o6", "a3", "腐食", FindingRank.A, None),  # a cancelled order's: never counted
)
# person, body, start, end
SECONDMENTS = (
    ("p1", "052019", D(2025, 4, 1), None),
    ("p2", "052019", D(2025, 10, 8), D(2025, 10, 20)),  # ends within 90 days
    ("p3", "P001", D(2024, 4, 1), D(2025, 9, 30)),
    ("p3", "052027", D(2025, 10, 1), None),
    ("p4", "052027", D(2025, 4, 1), D(2026, 1, 13)),  # the 90th day
)
# person, day, minutes, status
ENTRIES = (
    ("p1", D(2025, 10, 1), 480, TimeEntryStatus.APPROVED),
    ("p1", D(2025, 10, 2), 450, TimeEntryStatus.DRAFT),
    ("p1", D(2025, 10, 3), 300, TimeEntryStatus.RETURNED),  # not counted
    ("p1", D(2025, 9, 30), 480, TimeEntryStatus.APPROVED),  # another month
    ("p2", D(2025, 10, 7), 240, TimeEntryStatus.DRAFT),  # before the secondment
    ("p2", D(2025, 10, 8), 465, TimeEntryStatus.SUBMITTED),
    ("p3", D(2025, 9, 30), 480, TimeEntryStatus.APPROVED),
    ("p3", D(2025, 10, 1), 420, TimeEntryStatus.APPROVED),  # from 能代市 now
)


@dataclass
class Case:
    bodies: dict[str, int]
    orders: dict[str, int]


def build_case(db: Database) -> Case:
    with db.unit_of_work(SYSTEM_ACTOR) as uow:
        s = uow.session
        orgs = {
            code: Organization(code=code, kind=kind, name_ja=name)
            for code, kind, name in (
                ("052019", OrganizationKind.CITY, "秋田市"),
                ("052027", OrganizationKind.CITY, "能代市"),
                ("P001", OrganizationKind.PARTNER, "東北管路テスト株式会社"),
            )
        }
        s.add_all(orgs.values())
        s.flush()
        contracts = {
            "C-1": Contract(
                number="C-1",
                client_id=orgs["052019"].id,
                title="包括委託",
                start_date=D(2025, 4, 1),
                end_date=D(2026, 3, 31),
                amount_yen=12_000_000,
            ),
            "C-2": Contract(
                number="C-2",
                client_id=orgs["052027"].id,
                title="複数年度委託",
                start_date=D(2024, 4, 1),
                end_date=D(2026, 3, 31),
                amount_yen=1_000_000,
            ),
            "C-3": Contract(
                number="C-3",
                client_id=orgs["052027"].id,
                title="前々年度",
                start_date=D(2023, 4, 1),
                end_date=D(2024, 3, 31),
                amount_yen=5_000_000,
            ),
        }
        s.add_all(contracts.values())
        s.flush()
        orders = {}
        for number, contract, status, start, end, actual in ORDERS:
            orders[number] = WorkOrder(
                number=number,
                contract_id=contracts[contract].id,
                title=number,
                type="inspection",
                status=status,
                planned_start=start,
                planned_end=end,
                actual_start=actual,
            )
        s.add_all(orders.values())
        s.flush()
        assets = {}
        for code, kind, owner, held_by in ASSETS:
            assets[code] = Asset(
                code=code, kind=kind, owner_id=orgs[owner].id, service_life_years=50
            )
            s.add(assets[code])
            for number in held_by:
                orders[number].assets.append(assets[code])
        s.flush()
        for number, asset, category, rank, urgency in FINDINGS:
            s.add(
                Finding(
                    work_order_id=orders[number].id,
                    asset_id=assets[asset].id,
                    category=category,
                    rank=rank,
                    urgency=urgency,
                )
            )
        people = {
            p: Person(
                employee_no=p.upper(), name=f"職員 {p}", home_organization_id=orgs["052019"].id
            )
            for p in ("p1", "p2", "p3", "p4")
        }
        s.add_all(people.values())
        s.flush()
        for person, body, start, end in SECONDMENTS:
            s.add(
                Secondment(
                    person_id=people[person].id,
                    from_organization_id=orgs[body].id,
                    kind=SecondmentKind.ON_ROLL,
                    start_date=start,
                    end_date=end,
                )
            )
        for person, day, minutes, status in ENTRIES:
            s.add(
                TimeEntry(
                    person_id=people[person].id,
                    work_date=day,
                    minutes=minutes,
                    category=OverheadCategory.OFFICE,
                    status=status,
                )
            )
        s.flush()
        reindex_work_orders(s)
        return Case({c: o.id for c, o in orgs.items()}, {n: o.id for n, o in orders.items()})


@pytest.fixture
def case(db: Database) -> Case:
    return build_case(db)


def test_open_orders_by_client_body_and_status(db: Database, case: Case) -> None:
    tile = open_orders(db)
    by_code = {b.code: b for b in tile.bodies}
    assert by_code["052019"].counts == {S.DRAFT: 1, S.PLANNED: 1, S.IN_PROGRESS: 2}
    assert by_code["052027"].counts == {S.DRAFT: 1, S.PLANNED: 1, S.IN_PROGRESS: 0}
    assert [b.code for b in tile.bodies] == ["052019", "052027"]  # most open first
    assert tile.total == 6
    assert tile.counts == {S.DRAFT: 2, S.PLANNED: 2, S.IN_PROGRESS: 2}


def test_overdue_orders_and_the_list_filter_agree(db: Database, case: Case) -> None:
    tile = overdue_orders(db, TODAY)
    assert [(b.code, b.orders, b.oldest_end) for b in tile.bodies] == [
        ("052019", 2, D(2025, 10, 10))
    ]
    assert tile.total == 2
    assert tile.longest_days == 5
    assert count_work_orders(db, WorkOrderFilter(overdue_on=TODAY)) == 2
    listed = list_work_orders(db, WorkOrderFilter(overdue_on=TODAY, sort=WorkOrderSort.NUMBER))
    assert [r.number for r in listed] == ["o3", "o1"]  # numbers descending
    # On the day o1 ends it is not yet overdue; o3 neither (it ends later).
    assert count_work_orders(db, WorkOrderFilter(overdue_on=D(2025, 10, 10))) == 0
    both = WorkOrderFilter(overdue_on=TODAY, client_id=case.bodies["052027"])
    assert count_work_orders(db, both) == 0


def test_urgency_i_findings_not_acted_on(db: Database, case: Case) -> None:
    tile = urgent_findings(db)
    assert (tile.findings, tile.orders, tile.assets) == (3, 1, 2)
    assert [(b.code, b.findings, b.assets) for b in tile.bodies] == [
        ("052019", 2, 1),
        ("052027", 1, 1),
    ]
    assert count_work_orders(db, WorkOrderFilter(urgent_findings=True)) == 1
    assert count_work_orders(db, WorkOrderFilter(urgent_findings=True, text="o3")) == 1
    assert [r.number for r in list_work_orders(db, WorkOrderFilter(urgent_findings=True))] == ["o3"]


def test_a_follow_up_order_acts_on_the_finding(db: Database, case: Case) -> None:
    with db.unit_of_work(SYSTEM_ACTOR) as uow:
        follow_up = uow.session.get(WorkOrder, case.orders["o9"])
        assert follow_up is not None
        a4 = uow.session.query(Asset).filter_by(code="a4").one()
        follow_up.assets.append(a4)  # planned for December: after the survey
    assert urgent_findings(db).findings == 2
    with db.unit_of_work(SYSTEM_ACTOR) as uow:
        follow_up = uow.session.get(WorkOrder, case.orders["o9"])
        assert follow_up is not None
        follow_up.status = S.CANCELLED  # a cancelled follow-up acts on nothing
    assert urgent_findings(db).findings == 3


def test_hours_against_capacity_by_sending_body(db: Database, case: Case) -> None:
    tile = hours_against_capacity(db, TODAY)
    assert (tile.month, tile.working_days, tile.working_days_to_date) == (D(2025, 10, 1), 22, 10)
    by_code = {b.code: b for b in tile.bodies}
    assert set(by_code) == {"052019", "052027"}  # the partner's secondment ended in September
    akita, noshiro = by_code["052019"], by_code["052027"]
    assert akita.people == 2
    assert akita.minutes == 480 + 450 + 465
    assert akita.capacity_minutes == (22 + 8) * STANDARD_DAY_MINUTES == 13_950
    assert akita.capacity_to_date_minutes == (10 + 5) * 465
    assert akita.pct_to_date == Decimal("20.00")
    assert noshiro.people == 2  # p3 from October, p4
    assert noshiro.minutes == 420
    assert noshiro.capacity_minutes == 44 * 465
    assert noshiro.capacity_to_date_minutes == 20 * 465
    assert noshiro.pct_to_date == Decimal("4.52")  # 420 / 9,300
    assert tile.minutes == 1_815
    assert tile.capacity_to_date_minutes == 35 * 465
    assert tile.pct_to_date == Decimal("11.15")  # 1,815 / 16,275


def test_secondments_ending_within_90_days(db: Database, case: Case) -> None:
    tile = secondments_ending(db, TODAY)
    assert [(r.employee_no, r.end, r.days_left) for r in tile.rows] == [
        ("P2", D(2025, 10, 20), 5),
        ("P4", D(2026, 1, 13), 90),
    ]
    assert (tile.total, tile.within(30)) == (2, 1)


def test_contract_progress_of_a_fiscal_year(db: Database, case: Case) -> None:
    fy = contract_progress(db, 2025)
    assert [c.number for c in fy.contracts] == ["C-1", "C-2"]  # C-3 ended in FY2023
    c1, c2 = fy.contracts
    assert c1.counts == {
        S.DRAFT: 1,
        S.PLANNED: 1,
        S.IN_PROGRESS: 2,
        S.COMPLETED: 1,
        S.ACCEPTED: 1,
        S.CANCELLED: 1,
    }
    assert (c1.live, c1.done, c1.live_all_years) == (6, 2, 6)
    assert (c1.year_yen, c1.done_yen) == (12_000_000, 4_000_000)
    assert c1.progress_pct == Decimal("33.33")
    assert c1.amount_pct == Decimal("33.33")
    # C-2: three live orders over its years (FY2024, FY2025 and one not scheduled).
    assert (c2.orders, c2.live, c2.done, c2.live_all_years) == (1, 1, 0, 3)
    assert (c2.year_yen, c2.done_yen) == (333_333, 0)
    assert c2.progress_pct == Decimal("0.00")
    assert (fy.year_yen, fy.done_yen) == (12_333_333, 4_000_000)
    assert fy.done_pct_of_year == Decimal("32.43")
    assert fy.progress_pct == Decimal("28.57")  # 2 of 7
    previous = contract_progress(db, 2024)
    assert [(c.number, c.done, c.done_yen) for c in previous.contracts] == [("C-2", 1, 333_333)]


def test_contract_progress_agrees_with_the_contract_card(db: Database, case: Case) -> None:
    from oneaqita.services.contract_queries import DONE_STATUSES, contract_card

    fy = contract_progress(db, 2025)
    for line in fy.contracts:
        card = contract_card(db, line.contract_id)
        year = next(y for y in card.years if y.fiscal_year == 2025)
        assert line.done_yen == sum(year.share_yen[s] for s in DONE_STATUSES)
        assert line.counts == year.counts


def test_the_dashboard_is_for_managers_and_administrators(db: Database, case: Case) -> None:
    manager = add_user(db, "boss", Role.MANAGER)
    board = dashboard(db, manager, TODAY)
    assert board.open_orders.total == 6
    assert board.overdue.total == 2
    assert board.urgent.findings == 3
    assert board.hours.minutes == 1_815
    assert board.leaving.total == 2
    assert board.contracts.fiscal_year == 2025
    coordinator = add_user(db, "coord", Role.COORDINATOR)
    with pytest.raises(PermissionDenied):
        dashboard(db, coordinator, TODAY)
