"""Stage 5, the office services: a few design checks and cost estimates with the コスト縮減額
they found, the training courses the company holds for the bodies (研修・講習会), and some
strategy and stock-management plans, so that the report's KPI table has something to show.

Drawn from a generator of their own (seeded from the shared one's state, which it leaves
untouched), after the field work: the field orders, the hours and every other demo value stay
as they were. Their assignees book
no hours on them (the hours stage knows only the field work).
"""

import random
from collections.abc import Callable
from datetime import date

from oneaqita.demo.work_codes import T
from oneaqita.models import WorkOrderStatus

S = WorkOrderStatus
# Orders a working day at scale 1: ~35 checks and estimates a year, ~12 courses, ~4 plans.
RATES = ((T.DESIGN_REVIEW, 0.08), (T.ESTIMATE, 0.06), (T.TRAINING, 0.05), (T.STRATEGY, 0.008))
SCALED = frozenset({T.DESIGN_REVIEW, T.ESTIMATE})  # courses and plans do not grow with scale
TITLES = {
    T.DESIGN_REVIEW: (
        "管渠更生工事 実施設計の照査",
        "ポンプ場設備更新 詳細設計の照査",
        "マンホールポンプ更新 設計照査",
        "処理場機械設備改築 設計照査",
    ),
    T.ESTIMATE: ("管路改築工事 積算", "マンホール蓋更新工事 積算", "管渠更生工事 積算"),
    T.TRAINING: (
        "下水道施設の維持管理研修",
        "ストックマネジメント講習会",
        "管路点検・調査技術研修",
        "下水道経営 勉強会",
    ),
    T.STRATEGY: ("経営戦略 改定支援",),
    T.STOCK_PLAN: ("ストックマネジメント計画 策定",),
}
# The works whose design or estimate is checked (yen), and the share the check takes off.
WORKS_YEN = {T.DESIGN_REVIEW: (20_000_000, 300_000_000), T.ESTIMATE: (10_000_000, 200_000_000)}
SHARE = {T.DESIGN_REVIEW: (0.01, 0.08), T.ESTIMATE: (0.005, 0.03)}
NONE_FOUND = 0.1  # checks that found nothing to take off: a reduction of 0


def cost_reduction(rng: random.Random, wo_type: str) -> int:
    """A believable コスト縮減額 in whole thousand yen."""
    if rng.random() < NONE_FOUND:
        return 0
    low, high = WORKS_YEN[wo_type]
    share_low, share_high = SHARE[wo_type]
    return int(round(rng.uniform(low, high) * rng.uniform(share_low, share_high), -3))


Create = Callable[[date, str, str, int | None], None]


def office_rng(shared: random.Random) -> random.Random:
    """The office work's own generator: the same for the same seed and calendar, and
    ``shared`` not advanced (its state is read, not drawn from). Seeded by the state's text,
    which Random hashes with SHA-512: ``hash()`` of the state would not do, since the state
    ends in None, whose hash is its address before Python 3.12 and differs per process."""
    return random.Random(repr(shared.getstate()))


def add_office_work(rng: random.Random, days: list[date], scale: float, create: Create) -> None:
    """Per working day, office orders at RATES (checks and estimates by the scale, the rest
    by at most 1); ``create`` writes one (created, type, title, cost reduction or None)."""
    for day in days:
        for kind, rate in RATES:
            expected = rate * (scale if kind in SCALED else min(scale, 1.0))
            count = int(expected) + (rng.random() < expected - int(expected))
            for _ in range(count):
                wo_type = T.STOCK_PLAN if kind == T.STRATEGY and rng.random() < 0.5 else kind
                title = rng.choice(TITLES[wo_type])
                cost = cost_reduction(rng, wo_type) if wo_type in WORKS_YEN else None
                create(day, wo_type, title, cost)
