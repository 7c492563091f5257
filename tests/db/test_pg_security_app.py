"""The app still works for each role when it connects as the user's own login role (as it
will on PostgreSQL): a seconded user's week, a manager's approval, a coordinator's edit of a
person, an administrator's edit of a body (which re-indexes its orders) — each change with one
audit entry, the database's (its trigger's, naming the user), none of the app's own."""

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import text

from oneaqita.errors import PermissionDenied
from oneaqita.models import OrganizationKind, Role, TimeEntryStatus
from oneaqita.services.organizations import save_organization
from oneaqita.services.people import upsert_person
from oneaqita.services.records import OrganizationData, PersonData
from oneaqita.services.time_entries import Cell, save_cell
from oneaqita.services.timesheet_queries import week_grid
from oneaqita.services.timesheet_weeks import approve_week, submit_week
from tests.db.pg_security_setup import Secured, secured_database
from tests.timesheet_builders import MONDAY

pytestmark = pytest.mark.pg


@pytest.fixture
def secured() -> Iterator[Secured]:
    yield from secured_database()


def _audit(secured: Secured, entity: str) -> list[tuple[str, str]]:
    with secured.owner.engine.connect() as conn:
        rows = conn.execute(
            text("SELECT actor, action FROM audit_log WHERE entity = :e ORDER BY id"),
            {"e": entity},
        )
        return [(a, b) for a, b in rows]


def test_a_seconded_user_logs_and_submits_their_week_and_a_manager_approves_it(
    secured: Secured,
) -> None:
    co, sato, tanaka = secured.co, secured.actors[Role.SECONDED], secured.actors[Role.MANAGER]
    seconded = secured.app_database(Role.SECONDED)
    manager = secured.app_database(Role.MANAGER)
    try:
        save_cell(seconded, sato, Cell(co.sato_id, MONDAY, co.assigned_id, None, 450))
        grid = week_grid(seconded, co.sato_id, MONDAY)
        assert [r.number for r in grid.rows if r.number] == ["WO-1"] and grid.total == 450
        with pytest.raises(PermissionDenied):  # the app refuses before the database would
            save_cell(seconded, sato, Cell(co.tanaka_id, MONDAY, co.assigned_id, None, 60))
        assert week_grid(seconded, co.tanaka_id, MONDAY).total == 0, "not their hours"
        submit_week(seconded, sato, co.sato_id, MONDAY)
        week = week_grid(manager, co.sato_id, MONDAY)
        assert week.status is TimeEntryStatus.SUBMITTED and week.week_id is not None
        assert week.week_version is not None
        approve_week(manager, tanaka, week.week_id, week.week_version)
        assert week_grid(seconded, co.sato_id, MONDAY).status is TimeEntryStatus.APPROVED
    finally:
        seconded.dispose()
        manager.dispose()
    s, m = secured.logins[Role.SECONDED], secured.logins[Role.MANAGER]
    entries = _audit(secured, "time_entries")
    assert (s, "db_insert") in entries and (m, "db_update") in entries
    assert {action for _who, action in entries} <= {"db_insert", "db_update", "db_delete"}
    weeks = _audit(secured, "timesheet_weeks")
    assert [e for e in weeks if e[1] == "db_insert"] == [(s, "db_insert")]
    assert all(action.startswith("db_") for _who, action in weeks)


def test_a_coordinator_edits_a_person_and_an_administrator_renames_a_body(
    secured: Secured,
) -> None:
    coordinator = secured.app_database(Role.COORDINATOR)
    admin = secured.app_database(Role.ADMIN)
    try:
        with coordinator.unit_of_work(secured.actors[Role.COORDINATOR]) as uow:
            upsert_person(uow, PersonData("E0001", "佐藤 華子", "052019"))
        body = OrganizationData("052019", OrganizationKind.CITY, "秋田市役所")
        save_organization(admin, secured.actors[Role.ADMIN], body, expected_version=1)
        with pytest.raises(PermissionDenied):
            save_organization(coordinator, secured.actors[Role.COORDINATOR], body, 2)
    finally:
        coordinator.dispose()
        admin.dispose()
    c, a = secured.logins[Role.COORDINATOR], secured.logins[Role.ADMIN]
    assert _audit(secured, "people") == [(c, "db_update")]
    assert _audit(secured, "organizations") == [(a, "db_update")]
    with secured.owner.engine.connect() as conn:
        doc = conn.execute(
            text("SELECT doc FROM work_order_search WHERE work_order_id = :i"),
            {"i": secured.co.assigned_id},
        ).scalar_one()
    assert "秋田市役所" in doc and "佐藤 華子" in doc


def test_a_seconded_user_cannot_reach_the_hours_of_others_even_past_the_app(
    secured: Secured,
) -> None:
    """With the app's checks out of the way (a seconded user acting as if they may log for
    others), the database still refuses."""
    co = secured.co
    seconded = secured.app_database(Role.SECONDED)
    pretend = secured.actors[Role.SECONDED]
    try:
        with pytest.raises(Exception) as caught, seconded.unit_of_work(pretend) as uow:
            uow.session.execute(
                text(
                    "INSERT INTO time_entries (person_id, work_date, minutes, category, status, "
                    "version, created_at, updated_at) "
                    "VALUES (:p, :d, 60, 'office', 'draft', 1, now(), now())"
                ),
                {"p": co.tanaka_id, "d": MONDAY + timedelta(days=2)},
            )
        assert "row-level security" in str(caught.value)
    finally:
        seconded.dispose()


def test_a_coordinator_completes_an_order_and_a_manager_accepts_it_and_sets_a_target(
    secured: Secured,
) -> None:
    from oneaqita.models import Kpi, WorkOrder
    from oneaqita.services.kpi_targets import set_kpi_target
    from oneaqita.services.work_orders import accept, complete

    order = secured.co.other_id
    coordinator = secured.app_database(Role.COORDINATOR)
    manager = secured.app_database(Role.MANAGER)

    def version() -> int:
        with secured.owner.read() as s:
            found = s.get(WorkOrder, order)
            assert found is not None
            return found.version

    try:
        who = secured.actors[Role.COORDINATOR]
        today = MONDAY + timedelta(days=1)  # not after the real today (2026-12-02 or later)
        complete(coordinator, who, order, version(), actual_end=today, today=today)
        with pytest.raises(PermissionDenied):
            accept(coordinator, who, order, version(), accepted_on=today)
        accept(manager, secured.actors[Role.MANAGER], order, version(), accepted_on=today)
        set_kpi_target(manager, secured.actors[Role.MANAGER], 2026, Kpi.KM_INSPECTED, "12.5")
    finally:
        coordinator.dispose()
        manager.dispose()
    c, m = secured.logins[Role.COORDINATOR], secured.logins[Role.MANAGER]
    orders = _audit(secured, "work_orders")
    assert (c, "db_update") in orders and (m, "db_update") in orders
    assert not [e for e in orders if not e[1].startswith("db_")]
    assert _audit(secured, "kpi_targets") == [(m, "db_insert")]
