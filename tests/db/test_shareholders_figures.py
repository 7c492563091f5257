"""The figures of the report to the shareholders against the hand-computed case of
tests/shareholders_builders.py, on SQLite and PostgreSQL."""

from datetime import date
from decimal import Decimal

import pytest

from oneaqita.errors import NotFound, PermissionDenied, ValidationError
from oneaqita.models import (
    Kpi,
    Role,
    WorkOrder,
    WorkOrderStatus,
)
from oneaqita.reports.report_period import report_period
from oneaqita.reports.shareholders_figures import body_statement, shareholders_figures
from oneaqita.reports.shareholders_work import WorkCell, thousand_yen, work_pair
from oneaqita.services.actor import SYSTEM_ACTOR, Actor
from oneaqita.services.database import Database
from oneaqita.services.kpi_targets import set_kpi_target
from tests.builders import city_contract
from tests.settlement_builders import add_user
from tests.shareholders_builders import build_shareholders_case

TODAY = date(2026, 12, 1)
M = Decimal


@pytest.fixture
def manager(db: Database) -> Actor:
    build_shareholders_case(db)
    return add_user(db, "boss", Role.MANAGER)


def test_the_period_and_the_year_before() -> None:
    year = report_period(2025)
    assert (year.start, year.end, year.label) == (date(2025, 4, 1), date(2026, 3, 31), "令和7年度")
    assert year.label_long == "令和7年度 (2025年度)"
    q4 = report_period(2025, 4)
    assert (q4.start, q4.end, q4.label) == (
        date(2026, 1, 1),
        date(2026, 3, 31),
        "令和7年度 第4四半期",
    )
    assert q4.previous == report_period(2024, 4)
    assert year.as_of(date(2025, 8, 1)) == date(2025, 8, 1)  # still running: the day of issue
    assert year.as_of(TODAY) == date(2026, 3, 31)
    for bad in (1999, 2201, True, "2025"):
        with pytest.raises(ValidationError) as err:
            report_period(bad)  # type: ignore[arg-type]
        assert err.value.field == "fiscal_year"
    for quarter in (0, 5, True):
        with pytest.raises(ValidationError):
            report_period(2025, quarter)  # type: ignore[arg-type]


def test_thousands_round_half_up() -> None:
    assert [thousand_yen(y) for y in (0, 499, 500, 1_499, 1_500, 9_033_333)] == [
        0,
        0,
        1,
        1,
        2,
        9_033,
    ]


def test_register_sides_and_staff_by_origin(db: Database, manager: Actor) -> None:
    f = shareholders_figures(db, manager, 2025, today=TODAY)
    assert f.as_of == date(2026, 3, 31)
    c = f.company
    assert c.capital_yen == 100_000_000 and c.register.total_shares == 10_000
    assert [(x.label, x.holders, x.shares, x.percent) for x in c.sides] == [
        ("県", 1, 1_821, M("18.21")),
        ("市町村 (2団体)", 2, 3_279, M("32.79")),
        ("公共側 計", 3, 5_100, M("51.00")),
        ("民間側 計", 1, 4_900, M("49.00")),
    ]
    rows = {r.origin: (r.by_kind, r.total, r.previous_total) for r in f.staff.rows}
    assert rows == {
        "県派遣": ((0, 1, 0), 1, 0),
        "市町村派遣": ((1, 0, 0), 1, 0),
        "民間出向": ((0, 0, 0), 0, 1),
        "固有職員": ((0, 0, 0), 2, 1),
    }
    assert (f.staff.total, f.staff.previous_total) == (4, 2)


def test_work_per_body_and_service_against_last_year(db: Database, manager: Actor) -> None:
    f = shareholders_figures(db, manager, 2025, today=TODAY)
    bodies = {b.code: (b.current, b.previous) for b in f.by_body}
    assert bodies == {
        "052019": (WorkCell(3, 9_000_000, M("2900.00"), 1_200), WorkCell()),
        "052027": (WorkCell(1, 33_333, M("50.00"), 0), WorkCell(1, 500_000, M("50.00"), 240)),
    }
    services = {s.code: (s.name, s.current, s.previous) for s in f.by_service}
    assert services == {
        "inspection": ("点検", WorkCell(2, 3_033_333, M("1700.00"), 480), WorkCell()),
        "tv_survey": ("TVカメラ調査", WorkCell(1, 3_000_000, M("1250.00"), 720), WorkCell()),
        "cleaning": ("清掃", WorkCell(), WorkCell(1, 500_000, M("50.00"), 240)),
        "stock_plan": ("ストックマネジメント計画策定", WorkCell(1, 3_000_000, M(0), 0), WorkCell()),
    }
    assert [s.code for s in f.by_service] == ["stock_plan", "inspection", "tv_survey", "cleaning"]
    assert f.total == WorkCell(4, 9_033_333, M("2950.00"), 1_200)
    assert (f.total.amount_thousand, f.total.km, f.total.person_days) == (9_033, M("3.0"), M("2.5"))
    key = {k.name: (k.current, k.previous) for k in f.key_figures}
    assert key["受託件数 (完了)"] == (4, 1)
    assert key["受託金額"] == (9_033, 500)
    assert key["契約件数"] == (2, 1)
    assert key["点検・調査延長"] == (M("2.95"), M("0"))
    assert key["作業量"] == (M("2.5"), M("0.5"))
    assert key["職員数 (期末)"] == (4, 2)
    assert next(k for k in f.key_figures if k.name == "受託件数 (完了)").change_pct == M("300.0")


def test_a_quarter_counts_only_its_months(db: Database, manager: Actor) -> None:
    f = shareholders_figures(db, manager, 2025, 1, today=TODAY)
    assert f.as_of == date(2025, 6, 30)
    assert {b.code: b.current for b in f.by_body} == {
        "052019": WorkCell(1, 3_000_000, M("1650.00"), 480),
        "052027": WorkCell(1, 33_333, M("50.00"), 0),
    }
    assert {k.kpi: k.actual for k in f.kpis}[Kpi.KM_INSPECTED] == M("1.70")


def test_kpis_against_their_targets(db: Database, manager: Actor) -> None:
    set_kpi_target(db, manager, 2025, Kpi.KM_INSPECTED, "5.9")
    set_kpi_target(db, manager, 2025, Kpi.ORDERS_ACCEPTED, 0)
    set_kpi_target(db, manager, 2024, Kpi.PLANS_DELIVERED, 9)  # another year: not shown
    f = shareholders_figures(db, manager, 2025, today=TODAY)
    lines = {k.kpi: (k.unit, k.target, k.actual, k.achieved_pct) for k in f.kpis}
    assert {k.kpi: k.previous for k in f.kpis if k.previous} == {}  # FY2024: nothing inspected
    assert lines == {
        Kpi.KM_INSPECTED: ("km", M("5.90"), M("2.95"), M("50.0")),
        Kpi.KM_URGENCY_I: ("km", None, M("0.00"), None),
        Kpi.KM_URGENCY_II: ("km", None, M("1.25"), None),
        Kpi.KM_URGENCY_III: ("km", None, M("0.40"), None),
        Kpi.ORDERS_ACCEPTED: ("件", M("0.00"), M(2), None),  # a target of 0: no ratio
        Kpi.PLANS_DELIVERED: ("件", None, M(1), None),
        Kpi.TRAINING_HOURS: ("時間", None, M("1.50"), None),
        Kpi.TRAININGS_HELD: ("回", None, M(0), None),  # no course: tests/db/test_shareholders_kpi
        Kpi.COST_REDUCTION: ("千円", None, M(0), None),
    }


def test_asset_condition_per_owner(db: Database, manager: Actor) -> None:
    f = shareholders_figures(db, manager, 2025, today=TODAY)
    rows = {code: (r.counts, r.km) for code, _, r in f.conditions}
    assert rows == {
        "052019": ((0, 1, 1, 1), (M("0.0"), M("1.3"), M("0.4"), M("0.0"))),  # P9 is retired
        "052027": ((0, 0, 0, 1), (M("0.0"), M("0.0"), M("0.0"), M("0.1"))),
    }
    assert f.condition_total.counts == (0, 1, 1, 2)
    assert f.condition_total.total_km == M("1.7")


def test_one_statement_per_public_shareholder(db: Database, manager: Actor) -> None:
    f = shareholders_figures(db, manager, 2025, today=TODAY)
    assert [b.code for b in f.bodies] == ["050008", "052019", "052027"]  # not the partner
    akita = f.bodies[1]
    assert akita.holding is not None and akita.holding.percent == M("20.00")
    assert (akita.seconded, [c.number for c in akita.contracts]) == (1, ["C-A"])
    assert akita.total == WorkCell(3, 9_000_000, M("2900.00"), 1_200)
    assert [s.code for s in akita.services] == ["stock_plan", "inspection", "tv_survey"]
    noshiro = f.bodies[2]
    assert [c.number for c in noshiro.contracts] == ["C-N2"]
    assert noshiro.previous_total == WorkCell(1, 500_000, M("50.00"), 240)
    prefecture = f.bodies[0]
    assert (prefecture.services, prefecture.seconded, prefecture.total) == ((), 1, WorkCell())
    one = body_statement(db, manager, " 052019 ", 2025, today=TODAY)
    assert one.body == akita and one.company_name == "株式会社ONE・AQITA"


def test_statement_refusals(db: Database, manager: Actor) -> None:
    with pytest.raises(NotFound):
        body_statement(db, manager, "999999", 2025)
    with pytest.raises(ValidationError) as err:
        body_statement(db, manager, "P001", 2025)
    assert err.value.field == "body"
    nobody = Actor(user_id=None, login="ghost", role=Role.MANAGER)
    with pytest.raises(PermissionDenied):
        shareholders_figures(db, nobody, 2025)


def test_each_order_s_share_is_whole_yen(db: Database) -> None:
    """A contract of 100 yen over 3 live orders, all done: each order's share is 33 yen, so
    the period's amount is 99 — divided as fractions (33.33… three times) it came to 100, or
    99 or 100 by the order of the sum."""
    with db.unit_of_work(SYSTEM_ACTOR) as uow:
        s = uow.session
        contract = city_contract(s, "三分割", date(2025, 4, 1), date(2026, 3, 31), 100)
        s.add_all(
            WorkOrder(
                number=f"W{n}",
                contract=contract,
                title=f"W{n}",
                type="inspection",
                status=WorkOrderStatus.COMPLETED,
                actual_end=date(2025, 6, n),
            )
            for n in (1, 2, 3)
        )
    with db.read() as session:
        now, _before = work_pair(session, report_period(2025))
    assert now.total().amount_yen == 99 and now.total().orders == 3
