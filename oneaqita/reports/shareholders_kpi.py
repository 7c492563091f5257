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
- Not computed, as the data holds nothing to compute them from: cost reduction (no cost
  baseline is recorded) and training *held* as events (only hours of training are logged).
- Targets are set per fiscal year; for a quarter the table sets the quarter's 実績 against the
  year's target (progress toward it). 達成 = 実績 ÷ 目標 × 100, to 0.1 %, none without a target
  or with a target of 0.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import func, select
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
    work_order_assets,
)
from oneaqita.reports.report_period import ReportPeriod
from oneaqita.reports.settlement_figures import NOT_COUNTED
from oneaqita.reports.shareholders_work import done_in
from oneaqita.services.kpi_targets import kpi_unit

__all__ = [
    "INSPECTION_TYPES",
    "NOT_COMPUTED",
    "PLAN_TYPES",
    "KpiLine",
    "kpi_actuals",
    "kpi_lines",
]

INSPECTION_TYPES = ("inspection", "tv_survey")
PLAN_TYPES = ("strategy", "stock_plan")
NOT_COMPUTED = ("コスト縮減額", "研修の開催回数")
_URGENCY_KPI = {Urgency.I: Kpi.KM_URGENCY_I, Urgency.II: Kpi.KM_URGENCY_II}
_URGENCY_KPI[Urgency.III] = Kpi.KM_URGENCY_III
_CENT, _TENTH = Decimal("0.01"), Decimal("0.1")


@dataclass(frozen=True, slots=True)
class KpiLine:
    kpi: Kpi
    name: str
    unit: str
    target: Decimal | None
    actual: Decimal

    @property
    def achieved_pct(self) -> Decimal | None:
        if not self.target:
            return None
        return (self.actual * 100 / self.target).quantize(_TENTH, rounding=ROUND_HALF_UP)


def _km(metres: object) -> Decimal:
    return (Decimal(str(metres or 0)) / 1000).quantize(_CENT, rounding=ROUND_HALF_UP)


def kpi_actuals(session: Session, period: ReportPeriod) -> dict[Kpi, Decimal]:
    """Every KPI's 実績 in ``period`` (the module's definitions)."""
    inspected = session.scalar(
        select(func.sum(Asset.length_m))
        .select_from(WorkOrder)
        .join(work_order_assets, work_order_assets.c.work_order_id == WorkOrder.id)
        .join(Asset, Asset.id == work_order_assets.c.asset_id)
        .where(done_in(period), WorkOrder.type.in_(INSPECTION_TYPES), Asset.kind == AssetKind.PIPE)
    )
    surveyed = (
        select(Finding.asset_id)
        .join(WorkOrder, WorkOrder.id == Finding.work_order_id)
        .where(
            WorkOrder.status.in_(COUNTED_STATUSES),
            survey_date().between(period.start, period.end),
        )
        .distinct()
        .subquery()
    )
    by_urgency = dict(
        session.execute(
            select(Asset.condition, func.sum(Asset.length_m))
            .join(surveyed, surveyed.c.asset_id == Asset.id)
            .where(Asset.kind == AssetKind.PIPE, Asset.condition.is_not(None))
            .group_by(Asset.condition)
        ).all()
    )
    accepted = session.scalar(
        select(func.count())
        .select_from(WorkOrder)
        .where(
            WorkOrder.status == WorkOrderStatus.ACCEPTED,
            WorkOrder.accepted_on.between(period.start, period.end),
        )
    )
    plans = session.scalar(
        select(func.count())
        .select_from(WorkOrder)
        .where(done_in(period), WorkOrder.type.in_(PLAN_TYPES))
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
        Kpi.PLANS_DELIVERED: Decimal(int(plans or 0)),
        Kpi.TRAINING_HOURS: (Decimal(int(training or 0)) / 60).quantize(
            _CENT, rounding=ROUND_HALF_UP
        ),
    }
    for urgency, kpi in _URGENCY_KPI.items():
        out[kpi] = _km(by_urgency.get(urgency))
    return out


def kpi_lines(session: Session, period: ReportPeriod) -> tuple[KpiLine, ...]:
    """The KPI table: every KPI in the enum's order, its target for the period's fiscal year
    (None where none is set), its 実績 in the period."""
    actuals = kpi_actuals(session, period)
    targets = {
        Kpi(k): Decimal(t)
        for k, t in session.execute(
            select(KpiTarget.kpi, KpiTarget.target).where(
                KpiTarget.fiscal_year == period.fiscal_year
            )
        )
    }
    return tuple(
        KpiLine(kpi, label(kpi), kpi_unit(kpi), targets.get(kpi), actuals[kpi]) for kpi in Kpi
    )
