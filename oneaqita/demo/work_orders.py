"""Stage 5: work orders under the contracts, with their assets, assignees, status history
and findings.

Orders are created day by day through the calendar's two fiscal years up to its as_of day,
more in the snow-free months, and numbered per fiscal year in the order they were created.
Assignees are people seconded for the whole planned period (an order not yet planned has
none); accepted orders carry the client's 検収日 and reference, cancelled ones the reason in
their history. For the time-entry stage, each
assignee's worked orders and days are kept in three int arrays per person.
"""

from __future__ import annotations  # array[int] is not subscriptable before 3.12

import random
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import Connection

from oneaqita.demo.assets import AssetIndex
from oneaqita.demo.batches import BulkInserter, Row, table_of
from oneaqita.demo.contracts import WORK_MIX, ContractInfo
from oneaqita.demo.dates import DemoCalendar, at_jst, fiscal_year_of, reiwa, working_days
from oneaqita.demo.findings import findings_of
from oneaqita.demo.lifecycle import Life, plan_life
from oneaqita.demo.office_work import add_office_work, office_rng
from oneaqita.demo.scope import Scope, choose_scope
from oneaqita.demo.staff import INDEX_MONTHS, StaffIndex
from oneaqita.demo.work_codes import T
from oneaqita.models import AssetKind, Finding, WorkOrder, WorkOrderEvent, WorkOrderStatus
from oneaqita.models import work_order_assets as wo_assets
from oneaqita.models import work_order_assignees as wo_people

S = WorkOrderStatus
WORK_ORDERS_PER_SCALE = 5_000
# Field work follows the seasons: little in Akita's snowy winter, most from May to October.
# March is busy again: the fiscal year-end rush.
SEASON = (0.5, 0.6, 1.0, 0.8, 1.2, 1.3, 1.3, 1.1, 1.3, 1.3, 1.0, 0.6)  # January … December
# At the end of the fiscal year the coordinators draft next year's first jobs.
YEAR_END_DAYS, YEAR_END_MIN_PER_DAY = 10, 1
ORDER_NOTES = (
    "交通規制あり (片側交互通行)",
    "夜間作業",
    "雨天時は順延",
    "地元町内会へ周知済み",
    "発注者立会いあり",
    "私道部を含む",
    "降雪期のため日程調整",
)
CANCEL_NOTES = (
    "発注者の依頼により中止",
    "他工事との重複のため中止",
    "降雪のため次年度へ繰越",
    "現地確認の結果、作業不要",
)


@dataclass
class Work:
    """One person's worked orders and the first and last day worked on each."""

    order: array[int] = field(default_factory=lambda: array("i"))
    first: array[int] = field(default_factory=lambda: array("i"))
    last: array[int] = field(default_factory=lambda: array("i"))


class _Orders:
    def __init__(
        self,
        conn: Connection,
        staff: StaffIndex,
        assets: AssetIndex,
        contracts: list[ContractInfo],
        rng: random.Random,
        report: Callable[[int], None],
        cal: DemoCalendar,
    ) -> None:
        self.rng, self.staff, self.assets, self.contracts = rng, staff, assets, contracts
        self.cal = cal
        self.acceptances: dict[int, int] = {}  # per fiscal year of acceptance
        self.tables = [
            table_of(WorkOrder),
            wo_assets,
            wo_people,
            table_of(WorkOrderEvent),
            table_of(Finding),
        ]
        self.out = BulkInserter(conn, self.tables, on_flush=lambda: report(self.made))
        self.made = self.event_id = self.finding_id = 0
        self.numbers: dict[int, int] = {}
        self.work: dict[int, Work] = {}
        self.statuses: dict[WorkOrderStatus, int] = {}
        self._candidates: dict[date, tuple[list[ContractInfo], list[float]]] = {}

    def _contracts_at(self, day: date) -> tuple[list[ContractInfo], list[float]]:
        found = self._candidates.get(day)
        if found is None:
            live = [c for c in self.contracts if c.start <= day <= c.end - timedelta(days=3)]
            found = (live, [c.order_weight for c in live])
            self._candidates[day] = found
        return found

    def _assignees(self, first: date, last: date) -> list[int]:
        """Some of the people seconded for the whole period `first`–`last`."""
        start = self.cal.data_start
        month = (first.year - start.year) * 12 + first.month - start.month
        month = min(INDEX_MONTHS - 1, max(0, month))
        lo, hi = first.toordinal(), last.toordinal()
        periods, by_month = self.staff.periods, self.staff.by_month

        def covers(person: int) -> bool:
            return any(s <= lo and hi <= e for s, e in periods[person])

        k = self.rng.choices((1, 2, 3), weights=(35, 45, 20))[0]
        pool = by_month[month]
        # Most of the month's people are seconded for the whole period: a few draws find them.
        draws = self.rng.sample(range(len(pool)), min(len(pool), 4 * k))
        chosen = [pool[i] for i in draws if covers(pool[i])][:k]
        if len(chosen) < k:  # near the end of terms, or a tiny data set: every candidate
            nearest = sorted(range(INDEX_MONTHS), key=lambda m: abs(m - month))[:3]
            every = sorted({p for m in nearest for p in by_month[m] if covers(p)} - set(chosen))
            chosen += self.rng.sample(every, min(len(every), k - len(chosen)))
        return sorted(chosen)

    def create(self, created: date, hold: WorkOrderStatus | None = None) -> None:
        rng = self.rng
        emergency = hold is S.IN_PROGRESS or (hold is None and rng.random() < 0.05)
        start = created if emergency else created + timedelta(days=rng.randint(5, 35))
        live, weights = self._contracts_at(start)
        if not live:
            return
        contract = rng.choices(live, weights=weights)[0]
        mix = WORK_MIX[contract.kind]
        wo_type = (
            T.EMERGENCY
            if emergency
            else rng.choices([t for t, _ in mix], weights=[w for _, w in mix])[0]
        )
        scope = choose_scope(rng, self.assets, contract.client_id, wo_type)
        if scope is None:
            return
        span = (contract.start, contract.end)
        life = plan_life(rng, wo_type, created, start, span, self.cal.as_of, hold)
        self.made += 1
        self.statuses[life.status] = self.statuses.get(life.status, 0) + 1
        fy = fiscal_year_of(created)
        self.numbers[fy] = self.numbers.get(fy, 0) + 1
        people = self._assignees(life.planned_start, life.planned_end)
        self._write(f"WO-{fy}-{self.numbers[fy]:06d}", contract, wo_type, scope, life, people)

    def create_office(self, created: date, wo_type: str, title: str, cost: int | None) -> None:
        """One office order (demo/office_work.py): no assets, its assignees book no hours,
        the コスト縮減額 once the check is done."""
        rng = self.rng
        start = created + timedelta(days=rng.randint(3, 20))
        live, weights = self._contracts_at(start)
        if not live:
            return
        contract = rng.choices(live, weights=weights)[0]
        span = (contract.start, contract.end)
        life = plan_life(rng, wo_type, created, start, span, self.cal.as_of)
        self.made += 1
        self.statuses[life.status] = self.statuses.get(life.status, 0) + 1
        fy = fiscal_year_of(created)
        self.numbers[fy] = self.numbers.get(fy, 0) + 1
        people = self._assignees(life.planned_start, life.planned_end)
        done = life.status in (S.COMPLETED, S.ACCEPTED)
        scope = Scope(title, range(0), AssetKind.PIPE)
        number = f"WO-{fy}-{self.numbers[fy]:06d}"
        self._write(number, contract, wo_type, scope, life, people, cost if done else None)

    def _write(
        self,
        number: str,
        contract: ContractInfo,
        wo_type: str,
        scope: Scope,
        life: Life,
        people: list[int],
        cost_reduction_yen: int | None = None,
    ) -> None:
        rng, out, wid = self.rng, self.out, self.made
        events = self._events(wid, life, people)
        unplanned = life.status is S.DRAFT and rng.random() < 0.4
        if unplanned:
            people = []  # nobody is assigned before the dates are
        accepted_on = life.day_of(S.ACCEPTED)
        acceptance_ref = None
        if accepted_on is not None:
            fy = fiscal_year_of(accepted_on)
            self.acceptances[fy] = self.acceptances.get(fy, 0) + 1
            acceptance_ref = f"検収 R{reiwa(fy)}-{self.acceptances[fy]:05d}"
        if wo_type == T.EMERGENCY:
            priority = 1
        else:
            priority = rng.choices(
                (1, 2, 3), weights=(8, 60, 32) if wo_type != T.REPAIR else (30, 60, 10)
            )[0]
        out.add(
            self.tables[0],
            {
                "id": wid,
                "number": number,
                "contract_id": contract.id,
                "title": scope.title,
                "type": wo_type,
                "status": life.status.value,
                "priority": priority,
                "planned_start": None if unplanned else life.planned_start,
                "planned_end": None if unplanned else life.planned_end,
                "actual_start": life.day_of(S.IN_PROGRESS),
                "actual_end": life.day_of(S.COMPLETED),
                "accepted_on": accepted_on,
                "acceptance_ref": acceptance_ref,
                "cost_reduction_yen": cost_reduction_yen,
                "note": rng.choice(ORDER_NOTES) if rng.random() < 0.12 else None,
                "assignee_names": "",  # filled with the search index (oneaqita.search)
                "version": 1,
                "created_at": events[0]["at"],
                "updated_at": events[-1]["at"],
            },
        )
        for event in events:  # after their order: see batches.py
            out.add(self.tables[3], event)
        for asset_id in scope.asset_ids:
            out.add(self.tables[1], {"work_order_id": wid, "asset_id": asset_id})
        for person_id in people:
            out.add(self.tables[2], {"work_order_id": wid, "person_id": person_id})
        worked = life.work_days() if scope.asset_ids else None  # office work: no hours
        if worked is not None:
            first, last = worked[0].toordinal(), worked[1].toordinal()
            for person_id in people:
                work = self.work.setdefault(person_id, Work())
                work.order.append(wid)
                work.first.append(first)
                work.last.append(last)
        self._findings(wid, wo_type, scope, life)

    def _events(self, wid: int, life: Life, people: list[int]) -> list[Row]:
        rng, staff = self.rng, self.staff
        field_user = next(
            (staff.users.user_of_person[p] for p in people if p in staff.users.user_of_person), None
        )
        events: list[Row] = []
        previous: tuple[date, int] | None = None
        from_status: WorkOrderStatus | None = None
        for status, day in life.moves:
            minute = 8 * 60 + 30 + rng.randrange(0, 9 * 60)
            if previous is not None and previous[0] == day:
                minute = min(24 * 60 - 1, max(minute, previous[1] + rng.randrange(5, 60)))
            previous = (day, minute)
            if status is S.ACCEPTED:
                user = staff.users.manager_user_id
            elif status in (S.IN_PROGRESS, S.COMPLETED) and field_user is not None:
                user = field_user
            else:
                user = rng.choice(staff.users.coordinator_user_ids)
            self.event_id += 1
            events.append(
                {
                    "id": self.event_id,
                    "work_order_id": wid,
                    "at": at_jst(day, minute),
                    "user_id": user,
                    "from_status": None if from_status is None else from_status.value,
                    "to_status": status.value,
                    "note": rng.choice(CANCEL_NOTES) if status is S.CANCELLED else None,
                }
            )
            from_status = status
        return events

    def _findings(self, wid: int, wo_type: str, scope: Scope, life: Life) -> None:
        if wo_type not in (T.INSPECTION, T.TV_SURVEY):
            return
        done = life.day_of(S.COMPLETED)
        started = life.day_of(S.IN_PROGRESS)
        if started is None or (done is None and life.status is not S.IN_PROGRESS):
            return  # never surveyed, or cancelled before results were recorded
        ids = scope.asset_ids if done else scope.asset_ids[: (len(scope.asset_ids) + 1) // 2]
        stamp = at_jst(done or self.cal.as_of, 16 * 60)
        for asset_id, category, rank, urgency, note in findings_of(
            self.rng, ids, scope.kind, self.assets.installed, judged=done is not None
        ):
            self.finding_id += 1
            self.out.add(
                self.tables[4],
                {
                    "id": self.finding_id,
                    "work_order_id": wid,
                    "asset_id": asset_id,
                    "category": category,
                    "rank": rank,
                    "urgency": urgency,
                    "note": note,
                    "version": 1,
                    "created_at": stamp,
                    "updated_at": stamp,
                },
            )


def load_work_orders(
    conn: Connection,
    staff: StaffIndex,
    assets: AssetIndex,
    contracts: list[ContractInfo],
    rng: random.Random,
    scale: float,
    report: Callable[[int, int], None],
    cal: DemoCalendar,
) -> tuple[dict[int, Work], dict[str, int]]:
    target = round(WORK_ORDERS_PER_SCALE * scale)
    orders = _Orders(
        conn, staff, assets, contracts, rng, lambda done: report(done, max(done, target)), cal
    )
    days = [date.fromordinal(d) for d in working_days(cal.data_start, cal.as_of)]
    whole = sum(SEASON[d.month - 1] for d in days)
    expected = 0.0
    for n, day in enumerate(days):
        expected += target * SEASON[day.month - 1] / whole
        count = round(expected) - orders.made
        if n >= len(days) - YEAR_END_DAYS:
            count = max(count, YEAR_END_MIN_PER_DAY)
        for _ in range(count):
            orders.create(day)
    # However small the data set, the list shows every status: a draft and an order in
    # progress on the last day, if chance has not already made them.
    for status in (S.DRAFT, S.IN_PROGRESS):
        if status not in orders.statuses:
            orders.create(cal.as_of, hold=status)
    orders.rng = office_rng(rng)  # the field work's draws stay as they were
    add_office_work(orders.rng, days, scale, orders.create_office)
    orders.out.close()
    counts = dict(orders.out.counts)
    return orders.work, counts
