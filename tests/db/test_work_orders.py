"""Work-order use cases: the paged list and the status machine, on both databases."""

from datetime import date

import pytest
from sqlalchemy import select

from oneaqita.errors import ConcurrentEdit, IllegalTransition, PermissionDenied
from oneaqita.models import AuditEntry, WorkOrderEvent, WorkOrderStatus
from oneaqita.services.changes import Entity
from oneaqita.services.database import Database
from oneaqita.services.work_order_queries import (
    WorkOrderFilter,
    WorkOrderSort,
    client_choices,
    count_work_orders,
    list_work_orders,
    work_order_detail,
)
from oneaqita.services.work_orders import allowed_moves, transition
from tests.builders import build_sample

S = WorkOrderStatus


def test_list_pages_do_not_overlap_and_cover_everything(db: Database) -> None:
    build_sample(db)
    flt = WorkOrderFilter(sort=WorkOrderSort.NUMBER, descending=False)
    pages = [list_work_orders(db, flt, offset, 2) for offset in (0, 2, 4)]
    numbers = [r.number for page in pages for r in page]
    assert numbers == ["WO-0001", "WO-0002", "WO-0003", "WO-0004", "WO-0005"]
    assert count_work_orders(db, flt) == 5


@pytest.mark.parametrize("sort", list(WorkOrderSort))
def test_every_column_sorts_both_ways(db: Database, sort: WorkOrderSort) -> None:
    build_sample(db)
    up = list_work_orders(db, WorkOrderFilter(sort=sort, descending=False))
    down = list_work_orders(db, WorkOrderFilter(sort=sort, descending=True))
    assert [r.id for r in up] == [r.id for r in reversed(down)]
    keys = {
        WorkOrderSort.PRIORITY: lambda r: r.priority,
        WorkOrderSort.PLANNED_START: lambda r: r.planned_start,
        WorkOrderSort.NUMBER: lambda r: r.number,
        WorkOrderSort.CONTRACT: lambda r: r.contract_number,
    }
    if sort in keys:
        assert [keys[sort](r) for r in up] == sorted(keys[sort](r) for r in up)


def test_filters_by_client_and_status(db: Database) -> None:
    sample = build_sample(db)
    rows = list_work_orders(db, WorkOrderFilter(client_id=sample.akita_id))
    assert {r.client_name for r in rows} == {"秋田市"}
    rows = list_work_orders(db, WorkOrderFilter(statuses=frozenset({S.DRAFT, S.ACCEPTED})))
    assert {r.status for r in rows} == {S.DRAFT, S.ACCEPTED}
    assert [c[2] for c in client_choices(db)] == ["秋田市", "能代市"]


def test_detail_has_assets_assignees_and_history(db: Database) -> None:
    sample = build_sample(db)
    wid = sample.work_order_ids[0]
    transition(db, sample.coordinator, wid, S.PLANNED, expected_version=1, note="日程確定")
    detail = work_order_detail(db, wid)
    assert detail.row.status is S.PLANNED
    assert [a.code for a in detail.assets] == ["052019-P-000001"]
    assert detail.row.assignees == "佐藤 花子"
    assert [(e.from_status, e.to_status, e.who, e.note) for e in detail.events] == [
        (S.DRAFT, S.PLANNED, "業務 太郎", "日程確定")
    ]


def test_the_whole_legal_path_is_recorded_and_audited(db: Database) -> None:
    sample = build_sample(db)
    wid = sample.work_order_ids[0]
    path = [S.PLANNED, S.IN_PROGRESS, S.COMPLETED]  # accepting: tests/db/test_work_order_moves
    for version, to in enumerate(path, start=1):
        change = transition(
            db, sample.coordinator, wid, to, expected_version=version, actual_end=date.today()
        )
        assert change.touches("work_orders") and wid in change.ids_of(Entity.WORK_ORDERS)
    detail = work_order_detail(db, wid)
    assert detail.row.status is S.COMPLETED
    assert detail.actual_start == detail.actual_end == date.today()
    assert allowed_moves(S.ACCEPTED) == []
    with db.read() as s:
        audits = s.scalars(select(AuditEntry).where(AuditEntry.entity == "work_orders")).all()
        assert [a.after["status"] for a in audits if a.after] == [p.value for p in path]
        assert {a.actor for a in audits} == {"coord"}


@pytest.mark.parametrize(
    ("index", "to"),
    [(0, S.COMPLETED), (2, S.PLANNED), (4, S.CANCELLED), (1, S.DRAFT), (4, S.IN_PROGRESS)],
)
def test_illegal_moves_are_refused_and_nothing_is_written(
    db: Database, index: int, to: WorkOrderStatus
) -> None:
    sample = build_sample(db)
    wid = sample.work_order_ids[index]
    before = work_order_detail(db, wid)
    with pytest.raises(IllegalTransition) as err:
        transition(db, sample.coordinator, wid, to, expected_version=before.version)
    assert "できません" in err.value.ja and "cannot move" in err.value.en
    after = work_order_detail(db, wid)
    assert (after.row.status, after.version) == (before.row.status, before.version)
    with db.read() as s:
        assert s.scalar(select(WorkOrderEvent.id)) is None


def test_cancel_is_possible_from_every_state_before_accepted() -> None:
    for status in (S.DRAFT, S.PLANNED, S.IN_PROGRESS, S.COMPLETED):
        assert S.CANCELLED in allowed_moves(status)
    assert S.CANCELLED not in allowed_moves(S.ACCEPTED)


def test_seconded_staff_cannot_move_work_orders(db: Database) -> None:
    sample = build_sample(db)
    with pytest.raises(PermissionDenied):
        transition(db, sample.seconded, sample.work_order_ids[0], S.PLANNED, expected_version=1)


def test_a_stale_version_is_a_concurrent_edit(db: Database) -> None:
    sample = build_sample(db)
    wid = sample.work_order_ids[0]
    transition(db, sample.coordinator, wid, S.PLANNED, expected_version=1)
    with pytest.raises(ConcurrentEdit):  # a second desktop still shows version 1
        transition(db, sample.coordinator, wid, S.CANCELLED, expected_version=1)
    assert work_order_detail(db, wid).row.status is S.PLANNED


def test_moves_are_offered_only_to_roles_that_may_make_them(db: Database) -> None:
    sample = build_sample(db)
    assert allowed_moves(S.DRAFT, sample.coordinator) == [S.PLANNED, S.CANCELLED]
    assert allowed_moves(S.DRAFT, sample.seconded) == []


def test_blank_until_business_data_is_stored(db: Database) -> None:
    from oneaqita.services.setup import is_blank
    from tests.logins import actor_for

    actor_for(db, "someone")  # opening a database registers its first user
    assert is_blank(db)
    build_sample(db)
    assert not is_blank(db)


def test_derived_list_columns_follow_the_contract_and_client(db: Database) -> None:
    build_sample(db)
    rows = list_work_orders(db, WorkOrderFilter(sort=WorkOrderSort.CLIENT, descending=False))
    assert [r.client_name for r in rows] == ["秋田市", "秋田市", "能代市", "能代市", "能代市"]
    assert [r.contract_number for r in rows] == ["C-1", "C-1", "C-2", "C-2", "C-2"]
