"""Inspection planning against the database, on SQLite and PostgreSQL: the preview's spread,
the orders created (planned, numbered after the year's highest number, with their assets,
history, audit and search index), what is skipped and refused, and all or nothing: an error
after the orders' insert leaves no order, no asset link, no audit entry."""

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, insert, select, update

from oneaqita.errors import PermissionDenied, ValidationError
from oneaqita.fiscal import fiscal_year
from oneaqita.inspection_plan import Priority
from oneaqita.models import (
    Asset,
    AssetKind,
    AssetStatus,
    AuditEntry,
    Urgency,
    WorkOrder,
    WorkOrderEvent,
    WorkOrderStatus,
)
from oneaqita.models import work_order_assets as woa
from oneaqita.services import plan_writing
from oneaqita.services.actor import Actor
from oneaqita.services.asset_picking import AssetFilter
from oneaqita.services.changes import Change, Entity
from oneaqita.services.contracts import upsert_contract
from oneaqita.services.database import Database
from oneaqita.services.inspection_planning import (
    PlanPreview,
    PlanRequest,
    create_plan,
    preview_plan,
)
from oneaqita.services.records import ContractData
from oneaqita.services.unit_of_work import UnitOfWork
from oneaqita.services.work_order_editing import WorkOrderData, create_work_order
from oneaqita.services.work_order_queries import WorkOrderFilter, count_work_orders
from tests.staffing_builders import ADMIN, COORDINATOR, SECONDED, add_bodies

TODAY = date(2025, 4, 1)  # the plans start on the first day of the contracts


def preview(db: Database, request: PlanRequest) -> PlanPreview:
    return preview_plan(db, request, today=TODAY)


def create(db: Database, actor: Actor, request: PlanRequest, token: str | None) -> Change:
    return create_plan(db, actor, request, token, today=TODAY)


def add_contract(db: Database, number: str, start: date, end: date) -> int:
    with db.unit_of_work(COORDINATOR) as uow:
        data = ContractData(number, "秋田市", "管路点検", start, end, 1000)
        return upsert_contract(uow, data)[0]


def add_pipes(db: Database, owner: int, rows: list[dict[str, Any]]) -> None:
    with db.unit_of_work(ADMIN) as uow:
        uow.session.execute(
            insert(Asset),
            [
                {
                    "kind": AssetKind.PIPE,
                    "owner_id": owner,
                    "service_life_years": 50,
                    "district": "旭北",
                    **row,
                }
                for row in rows
            ],
        )


@pytest.fixture
def base(db: Database) -> dict[str, int]:
    bodies = add_bodies(db)
    contract = add_contract(db, "K-1", date(2025, 4, 1), date(2028, 3, 31))  # FY2025–2027
    add_pipes(
        db,
        bodies["052019"],
        [
            {
                "code": f"052019-P-{i:06d}",
                "installed_year": 1960 + i,
                "length_m": Decimal(10 * i),
                "district": "旭北" if i % 3 else "土崎",
            }
            for i in range(1, 31)  # 10 … 300 m, 4,650 m in all
        ]
        + [{"code": "052019-P-RETIRED", "length_m": Decimal(5), "status": AssetStatus.RETIRED}],
    )
    return {"contract": contract, "akita": bodies["052019"], "noshiro": bodies["052027"]}


def _request(base: dict[str, int], **kw: Any) -> PlanRequest:
    flt = AssetFilter(owner_id=base["akita"], kind=AssetKind.PIPE, status=AssetStatus.IN_SERVICE)
    values = {"contract_id": base["contract"], "asset_filter": flt, "per_order": 4, **kw}
    return PlanRequest(**values)


def _counts(db: Database) -> tuple[int, int, int, int]:
    with db.read() as s:
        return (
            s.scalar(select(func.count()).select_from(WorkOrder)) or 0,
            s.scalar(select(func.count()).select_from(woa)) or 0,
            s.scalar(select(func.count()).select_from(WorkOrderEvent)) or 0,
            s.scalar(select(func.count()).where(AuditEntry.entity == str(Entity.WORK_ORDERS))) or 0,
        )


def test_the_preview_levels_the_length_over_the_contracts_years(
    db: Database, base: dict[str, int]
) -> None:
    plan = preview(db, _request(base))
    assert [y.fiscal_year for y in plan.years] == [2025, 2026, 2027]
    assert plan.asset_count == 30 and plan.skipped == 0 and plan.unmeasured == 0
    km = [y.length_km for y in plan.years]
    assert sum(km) == Decimal("4.65")
    assert all(abs(k - Decimal("1.55")) <= Decimal("0.300") for k in km)  # ≤ the longest pipe
    # oldest first: every asset of a year is older than every asset of the next year
    codes = [
        [a for o in plan.orders if o.fiscal_year == fy for a in o.asset_ids]
        for fy in (2025, 2026, 2027)
    ]
    assert max(codes[0]) < min(codes[1]) and max(codes[1]) < min(codes[2])
    assert all(o.asset_count <= 4 for o in plan.orders)
    assert sum(y.orders for y in plan.years) == plan.order_count
    assert _counts(db) == (0, 0, 0, 0)  # a preview writes nothing


def test_years_chosen_and_worst_first(db: Database, base: dict[str, int]) -> None:
    with db.unit_of_work(ADMIN) as uow:
        uow.session.execute(
            update(Asset).where(Asset.code == "052019-P-000030").values(condition=Urgency.I)
        )
    plan = preview(db, _request(base, years=(2027, 2026), priority=Priority.WORST))
    assert [y.fiscal_year for y in plan.years] == [2026, 2027]
    first = plan.orders[0]
    assert first.fiscal_year == 2026 and first.planned_start >= date(2026, 4, 1)
    with db.read() as s:
        worst = s.scalar(select(Asset.id).where(Asset.code == "052019-P-000030"))
    assert worst in {a for o in plan.orders if o.fiscal_year == 2026 for a in o.asset_ids}


def test_create_writes_planned_orders_numbered_after_the_years_highest(
    db: Database, base: dict[str, int]
) -> None:
    existing = create_work_order(
        db,
        COORDINATOR,
        WorkOrderData("K-1", "analysis", "経営分析", planned_start=date(2025, 5, 1)),
    )
    assert existing.created_id(Entity.WORK_ORDERS) is not None
    plan = preview(db, _request(base))
    change = create(db, COORDINATOR, _request(base), plan.token)
    assert change.touches(Entity.WORK_ORDERS)
    with db.read() as s:
        created = s.scalars(select(WorkOrder.id).where(WorkOrder.type == "inspection")).all()
    assert len(created) == plan.order_count
    with db.read() as s:
        rows = s.execute(
            select(WorkOrder.number, WorkOrder.status, WorkOrder.planned_start, WorkOrder.title)
            .where(WorkOrder.id.in_(created))
            .order_by(WorkOrder.number)
        ).all()
        links = s.scalar(select(func.count()).where(woa.c.work_order_id.in_(created)))
        events = s.execute(
            select(WorkOrderEvent.from_status, WorkOrderEvent.to_status).where(
                WorkOrderEvent.work_order_id.in_(created)
            )
        ).all()
        audited = s.scalars(
            select(AuditEntry.after).where(
                AuditEntry.entity == str(Entity.WORK_ORDERS), AuditEntry.action == "create"
            )
        ).all()
    fy2025 = [r.number for r in rows if fiscal_year(r.planned_start) == 2025]
    assert fy2025[0] == "WO-2025-000002"  # after the order typed before
    assert fy2025 == [f"WO-2025-{n:06d}" for n in range(2, 2 + len(fy2025))]
    assert any(r.number == "WO-2026-000001" for r in rows)
    assert {r.status for r in rows} == {WorkOrderStatus.PLANNED}
    assert links == 30
    assert events == [(None, WorkOrderStatus.PLANNED)] * len(created)
    assert len(audited) == len(created) + 1
    assert sum(a["asset_count"] for a in audited if a["status"] == "planned") == 30
    assert count_work_orders(db, WorkOrderFilter(text=rows[0].title.split()[1])) >= 1


def test_assets_in_an_unfinished_inspection_of_the_contract_are_skipped(
    db: Database, base: dict[str, int]
) -> None:
    first = preview(db, _request(base, years=(2025,)))
    create(db, COORDINATOR, _request(base, years=(2025,)), first.token)
    with pytest.raises(ValidationError) as err:
        preview(db, _request(base))  # all 30 are in the orders just made
    assert err.value.field == "filter" and "30 件はすべて" in err.value.ja
    with db.unit_of_work(ADMIN) as uow:  # one more pipe arrives
        add = {"code": "052019-P-NEW", "kind": AssetKind.PIPE, "owner_id": base["akita"]}
        uow.session.execute(insert(Asset), [{**add, "service_life_years": 50}])
    again = preview(db, _request(base))
    assert again.asset_count == 1 and again.skipped == 30 and again.unmeasured == 1


def test_a_change_after_the_preview_is_refused_and_nothing_written(
    db: Database, base: dict[str, int]
) -> None:
    plan = preview(db, _request(base))
    with db.unit_of_work(ADMIN) as uow:
        uow.session.execute(
            update(Asset).where(Asset.code == "052019-P-000001").values(length_m=Decimal(999))
        )
    with pytest.raises(ValidationError) as err:
        create(db, COORDINATOR, _request(base), plan.token)
    assert err.value.field == "plan" and "もう一度試算" in err.value.ja
    assert _counts(db)[0] == 0


def test_an_error_after_the_orders_insert_leaves_nothing(
    db: Database, base: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    real = plan_writing.insert_orders

    def insert_then_fail(*args: Any) -> list[int]:
        ids = real(*args)
        assert ids
        raise RuntimeError("disk gone")

    monkeypatch.setattr(plan_writing, "insert_orders", insert_then_fail)
    plan = preview(db, _request(base))
    before = _counts(db)
    with pytest.raises(RuntimeError):
        create(db, COORDINATOR, _request(base), plan.token)
    assert _counts(db) == before == (0, 0, 0, 0)


def test_a_failing_audit_after_everything_else_leaves_nothing(
    db: Database, base: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*_args: Any, **_kw: Any) -> None:
        raise RuntimeError("audit failed")

    monkeypatch.setattr(UnitOfWork, "reindex_work_orders", fail)
    with pytest.raises(RuntimeError):
        create(db, COORDINATOR, _request(base), None)
    assert _counts(db) == (0, 0, 0, 0)


def test_only_those_who_edit_work_orders_plan(db: Database, base: dict[str, int]) -> None:
    plan = preview(db, _request(base))
    with pytest.raises(PermissionDenied):
        create(db, SECONDED, _request(base), plan.token)
    assert _counts(db)[0] == 0


def test_a_one_year_contract_is_planned_in_its_period(db: Database, base: dict[str, int]) -> None:
    short = add_contract(db, "K-2", date(2025, 10, 1), date(2026, 3, 31))
    plan = preview(db, PlanRequest(short, per_order=50))
    assert [y.fiscal_year for y in plan.years] == [2025]
    assert all(date(2025, 10, 1) <= o.planned_start for o in plan.orders)
    assert plan.asset_count == 30  # the retired pipe is not planned


@pytest.mark.parametrize(
    ("kw", "field", "ja"),
    [
        ({"years": (2024,)}, "years", "期間"),
        ({"years": (2030, 2026)}, "years", "期間"),
        ({"per_order": 0}, "per_order", "1〜1,000"),
        ({"per_order": 10**12}, "per_order", "1〜1,000"),
        ({"asset_filter": AssetFilter(district="存在しない")}, "filter", "ありません"),
        ({"asset_filter": AssetFilter(district="旭北\x00")}, "district", "制御文字"),
        ({"work_type": "=cmd|' /C calc'!A0"}, "work_type", "見つかりません"),
        ({"contract_id": 10**9}, "contract", "見つかりません"),
    ],
)
def test_refusals_say_where_and_why(
    db: Database, base: dict[str, int], kw: dict[str, Any], field: str, ja: str
) -> None:
    with pytest.raises(ValidationError) as err:
        preview(db, _request(base, **kw))
    assert err.value.field == field and ja in err.value.ja, err.value.ja
    with pytest.raises(ValidationError):
        create(db, COORDINATOR, _request(base, **kw), None)
    assert _counts(db)[0] == 0


def test_nothing_is_planned_before_today(db: Database, base: dict[str, int]) -> None:
    later = date(2026, 12, 1)
    plan = preview_plan(db, _request(base), today=later)
    assert [y.fiscal_year for y in plan.years] == [2026, 2027]  # FY2025 is over
    assert min(o.planned_start for o in plan.orders) == later
    with pytest.raises(ValidationError) as err:
        preview_plan(db, _request(base, years=(2025,)), today=later)
    assert err.value.field == "years" and "稼働日がありません" in err.value.ja
    with pytest.raises(ValidationError) as err:
        preview_plan(db, _request(base), today=date(2028, 4, 1))
    assert err.value.field == "years" and "終わっています" in err.value.ja
