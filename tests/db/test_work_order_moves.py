"""The work-order state machine move by move (services/work_orders.py), on both databases:
each legal move stores its data, its event and its audit entry; every illegal pair, every bad
date, a coordinator's acceptance and a cancel without a reason are refused and write nothing."""

from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from oneaqita.errors import IllegalTransition, PermissionDenied, ValidationError
from oneaqita.models import AuditEntry, Role, User, WorkOrder, WorkOrderEvent, WorkOrderStatus
from oneaqita.services.actor import SYSTEM_ACTOR, Actor
from oneaqita.services.database import Database
from oneaqita.services.work_order_queries import work_order_detail
from oneaqita.services.work_orders import (
    LEGAL_MOVES,
    accept,
    allowed_moves,
    cancel,
    complete,
    plan,
    start,
    transition,
)
from tests.builders import Sample, build_sample

S = WorkOrderStatus
TODAY = date(2025, 7, 15)
# build_sample's orders: one in each status but cancelled, in the order of TITLES.
INDEX = {S.DRAFT: 0, S.PLANNED: 1, S.IN_PROGRESS: 2, S.COMPLETED: 3, S.ACCEPTED: 4}


def manager(db: Database) -> Actor:
    with db.unit_of_work(SYSTEM_ACTOR) as uow:
        user = User(login="boss", display_name="課長 一郎", role=Role.MANAGER)
        uow.session.add(user)
        uow.session.flush()
        return Actor.of(user)


def order(db: Database, wid: int) -> WorkOrder:
    with db.read() as s:
        wo = s.get(WorkOrder, wid)
        assert wo is not None
        s.expunge(wo)
        return wo


def events(db: Database, wid: int) -> list[tuple[Any, ...]]:
    with db.read() as s:
        rows = s.execute(
            select(
                WorkOrderEvent.from_status,
                WorkOrderEvent.to_status,
                WorkOrderEvent.note,
                User.login,
            )
            .outerjoin(User, User.id == WorkOrderEvent.user_id)
            .where(WorkOrderEvent.work_order_id == wid)
            .order_by(WorkOrderEvent.id)
        ).all()
        return [tuple(r) for r in rows]


def nothing_written(db: Database) -> bool:
    with db.read() as s:
        return not s.scalar(select(func.count(WorkOrderEvent.id))) and not s.scalar(
            select(func.count(AuditEntry.id)).where(AuditEntry.action == "transition")
        )


def test_every_legal_move_stores_its_data_event_and_audit(db: Database) -> None:
    sample = build_sample(db)
    boss = manager(db)
    wid, coord = sample.work_order_ids[0], sample.coordinator
    plan(db, coord, wid, 1, note="日程確定")
    start(db, coord, wid, 2, date(2025, 7, 1), today=TODAY)
    wo = order(db, wid)
    assert (wo.status, wo.actual_start, wo.actual_end) == (S.IN_PROGRESS, date(2025, 7, 1), None)
    complete(db, coord, wid, 3, date(2025, 7, 10), "現場完了", today=TODAY)
    wo = order(db, wid)
    assert (wo.status, wo.actual_end, wo.accepted_on) == (S.COMPLETED, date(2025, 7, 10), None)
    accept(db, boss, wid, 4, date(2025, 7, 14), " 検-2025-017 ", today=TODAY)
    wo = order(db, wid)
    assert (wo.status, wo.accepted_on, wo.acceptance_ref) == (
        S.ACCEPTED,
        date(2025, 7, 14),
        "検-2025-017",
    )
    assert (wo.actual_start, wo.actual_end) == (date(2025, 7, 1), date(2025, 7, 10))
    assert events(db, wid) == [
        (S.DRAFT, S.PLANNED, "日程確定", "coord"),
        (S.PLANNED, S.IN_PROGRESS, None, "coord"),
        (S.IN_PROGRESS, S.COMPLETED, "現場完了", "coord"),
        (S.COMPLETED, S.ACCEPTED, None, "boss"),
    ]
    with db.read() as s:
        audits = s.execute(
            select(AuditEntry.actor, AuditEntry.before, AuditEntry.after)
            .where(AuditEntry.action == "transition")
            .order_by(AuditEntry.id)
        ).all()
    assert [(a.actor, a.after["status"]) for a in audits if a.after] == [
        ("coord", "planned"),
        ("coord", "in_progress"),
        ("coord", "completed"),
        ("boss", "accepted"),
    ]
    assert audits[3].after is not None and audits[3].before is not None
    assert audits[3].after["accepted_on"] == "2025-07-14"
    assert audits[3].after["acceptance_ref"] == "検-2025-017"
    assert audits[3].before["accepted_on"] is None
    detail = work_order_detail(db, wid)
    assert (detail.accepted_on, detail.acceptance_ref) == (date(2025, 7, 14), "検-2025-017")


def test_starting_defaults_to_today_and_the_reference_is_optional(db: Database) -> None:
    sample = build_sample(db)
    boss = manager(db)
    wid = sample.work_order_ids[1]  # planned
    transition(db, sample.coordinator, wid, S.IN_PROGRESS, 1)
    assert order(db, wid).actual_start == date.today()
    transition(db, boss, wid, S.COMPLETED, 2, actual_end=date.today())
    transition(db, boss, wid, S.ACCEPTED, 3, accepted_on=date.today(), acceptance_ref="  ")
    wo = order(db, wid)
    assert (wo.status, wo.accepted_on, wo.acceptance_ref) == (S.ACCEPTED, date.today(), None)


@pytest.mark.parametrize("status", [S.DRAFT, S.PLANNED, S.IN_PROGRESS, S.COMPLETED])
def test_cancel_from_every_open_state_keeps_its_reason(db: Database, status: S) -> None:
    sample = build_sample(db)
    wid = sample.work_order_ids[INDEX[status]]
    cancel(db, sample.coordinator, wid, 1, "発注者の都合により中止")
    assert order(db, wid).status is S.CANCELLED
    assert events(db, wid) == [(status, S.CANCELLED, "発注者の都合により中止", "coord")]


@pytest.mark.parametrize("note", [None, "", "  \n "])
def test_cancel_without_a_reason_is_refused(db: Database, note: str | None) -> None:
    sample = build_sample(db)
    wid = sample.work_order_ids[1]
    with pytest.raises(ValidationError) as err:
        cancel(db, sample.coordinator, wid, 1, note)
    assert err.value.field == "note" and "理由" in err.value.ja and "reason" in err.value.en
    with pytest.raises(ValidationError):
        transition(db, sample.coordinator, wid, S.CANCELLED, 1)
    assert order(db, wid).status is S.PLANNED and nothing_written(db)


ALL_PAIRS = [(a, b) for a in S for b in S if b not in LEGAL_MOVES[a]]


def _put(db: Database, wid: int, status: S) -> None:
    with db.unit_of_work(SYSTEM_ACTOR) as uow:
        wo = uow.session.get(WorkOrder, wid)
        assert wo is not None
        wo.status, wo.actual_start, wo.actual_end = status, date(2025, 7, 1), date(2025, 7, 2)


@pytest.mark.parametrize(("current", "to"), ALL_PAIRS, ids=[f"{a}-{b}" for a, b in ALL_PAIRS])
def test_every_illegal_move_is_refused_with_a_clear_message(
    db: Database, current: S, to: S
) -> None:
    sample = build_sample(db)
    wid = sample.work_order_ids[0]
    _put(db, wid, current)
    version = order(db, wid).version
    data = {"actual_end": TODAY, "accepted_on": TODAY}
    with pytest.raises(IllegalTransition) as err:  # an administrator, with everything a move needs
        transition(db, SYSTEM_ACTOR, wid, to, version, "メモ", TODAY, **data)
    assert err.value.field == "status"
    assert err.value.ja == (f"作業 WO-0001 は「{_ja(current)}」から「{_ja(to)}」にできません。")
    assert err.value.en == f"Work order WO-0001 cannot move from {current} to {to}."
    assert order(db, wid).status is current and nothing_written(db)


def _ja(status: S) -> str:
    from oneaqita.labels import label

    return label(status)


def test_the_table_covers_every_pair() -> None:
    legal = sum(len(v) for v in LEGAL_MOVES.values())
    assert legal == 8 and len(ALL_PAIRS) == len(S) ** 2 - legal


@pytest.mark.parametrize(
    ("end", "field_words"),
    [
        (None, ("実績終了日を入力してください", "actual end is required")),
        (date(2025, 6, 30), ("より前", "before the actual start")),  # started 2025-07-01
        (TODAY + timedelta(days=1), ("未来", "in the future")),
    ],
)
def test_completing_needs_a_plausible_end(
    db: Database, end: date | None, field_words: tuple[str, str]
) -> None:
    sample = build_sample(db)
    wid = sample.work_order_ids[1]
    start(db, sample.coordinator, wid, 1, date(2025, 7, 1), today=TODAY)
    with pytest.raises(ValidationError) as err:
        complete(db, sample.coordinator, wid, 2, end, today=TODAY)
    assert err.value.field == "actual_end"
    assert field_words[0] in err.value.ja and field_words[1] in err.value.en
    assert order(db, wid).status is S.IN_PROGRESS and len(events(db, wid)) == 1


def test_completing_on_the_start_day_and_today_is_fine(db: Database) -> None:
    sample = build_sample(db)
    wid = sample.work_order_ids[1]
    start(db, sample.coordinator, wid, 1, TODAY, today=TODAY)
    complete(db, sample.coordinator, wid, 2, TODAY, today=TODAY)
    assert order(db, wid).actual_end == TODAY


def test_a_start_in_the_future_is_refused(db: Database) -> None:
    sample = build_sample(db)
    wid = sample.work_order_ids[1]
    with pytest.raises(ValidationError) as err:
        start(db, sample.coordinator, wid, 1, TODAY + timedelta(days=1), today=TODAY)
    assert err.value.field == "actual_start" and "未来" in err.value.ja
    assert nothing_written(db)


def _completed(db: Database, sample: Sample) -> int:
    wid = sample.work_order_ids[1]
    start(db, sample.coordinator, wid, 1, date(2025, 7, 1), today=TODAY)
    complete(db, sample.coordinator, wid, 2, date(2025, 7, 10), today=TODAY)
    return wid


@pytest.mark.parametrize(
    ("kwargs", "field", "words"),
    [
        ({"accepted_on": None}, "accepted_on", ("検収日を入力してください", "required")),
        ({"accepted_on": date(2025, 7, 9)}, "accepted_on", ("より前", "before the actual end")),
        ({"accepted_on": TODAY + timedelta(days=1)}, "accepted_on", ("未来", "in the future")),
        ({"accepted_on": TODAY, "acceptance_ref": "x" * 101}, "acceptance_ref", ("100", "100")),
        ({"accepted_on": TODAY, "acceptance_ref": "検\x07収"}, "acceptance_ref", ("", "")),
    ],
)
def test_accepting_needs_a_plausible_date_and_reference(
    db: Database, kwargs: dict[str, Any], field: str, words: tuple[str, str]
) -> None:
    sample = build_sample(db)
    boss = manager(db)
    wid = _completed(db, sample)
    with pytest.raises(ValidationError) as err:
        accept(db, boss, wid, 3, today=TODAY, **kwargs)
    assert err.value.field == field
    assert words[0] in err.value.ja and words[1] in err.value.en
    assert order(db, wid).status is S.COMPLETED


def test_a_coordinator_may_not_accept(db: Database) -> None:
    sample = build_sample(db)
    wid = _completed(db, sample)
    for call in (
        lambda: accept(db, sample.coordinator, wid, 3, TODAY, today=TODAY),
        lambda: transition(db, sample.coordinator, wid, S.ACCEPTED, 3, accepted_on=TODAY),
    ):
        with pytest.raises(PermissionDenied) as err:
            call()
        assert "管理者" in err.value.ja and "manager" in err.value.en
    assert order(db, wid).status is S.COMPLETED and len(events(db, wid)) == 2
    assert allowed_moves(S.COMPLETED, sample.coordinator) == [S.CANCELLED]
    assert allowed_moves(S.COMPLETED, manager(db)) == [S.ACCEPTED, S.CANCELLED]
    assert allowed_moves(S.COMPLETED, sample.seconded) == []
