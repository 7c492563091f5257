"""The life of one work order: every status move it makes, each on a day.

The whole life is drawn up front (draft → planned → in_progress → completed → accepted, or
cancelled somewhere before acceptance); what the order looks like on the data set's "today"
is simply the moves made by then (``as_of``, the day before it). Old orders have therefore
been accepted long ago, recent ones are in progress, planned or still drafts, and dates,
events and status always agree.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from oneaqita.demo.work_codes import T
from oneaqita.models import WorkOrderStatus

S = WorkOrderStatus
CANCEL_RATE = 0.04
DURATION_DAYS = {
    T.INSPECTION: (2, 15),
    T.TV_SURVEY: (5, 30),
    T.CLEANING: (1, 10),
    T.REPAIR: (5, 40),
    T.EMERGENCY: (0, 3),
    T.DESIGN_REVIEW: (10, 30),
    T.ESTIMATE: (5, 20),
    T.TRAINING: (0, 1),
    T.STRATEGY: (60, 150),
    T.STOCK_PLAN: (60, 150),
}
Move = tuple[WorkOrderStatus, date]


@dataclass(frozen=True)
class Life:
    planned_start: date
    planned_end: date
    moves: list[Move]  # only the moves made by as_of
    as_of: date

    @property
    def status(self) -> WorkOrderStatus:
        return self.moves[-1][0]

    def day_of(self, status: WorkOrderStatus) -> date | None:
        return next((d for s, d in self.moves if s is status), None)

    def work_days(self) -> tuple[date, date] | None:
        """First and last day the assignees worked on the order (None if never started)."""
        first = self.day_of(S.IN_PROGRESS)
        if first is None:
            return None
        last = self.day_of(S.COMPLETED) or self.day_of(S.CANCELLED) or self.as_of
        return first, max(first, last)


def plan_life(
    rng: random.Random,
    wo_type: str,
    created: date,
    planned_start: date,
    contract: tuple[date, date],
    as_of: date,
    hold: WorkOrderStatus | None = None,
) -> Life:
    """The order's life as it stands after `as_of`. `hold` (DRAFT or IN_PROGRESS) makes
    the order stand in that status then, so that every status occurs however small the data
    set; an order held in progress must be an emergency created on `as_of` under a contract
    that runs on. No work happens outside the `contract`'s first and last day."""
    contract_start, contract_end = contract
    low, high = DURATION_DAYS[wo_type]
    duration = rng.randint(low, high)
    planned_end = min(contract_end, planned_start + timedelta(days=duration))
    emergency = wo_type == T.EMERGENCY
    planned_on = (
        created if emergency else min(planned_start, created + timedelta(days=rng.randrange(0, 8)))
    )
    if hold is S.DRAFT:
        planned_on = as_of + timedelta(days=1)
    start = (
        planned_start
        if emergency
        else planned_start + timedelta(days=rng.choice((-1, 0, 0, 0, 1, 2, 3, 5)))
    )
    start = min(contract_end, max(start, planned_on, contract_start))
    finish = min(contract_end, start + timedelta(days=round(duration * rng.uniform(0.8, 1.4))))
    finish = max(finish, start)
    if hold is S.IN_PROGRESS:
        finish = max(finish, min(contract_end, as_of + timedelta(days=1)))
    # Acceptance by the client usually follows within weeks, occasionally months.
    wait = rng.randrange(7, 46) if rng.random() < 0.95 else rng.randrange(60, 150)
    moves: list[Move] = [
        (S.DRAFT, created),
        (S.PLANNED, planned_on),
        (S.IN_PROGRESS, start),
        (S.COMPLETED, finish),
        (S.ACCEPTED, finish + timedelta(days=wait)),
    ]
    if rng.random() < CANCEL_RATE and hold is None:
        cut = rng.choices((1, 2, 3, 4), weights=(30, 35, 30, 5))[0]
        before, after = moves[cut - 1][1], moves[cut][1]
        cancelled = before + timedelta(days=rng.randint(0, max(0, (after - before).days)))
        moves = [*moves[:cut], (S.CANCELLED, cancelled)]
    return Life(planned_start, planned_end, [m for m in moves if m[1] <= as_of], as_of)
