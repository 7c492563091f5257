"""The urgency-I rule "not yet acted on" (services/work_order_attention.py) in both its forms
(set-based, and one probe per candidate) gives exactly what the rule as first written gave —
one correlated "is there a later live order on the asset" per finding, kept here as the
reference — on hand-computed cases: a later order, a cancelled one, one on another asset, one
the same day and the day before, an undated one, an actual start before the planned one,
several findings on one asset, two surveys of one asset, the finding's own order as the latest,
ties, an undated survey, findings of orders that do not count, and a finding whose asset is not
on its order."""

from datetime import date

import pytest
from sqlalchemy import and_, exists, func, literal, or_, select
from sqlalchemy.orm import aliased

from oneaqita.condition import COUNTED_STATUSES, survey_date
from oneaqita.models import (
    Asset,
    AssetKind,
    Finding,
    FindingRank,
    Urgency,
    WorkOrder,
    WorkOrderStatus,
)
from oneaqita.models import work_order_assets as woa
from oneaqita.reports.dashboard_figures import urgent_findings
from oneaqita.services.actor import SYSTEM_ACTOR
from oneaqita.services.database import Database
from oneaqita.services.work_order_attention import _derived_urgent, computed_unacted
from oneaqita.services.work_order_queries import WorkOrderFilter, count_work_orders
from tests.builders import city_contract

S = WorkOrderStatus
D = date
A, B, C = FindingRank.A, FindingRank.B, FindingRank.C

# number, status, planned start, planned end, actual start, actual end
ORDERS = (
    ("w1", S.COMPLETED, D(2025, 5, 1), D(2025, 5, 31), D(2025, 5, 2), D(2025, 5, 20)),  # 5/20
    ("w2", S.ACCEPTED, D(2025, 8, 1), D(2025, 8, 31), D(2025, 8, 1), D(2025, 8, 10)),  # 8/10
    ("w3", S.IN_PROGRESS, D(2025, 9, 1), D(2025, 9, 30), D(2025, 9, 1), None),  # survey 9/1
    ("w4", S.IN_PROGRESS, None, None, None, None),  # a survey without any date: long past
    ("w5", S.DRAFT, D(2025, 5, 1), D(2025, 5, 31), None, None),  # does not count
    ("w6", S.CANCELLED, D(2025, 5, 1), D(2025, 5, 31), None, None),  # does not count
    ("w7", S.COMPLETED, D(2025, 5, 1), D(2025, 5, 31), None, D(2025, 4, 10)),  # 4/10, starts 5/1
    ("later", S.PLANNED, D(2025, 7, 1), D(2025, 7, 31), None, None),
    ("cancelled", S.CANCELLED, D(2025, 7, 1), D(2025, 7, 31), None, None),
    ("elsewhere", S.PLANNED, D(2025, 7, 1), D(2025, 7, 31), None, None),
    ("same_day", S.PLANNED, D(2025, 5, 20), D(2025, 5, 31), None, None),
    ("day_before", S.IN_PROGRESS, D(2025, 5, 19), D(2025, 5, 31), D(2025, 5, 19), None),
    ("undated", S.DRAFT, None, None, None, None),
    ("started_early", S.IN_PROGRESS, D(2025, 6, 1), D(2025, 6, 30), D(2025, 5, 10), None),
    ("tie", S.PLANNED, D(2025, 9, 1), D(2025, 9, 5), None, None),
    ("old", S.ACCEPTED, D(2020, 1, 1), D(2020, 1, 31), D(2020, 1, 1), D(2020, 1, 20)),
    ("between", S.PLANNED, D(2025, 4, 20), D(2025, 4, 30), None, None),
)
# asset: the orders it is on
ASSETS = (
    ("alone", ("w1",)),
    ("followed", ("w1", "later")),
    ("followed_cancelled", ("w1", "cancelled")),
    ("not_followed", ("w1",)),
    ("other_asset", ("elsewhere",)),  # the follow-up is on another asset
    ("same_day", ("w1", "same_day")),
    ("day_before", ("w1", "day_before")),
    ("undated_follow_up", ("w1", "undated")),
    ("started_early", ("w1", "started_early")),
    ("several", ("w1",)),
    ("two_surveys", ("w1", "w2")),
    ("own_latest", ("w3",)),
    ("tie", ("w3", "tie")),
    ("undated_survey", ("w4", "old")),
    ("undated_alone", ("w4",)),
    ("draft_only", ("w5",)),
    ("cancelled_only", ("w6",)),
    ("second_latest", ("w7", "between")),  # w7 starts last, `between` after w7's survey
    ("second_too_early", ("w7", "old")),
    ("unlinked_followed", ("later",)),  # w1's finding on it, but the asset is not on w1
    ("unlinked", ()),
)
# label, order, asset, category, rank, given urgency
FINDINGS = (
    ("alone", "w1", "alone", "浸入水", C, Urgency.I),
    ("followed", "w1", "followed", "腐食", A, None),
    ("followed_cancelled", "w1", "followed_cancelled", "腐食", A, None),
    ("not_followed", "w1", "not_followed", "破損", B, Urgency.I),
    ("same_day", "w1", "same_day", "たるみ", A, None),
    ("day_before", "w1", "day_before", "たるみ", A, None),
    ("undated_follow_up", "w1", "undated_follow_up", "腐食", A, None),
    ("started_early", "w1", "started_early", "腐食", A, None),
    ("several_span", "w1", "several", "腐食", A, None),  # span item a: I
    ("several_other", "w1", "several", "クラック", C, None),  # the span's I
    ("several_given", "w1", "several", "破損", A, Urgency.II),  # given II wins
    ("several_length_a", "w1", "several", "浸入水", A, Urgency.III),  # given III
    ("two_a_1", "w1", "not_followed", "クラック", A, None),  # not_followed: 破損 b given, so
    ("two_surveys_first", "w1", "two_surveys", "腐食", A, None),  # w2 follows w1 up
    ("two_surveys_second", "w2", "two_surveys", "腐食", A, None),  # w1 is before w2
    ("own_latest", "w3", "own_latest", "腐食", A, None),
    ("tie", "w3", "tie", "腐食", A, None),
    ("undated_survey", "w4", "undated_survey", "腐食", A, None),
    ("undated_alone", "w4", "undated_alone", "腐食", A, None),
    ("draft_only", "w5", "draft_only", "腐食", A, Urgency.I),
    ("cancelled_only", "w6", "cancelled_only", "腐食", A, Urgency.I),
    ("second_latest", "w7", "second_latest", "腐食", A, None),
    ("second_too_early", "w7", "second_too_early", "腐食", A, None),
    ("unlinked_followed", "w1", "unlinked_followed", "腐食", A, None),
    ("unlinked", "w1", "unlinked", "腐食", A, None),
    ("per_length_two_a_1", "w2", "alone", "破損", A, None),  # two per-length a: I
    ("per_length_two_a_2", "w2", "alone", "クラック", A, None),
    ("per_length_one_a", "w3", "alone", "破損", A, None),  # one per-length a: II
)
# What the rule gives, worked out by hand from the tables above.
UNACTED = {
    "alone",
    "followed_cancelled",
    "not_followed",
    "day_before",
    "started_early",
    "several_span",
    "several_other",
    "two_surveys_second",
    "own_latest",
    "undated_alone",
    "second_too_early",
    "unlinked",
    "per_length_two_a_1",  # `alone` is on w1 alone, before w2
    "per_length_two_a_2",
}
# not_followed's クラック a is a single per-length a (the 破損 is b): II, not counted.


def reference_rule():  # type: ignore[no-untyped-def]
    """The rule as first written: per finding, a correlated probe of the asset's other live
    orders starting on or after its survey."""
    follow_up = aliased(WorkOrder, name="follow_up")
    surveyed = func.coalesce(survey_date(), literal(D(1900, 1, 1)))
    begins = func.coalesce(follow_up.actual_start, follow_up.planned_start)
    acted_on = exists(
        select(1)
        .select_from(woa)
        .join(follow_up, follow_up.id == woa.c.work_order_id)
        .where(
            woa.c.asset_id == Finding.asset_id,
            woa.c.work_order_id != Finding.work_order_id,
            follow_up.status != S.CANCELLED,
            or_(begins.is_(None), begins >= surveyed),
        )
    )
    return (
        select(Finding.id, Finding.work_order_id, Finding.asset_id)
        .join(WorkOrder, WorkOrder.id == Finding.work_order_id)
        .where(
            WorkOrder.status.in_(COUNTED_STATUSES),
            or_(Finding.urgency == Urgency.I, and_(Finding.urgency.is_(None), _derived_urgent())),
            ~acted_on,
        )
    )


def build(db: Database) -> dict[int, str]:
    """The cases; finding id → label."""
    with db.unit_of_work(SYSTEM_ACTOR) as uow:
        s = uow.session
        contract = city_contract(s, "包括委託", D(2020, 1, 1), D(2026, 3, 31), 1)
        body_id = contract.client_id
        orders = {
            number: WorkOrder(
                number=number,
                contract_id=contract.id,
                title=number,
                type="inspection",
                status=status,
                planned_start=ps,
                planned_end=pe,
                actual_start=as_,
                actual_end=ae,
            )
            for number, status, ps, pe, as_, ae in ORDERS
        }
        s.add_all(orders.values())
        s.flush()
        assets = {}
        for code, held_by in ASSETS:
            assets[code] = Asset(
                code=code, kind=AssetKind.PIPE, owner_id=body_id, service_life_years=50
            )
            s.add(assets[code])
            for number in held_by:
                orders[number].assets.append(assets[code])
        s.flush()
        labels = {}
        for label, order, asset, category, rank, urgency in FINDINGS:
            finding = Finding(
                work_order_id=orders[order].id,
                asset_id=assets[asset].id,
                category=category,
                rank=rank,
                urgency=urgency,
            )
            s.add(finding)
            s.flush()
            labels[finding.id] = label
    return labels


@pytest.mark.parametrize("form", ["sqlite", "postgresql"])
def test_both_forms_give_the_reference_rule_s_findings(db: Database, form: str) -> None:
    """Each database runs the form cheapest for it; both forms run on both databases here."""
    labels = build(db)
    with db.read() as session:
        ours = {tuple(r) for r in session.execute(computed_unacted(form))}
        reference = {tuple(r) for r in session.execute(reference_rule())}
    assert ours == reference
    assert {labels[fid] for fid, _, _ in ours} == UNACTED


def test_the_tile_and_the_list_count_the_same_findings(db: Database) -> None:
    build(db)
    tile = urgent_findings(db)
    assert tile.findings == len(UNACTED)
    # alone, not_followed, day_before, started_early, several, unlinked on w1; w2; w3; w4; w7
    assert tile.orders == 5
    assert tile.assets == 11
    assert count_work_orders(db, WorkOrderFilter(urgent_findings=True)) == tile.orders
