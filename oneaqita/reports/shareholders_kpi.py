"""The KPI table of the report to the shareholders: per KPI its 目標 (the fiscal year's
target, services/kpi_targets.py), 実績 (computed here from the data) and 達成 (実績 ÷ 目標).

How each 実績 is computed for a period (DESIGN.md lists the KPIs comparable bodies publish):

- 点検・調査延長 (km): the pipe spans on the 点検 and TVカメラ調査 orders done in the period
  (shareholders_work.done_in), a span once per order.
- 緊急度I / II / III 判定延長 (km): the pipe spans surveyed in the period — a finding on them
  by a running, completed or accepted order whose survey date (condition.survey_date) falls
  inside it — whose condition, by oneaqita/condition.py's rule, is that urgency. The
  condition is the asset's latest, so a span surveyed again later counts by its newest result.
- 検収件数 (件): orders accepted by the client (検収日) inside the period.
- 計画・戦略策定件数 (件): 経営戦略策定支援 and ストックマネジメント計画策定 orders done in the
  period (the plans delivered).
- 研修時間 (時間): the hours booked to the 研修 category inside the period (every status but
  差戻し).
- 研修・講習会の開催 (回): 研修・講習会 orders (TRAINING_TYPES) done in the period, one order
  a course held for a body.
- コスト縮減額 (千円): the sum of the コスト縮減額 recorded on the orders done in the period
  (services/cost_reduction.py: design checks, cost estimates, supervision), yen to 千円
  rounded half up on the sum.
- Targets are set per fiscal year; for a quarter the table sets the quarter's 実績 against the
  year's target (progress toward it). 達成 = 実績 ÷ 目標 × 100, to 0.1 %, none without a target
  or with a target of 0.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session

from oneaqita.condition import COUNTED_STATUSES, survey_date
from oneaqita.labels import label
from oneaqita.models import (
    Asset,
    AssetKind,
    Finding,
    Kpi,
    KpiTarget,
    OverheadCategory,
    TimeEntry,
    Urgency,
    WorkOrder,
    WorkOrderStatus,
)
from oneaqita.reports.report_period import ReportPeriod
from oneaqita.reports.settlement_figures import NOT_COUNTED
from oneaqita.reports.shareholders_work import WorkCell, WorkFigures, work_pair
from oneaqita.services.cost_reduction import COST_REDUCTION_TYPES
from oneaqita.services.kpi_targets import kpi_unit

__all__ = [
    "INSPECTION_TYPES",
    "KPI_NOTE",
    "PLAN_TYPES",
    "TRAINING_TYPES",
    "KpiLine",
    "kpi_pair",
    "kpi_lines",
    "surveyed_km",
]

INSPECTION_TYPES = ("inspection", "tv_survey")
PLAN_TYPES = ("strategy", "stock_plan")
TRAINING_TYPES = ("training",)
# What the report says under the table (the definitions above, in the reader's words).
KPI_NOTE = (
    "目標は年度ごとに管理職が設定した値、実績はデータから集計した値、達成率 = 実績 ÷ 目標。"
    "点検・調査延長: 期間内に完了した点検・TVカメラ調査の対象管路。緊急度別延長: 期間内に"
    "調査した管路のうち、最新の調査の判定がその緊急度のもの。検収件数: 期間内に検収された"
    "作業。計画・戦略策定件数: 完了した経営戦略策定支援・ストックマネジメント計画策定。"
    "研修時間: 研修として記録された時間。研修・講習会の開催: 期間内に完了した研修・講習会の"
    "作業の件数。コスト縮減額: 期間内に完了した設計照査・積算・工事監督の作業に記録された"
    "縮減額の合計 (千円未満四捨五入)。"
)
_URGENCY_KPI = {Urgency.I: Kpi.KM_URGENCY_I, Urgency.II: Kpi.KM_URGENCY_II}
_URGENCY_KPI[Urgency.III] = Kpi.KM_URGENCY_III
_ONE, _CENT, _TENTH = Decimal(1), Decimal("0.01"), Decimal("0.1")


@dataclass(frozen=True, slots=True)
class KpiLine:
    kpi: Kpi
    name: str
    unit: str
    target: Decimal | None
    actual: Decimal
    previous: Decimal  # the same period's 実績 a year earlier

    @property
    def achieved_pct(self) -> Decimal | None:
        if not self.target:
            return None
        return (self.actual * 100 / self.target).quantize(_TENTH, rounding=ROUND_HALF_UP)


def _km(metres: object) -> Decimal:
    return (Decimal(str(metres or 0)) / 1000).quantize(_CENT, rounding=ROUND_HALF_UP)


def surveyed_km(session: Session, period: ReportPeriod) -> tuple[dict[Any, Any], dict[Any, Any]]:
    """The metres of pipe surveyed per condition, in ``period`` and in the one a year earlier:
    one pass over the findings for both (an asset surveyed in both counts in both)."""
    before = period.previous
    day = survey_date()
    inside = day.between(period.start, period.end)
    surveyed = (
        select(case((inside, 0), else_=1).label("which"), Finding.asset_id)
        .join(WorkOrder, WorkOrder.id == Finding.work_order_id)
        .where(
            WorkOrder.status.in_(COUNTED_STATUSES),
            or_(inside, day.between(before.start, before.end)),
        )
        .distinct()
        .subquery()
    )
    stmt = (
        select(surveyed.c.which, Asset.condition, func.sum(Asset.length_m))
        .join(surveyed, surveyed.c.asset_id == Asset.id)
        .where(Asset.kind == AssetKind.PIPE, Asset.condition.is_not(None))
        .group_by(surveyed.c.which, Asset.condition)
    )
    out: tuple[dict[Any, Any], dict[Any, Any]] = ({}, {})
    for which, condition, metres in session.execute(stmt):
        out[which][condition] = metres
    return out


def _actuals(
    session: Session, period: ReportPeriod, work: WorkFigures, surveyed: dict[Any, Any]
) -> dict[Kpi, Decimal]:
    by_type = work.by_service()

    def summed(types: tuple[str, ...]) -> WorkCell:
        return sum((by_type[t] for t in types if t in by_type), WorkCell())

    inspected = summed(INSPECTION_TYPES).length_m
    plans, held = summed(PLAN_TYPES).orders, summed(TRAINING_TYPES).orders
    reduced = summed(COST_REDUCTION_TYPES).cost_reduction_yen
    accepted = session.scalar(
        select(func.count())
        .select_from(WorkOrder)
        .where(
            WorkOrder.status == WorkOrderStatus.ACCEPTED,
            WorkOrder.accepted_on.between(period.start, period.end),
        )
    )
    training = session.scalar(
        select(func.sum(TimeEntry.minutes)).where(
            TimeEntry.category == OverheadCategory.TRAINING,
            TimeEntry.work_date.between(period.start, period.end),
            TimeEntry.status != NOT_COUNTED,
        )
    )
    out = {
        Kpi.KM_INSPECTED: _km(inspected),
        Kpi.ORDERS_ACCEPTED: Decimal(int(accepted or 0)),
        Kpi.PLANS_DELIVERED: Decimal(plans),
        Kpi.TRAINING_HOURS: (Decimal(int(training or 0)) / 60).quantize(
            _CENT, rounding=ROUND_HALF_UP
        ),
        Kpi.TRAININGS_HELD: Decimal(held),
        Kpi.COST_REDUCTION: (Decimal(reduced) / 1000).quantize(_ONE, rounding=ROUND_HALF_UP),
    }
    for urgency, kpi in _URGENCY_KPI.items():
        out[kpi] = _km(surveyed.get(urgency))
    return out


Actuals = dict[Kpi, Decimal]


def kpi_pair(
    session: Session,
    period: ReportPeriod,
    work: tuple[WorkFigures, WorkFigures] | None = None,
    surveyed: tuple[dict[Any, Any], dict[Any, Any]] | None = None,
) -> tuple[Actuals, Actuals]:
    """Every KPI's 実績 in ``period`` and in the same period a year earlier (the module's
    definitions). The ones of the orders done (their km, the plans, the courses, the cost
    reductions) are sums of 受託実績's cells by work type: ``work``, the two periods'
    (shareholders_work.work_pair) when the caller has read them, so that the KPI table and
    受託実績 cannot disagree; the km by urgency of both periods are read in one statement
    (``surveyed_km``; `surveyed`, its result, when the caller has read it)."""
    if work is None:
        work = work_pair(session, period)
    now, before = surveyed_km(session, period) if surveyed is None else surveyed
    return (
        _actuals(session, period, work[0], now),
        _actuals(session, period.previous, work[1], before),
    )


def kpi_lines(
    session: Session, period: ReportPeriod, actuals: tuple[Actuals, Actuals] | None = None
) -> tuple[KpiLine, ...]:
    """The KPI table: every KPI in the enum's order, its target for the period's fiscal year
    (None where none is set), its 実績 in the period and in the same period a year earlier
    (``actuals``, kpi_pair's, when the caller has read them already)."""
    now, before = kpi_pair(session, period) if actuals is None else actuals
    targets = {
        Kpi(k): Decimal(t)
        for k, t in session.execute(
            select(KpiTarget.kpi, KpiTarget.target).where(
                KpiTarget.fiscal_year == period.fiscal_year
            )
        )
    }
    return tuple(
        KpiLine(kpi, label(kpi), kpi_unit(kpi), targets.get(kpi), now[kpi], before[kpi])
        for kpi in Kpi
    )
