"""Every unit of work acts for its user as stored now, and reports what it changed by entity."""

from dataclasses import replace

import pytest
from sqlalchemy import func, select, update

from oneaqita.errors import PermissionDenied
from oneaqita.models import (
    AuditEntry,
    Organization,
    OrganizationKind,
    Role,
    User,
    WorkOrder,
    WorkOrderStatus,
)
from oneaqita.services.changes import Entity
from oneaqita.services.database import Database
from oneaqita.services.organizations import save_organization
from oneaqita.services.people import save_person
from oneaqita.services.records import OrganizationData, PersonData
from oneaqita.services.work_orders import transition
from tests.builders import build_sample
from tests.logins import actor_for
from tests.staffing_builders import ADMIN

TOWN = OrganizationData("053031", OrganizationKind.TOWN, "小坂町", "こさかまち")


def _set_user(db: Database, login: str, **values: object) -> None:
    with db.unit_of_work(ADMIN) as uow:
        uow.session.execute(update(User).where(User.login == login).values(**values))


def test_a_deactivated_user_can_do_nothing_with_an_actor_made_before(db: Database) -> None:
    sample = build_sample(db)
    _set_user(db, "coord", active=False)
    with pytest.raises(PermissionDenied) as exc:
        save_person(db, sample.coordinator, PersonData("E9", "新人", "052019"), None)
    assert "無効" in exc.value.ja
    with pytest.raises(PermissionDenied), db.unit_of_work(sample.coordinator):
        pass


def test_the_role_stored_now_decides_not_the_one_the_actor_claims(db: Database) -> None:
    sample = build_sample(db)
    claims_admin = replace(sample.coordinator, role=Role.ADMIN)
    with pytest.raises(PermissionDenied):  # only administrators edit organizations
        save_organization(db, claims_admin, TOWN, None)
    _set_user(db, "coord", role=Role.ADMIN)
    change = save_organization(db, sample.coordinator, TOWN, None)  # claims coordinator
    assert change.created_id(Entity.ORGANIZATIONS) is not None


def test_an_actor_under_another_login_is_not_that_user(db: Database) -> None:
    sample = build_sample(db)
    impostor = replace(sample.coordinator, login="admin")
    with pytest.raises(PermissionDenied) as exc:
        save_person(db, impostor, PersonData("E9", "新人", "052019"), None)
    assert "登録されていません" in exc.value.ja


def test_an_actor_knows_its_person(db: Database) -> None:
    sample = build_sample(db)
    assert sample.seconded.person_id is not None
    assert actor_for(db, "sato").person_id == sample.seconded.person_id
    with db.unit_of_work(replace(sample.seconded, person_id=None)) as uow:
        assert uow.actor.person_id == sample.seconded.person_id


def test_renaming_a_person_reports_the_work_orders_reindexed_as_derived(db: Database) -> None:
    sample = build_sample(db)
    with db.read() as s:
        first = s.get(WorkOrder, sample.work_order_ids[0])
        assert first is not None
        (person,) = first.assignees
        person_id, version = person.id, person.version
    renamed = PersonData("E0001", "佐藤 花子 (旧姓 高橋)", "052019", "サトウ ハナコ")
    change = save_person(db, sample.coordinator, renamed, version, person_id)
    assert change.ids == {Entity.PEOPLE: frozenset({person_id})}
    assert change.derived == {Entity.WORK_ORDERS: frozenset({sample.work_order_ids[0]})}
    assert change.touches(Entity.WORK_ORDERS) and change.created_id(Entity.PEOPLE) is None
    assert change.ids_of(Entity.WORK_ORDERS) == {sample.work_order_ids[0]}


def test_a_status_move_reports_the_order_and_no_derived_rows(db: Database) -> None:
    sample = build_sample(db)
    order_id = sample.work_order_ids[0]
    with db.read() as s:
        order = s.get(WorkOrder, order_id)
        assert order is not None
        version = order.version
    change = transition(db, sample.coordinator, order_id, WorkOrderStatus.PLANNED, version)
    assert change.ids == {Entity.WORK_ORDERS: frozenset({order_id})}
    assert not change.derived and not change.created


def test_a_discarded_unit_of_work_writes_nothing_and_raises_nothing(db: Database) -> None:
    from oneaqita.services.organizations import upsert_organization

    with db.unit_of_work(ADMIN) as uow:
        upsert_organization(uow, TOWN)
        uow.discard()
    with db.read() as s:
        assert s.scalar(select(func.count(Organization.id))) == 0
        assert s.scalar(select(func.count(AuditEntry.id))) == 0
