"""The condition overview by hand: assets and km per 緊急度 and body, and the share of pipe
inspected in the last five years (inspection orders and findings, counted statuses only)."""

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import insert, select, update

from oneaqita.models import (
    Asset,
    AssetKind,
    AssetStatus,
    Finding,
    FindingRank,
    Urgency,
    WorkOrder,
    WorkOrderStatus,
    work_order_assets,
)
from oneaqita.reports.condition_overview import condition_overview
from oneaqita.services.database import Database
from tests.builders import build_sample
from tests.staffing_builders import COORDINATOR

K, U = AssetKind, Urgency
AS_OF = date(2026, 3, 31)


def _build(db: Database) -> tuple[int, int]:
    sample = build_sample(db)
    a, n = sample.akita_id, sample.noshiro_id
    wo1, wo2, wo3, wo4, _ = sample.work_order_ids

    def asset(code: str, kind: K, owner: int, metres: int | None, cond: U | None, **more: Any):  # type: ignore[no-untyped-def]
        return {"code": code, "kind": kind, "owner_id": owner, "length_m": metres,
                "condition": cond, **more}  # fmt: skip

    with db.unit_of_work(COORDINATOR) as uow:
        s = uow.session
        s.execute(
            insert(Asset),
            [
                asset("P1", K.PIPE, a, 100, U.I),  # on a TV survey of 2025: inspected
                asset("P2", K.PIPE, a, 50, U.II),  # on an inspection of 2020: too old
                asset("P3", K.PIPE, a, 30, None),  # a finding by a repair of 2025: inspected
                asset("P4", K.PIPE, a, 20, U.III),  # only cleaned: not inspected
                asset("P5", K.PIPE, a, 999, U.I, status=AssetStatus.CONSOLIDATED),
                asset("M1", K.MANHOLE, a, None, U.I),
                asset("N1", K.PIPE, n, 10, U.III),
            ],
        )
        ids = {code: i for code, i in s.execute(select(Asset.code, Asset.id))}
        s.execute(
            update(WorkOrder)
            .where(WorkOrder.id == wo2)
            .values(status=WorkOrderStatus.COMPLETED, actual_end=date(2025, 6, 10))
        )
        s.execute(
            update(WorkOrder)
            .where(WorkOrder.id == wo1)
            .values(status=WorkOrderStatus.COMPLETED, actual_end=date(2020, 1, 10))
        )
        s.execute(
            insert(work_order_assets),
            [
                {"work_order_id": wo2, "asset_id": ids["P1"]},
                {"work_order_id": wo1, "asset_id": ids["P2"]},
                {"work_order_id": wo3, "asset_id": ids["P4"]},
                {"work_order_id": wo3, "asset_id": ids["P5"]},
            ],
        )
        s.add(Finding(work_order_id=wo4, asset_id=ids["P3"], category="破損", rank=FindingRank.B))
    return a, n


def test_counts_km_and_inspected_share_per_body_by_hand(db: Database) -> None:
    akita_id, noshiro_id = _build(db)
    overview = condition_overview(db, COORDINATOR, AS_OF)
    akita, noshiro = overview.bodies
    assert (akita.owner_id, noshiro.owner_id) == (akita_id, noshiro_id)
    assert akita.count == {U.I: 2, U.II: 1, U.III: 1, None: 2}  # the sample's pipe: none
    assert [akita.km(u) for u in (U.I, U.II, U.III, None)] == [
        Decimal("0.1"),
        Decimal("0.05"),
        Decimal("0.02"),
        Decimal("0.03"),
    ]
    assert (akita.pipes, akita.pipe_metres) == (5, Decimal(200))
    assert (akita.inspected, akita.inspected_metres) == (2, Decimal(130))
    assert akita.inspected_share == Decimal("0.65")
    assert noshiro.count == {U.III: 1, None: 1} and noshiro.inspected_share == 0
    total = overview.total()
    assert total.count[U.III] == 2 and total.pipe_metres == Decimal(210)


def test_the_window_is_five_years_and_filters_by_body(db: Database) -> None:
    akita_id, _ = _build(db)
    later = condition_overview(db, COORDINATOR, date(2030, 6, 10), [akita_id])
    (akita,) = later.bodies
    assert akita.inspected == 0  # 2025-06-10 is five years before: no longer inside
    day_before = condition_overview(db, COORDINATOR, date(2030, 6, 9), [akita_id])
    assert day_before.bodies[0].inspected == 1  # the repair's finding dates from 2025-06-04
    earlier = condition_overview(db, COORDINATOR, date(2030, 6, 3), [akita_id])
    assert earlier.bodies[0].inspected == 2
