"""The urgency rule: the 緊急度 of a span (an asset, as one survey found it) from its grades,
and an asset's condition from its latest findings. The one place both are decided.

Grades (DESIGN.md, after the 国土交通省 manual 「下水道管路施設の点検・調査マニュアル(案)」 and
下水道維持管理指針): a pipe is graded per span for 腐食 and たるみ (ranks A/B/C, stored as a/b/c
like every rank) and per pipe length for 破損, クラック, 継手ズレ, 浸入水, 取付管突出, 油脂付着,
樹木根侵入, モルタル付着 (a/b/c). A finding is one item (項目): one category with its worst rank
on that span in that survey. A category typed that is not in these lists (free text is allowed)
counts as a per-length item; so does every item of an asset that is not a pipe, except 腐食 and
たるみ, which weigh on the whole asset wherever they are found.

The meaning of the urgencies is the guideline's: I = act at once (速やかに措置), II = measures
within about five years, III = keep watching. How it is judged from the grades is not in any
source the project could cite (the search of public pages found the meanings above, not the
judgement table), so this is the project's own rule, in the guideline's spirit ("ランクAが2項目
以上 → I, Aが1項目かBが2項目以上 → II, それ以外 → III", with a span item weighing on the whole
span at once):

  I    a span item (腐食, たるみ) graded A, or two or more per-length items graded a;
  II   a span item graded B, or exactly one per-length item graded a, or two or more
       per-length items graded b;
  III  any other grades (a span item graded C, one per-length item graded b, items graded c);
  —    no grades at all: no urgency (nothing was found).

A finding may carry an urgency of its own (the surveyor's, or an import's), kept beside the
derived one: its *effective* urgency is the given one when there is one, else the span's
derived one.

An asset's condition is the most urgent effective urgency of its findings recorded by its most
recent survey: the work order (running, completed or accepted; a cancelled order's findings do
not count) with findings on the asset whose date — actual end, else actual start, else planned
end, else planned start — is the latest (an order with no date at all comes first; ties go to
the later order id). An asset without such findings has no condition. ``recompute_conditions``
rewrites the column for a list of assets, set-based: one read and one batched write per 1,000
assets, whatever their number.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date

from sqlalchemy import ColumnElement, Table, bindparam, func, select, update
from sqlalchemy.orm import Session

from oneaqita.models import Asset, Finding, FindingRank, Urgency, WorkOrder, WorkOrderStatus

__all__ = [
    "CATEGORIES",
    "COUNTED_STATUSES",
    "PIPE_LENGTH_CATEGORIES",
    "SPAN_CATEGORIES",
    "effective_urgency",
    "is_span_category",
    "most_urgent",
    "recompute_conditions",
    "span_urgency",
    "survey_date",
]

SPAN_CATEGORIES = ("腐食", "たるみ")
PIPE_LENGTH_CATEGORIES = (
    "破損",
    "クラック",
    "継手ズレ",
    "浸入水",
    "取付管突出",
    "油脂付着",
    "樹木根侵入",
    "モルタル付着",
)
CATEGORIES = SPAN_CATEGORIES + PIPE_LENGTH_CATEGORIES  # what the editor offers first
COUNTED_STATUSES = (
    WorkOrderStatus.IN_PROGRESS,
    WorkOrderStatus.COMPLETED,
    WorkOrderStatus.ACCEPTED,
)
_ORDER = (Urgency.I, Urgency.II, Urgency.III)  # most urgent first
_CHUNK = 1000

Grade = tuple[str, FindingRank]  # (category, rank)


def is_span_category(category: str) -> bool:
    return category in SPAN_CATEGORIES


def span_urgency(grades: Iterable[Grade]) -> Urgency | None:
    """The 緊急度 of a span from its grades, by the module's rule; None without grades."""
    span: set[FindingRank] = set()
    per_length = {FindingRank.A: 0, FindingRank.B: 0, FindingRank.C: 0}
    for category, rank in grades:
        if is_span_category(category):
            span.add(FindingRank(rank))
        else:
            per_length[FindingRank(rank)] += 1
    if not span and not any(per_length.values()):
        return None
    a, b = per_length[FindingRank.A], per_length[FindingRank.B]
    if FindingRank.A in span or a >= 2:
        return Urgency.I
    if FindingRank.B in span or a == 1 or b >= 2:
        return Urgency.II
    return Urgency.III


def most_urgent(urgencies: Iterable[Urgency | None]) -> Urgency | None:
    """The most urgent of `urgencies` (I before II before III); None when there is none."""
    known = {Urgency(u) for u in urgencies if u is not None}
    return next((u for u in _ORDER if u in known), None)


def effective_urgency(given: Urgency | None, derived: Urgency | None) -> Urgency | None:
    """A finding's urgency: the one given for it, else the one its span's grades give."""
    return given if given is not None else derived


def survey_date() -> ColumnElement[date]:
    """SQL: the date a work order's findings count from (see the module's rule)."""
    return func.coalesce(
        WorkOrder.actual_end, WorkOrder.actual_start, WorkOrder.planned_end, WorkOrder.planned_start
    )


def _conditions(session: Session, asset_ids: Sequence[int]) -> dict[int, Urgency | None]:
    rows = session.execute(
        select(
            Finding.asset_id,
            Finding.work_order_id,
            Finding.category,
            Finding.rank,
            Finding.urgency,
            survey_date(),
        )
        # "+ 0": the join is driven by the findings of these assets (their asset_id index),
        # each order then read by its key. Without it SQLite walks every counted order and
        # looks for findings of the chunk in each, a read of all orders per 1,000 assets
        # (minutes for the demo's conditions at scale 25).
        .join(WorkOrder, WorkOrder.id == Finding.work_order_id + 0)
        .where(Finding.asset_id.in_(asset_ids), WorkOrder.status.in_(COUNTED_STATUSES))
    ).all()
    surveys: dict[int, dict[tuple[date, int], list[tuple[str, FindingRank, Urgency | None]]]]
    surveys = defaultdict(lambda: defaultdict(list))
    for asset_id, order_id, category, rank, urgency, when in rows:
        surveys[asset_id][(when or date.min, order_id)].append((category, rank, urgency))
    result: dict[int, Urgency | None] = dict.fromkeys(asset_ids)
    for asset_id, by_order in surveys.items():
        latest = by_order[max(by_order)]
        derived = span_urgency((c, r) for c, r, _ in latest)
        result[asset_id] = most_urgent(effective_urgency(u, derived) for _, _, u in latest)
    return result


def recompute_conditions(session: Session, asset_ids: Iterable[int]) -> list[int]:
    """Rewrite the condition of these assets from their findings (the module's rule); the ids
    of those whose condition changed. The asset's version is left alone: the condition is
    derived, nobody edits it, so no edit of the asset is in conflict with it."""
    ids = sorted(set(asset_ids))
    changed: list[int] = []
    table = Asset.__table__
    assert isinstance(table, Table)
    for low in range(0, len(ids), _CHUNK):
        chunk = ids[low : low + _CHUNK]
        wanted = _conditions(session, chunk)
        stored = {
            i: cond
            for i, cond in session.execute(
                select(Asset.id, Asset.condition).where(Asset.id.in_(chunk))
            )
        }
        moved = [i for i in chunk if i in stored and stored[i] != wanted[i]]
        writes = [{"b_id": i, "b_condition": wanted[i]} for i in moved]
        if writes:
            session.execute(
                update(table)
                .where(table.c.id == bindparam("b_id"))
                # Kept as it is: updated_at says when someone last edited the asset.
                .values(condition=bindparam("b_condition"), updated_at=table.c.updated_at),
                writes,
            )
            changed.extend(moved)
    if changed:  # the map's counts follow at the commit (services/noted_folds.py)
        done = set(changed)
        for obj in list(session.identity_map.values()):
            if isinstance(obj, Asset) and obj.id in done:
                session.expire(obj, ["condition"])
    return changed
