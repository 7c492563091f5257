"""The audit log viewer's reads: filtered by user, table, record, period and text, newest
first, paged, with the count; only administrators and managers read it."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from oneaqita.errors import PermissionDenied
from oneaqita.models import OrganizationKind, Role, User
from oneaqita.services.actor import Actor
from oneaqita.services.audit_queries import (
    AuditFilter,
    audit_entry,
    audit_users,
    changed_fields,
    count_audit_entries,
    list_audit_entries,
)
from oneaqita.services.changes import Entity
from oneaqita.services.database import Database
from oneaqita.services.organizations import get_organization, save_organization
from oneaqita.services.records import OrganizationData


def add_user(db: Database, admin: Actor, login: str, role: Role) -> Actor:
    with db.unit_of_work(admin) as uow:
        user = User(login=login, display_name=login.title(), role=role)
        uow.session.add(user)
        uow.session.flush()
        uow.audit("create", Entity.USERS, user.id, None, {"login": login, "role": str(role)})
        return Actor.of(user)


@pytest.fixture
def log(db: Database, admin: Actor) -> dict[str, Actor]:
    """An administrator adds two bodies, a second one renames one of them (in Japanese)."""
    bob = add_user(db, admin, "bob", Role.ADMIN)
    clerk = add_user(db, admin, "carol", Role.COORDINATOR)
    manager = add_user(db, admin, "dave", Role.MANAGER)
    save_organization(db, admin, OrganizationData("052019", OrganizationKind.CITY, "秋田市"), None)
    save_organization(db, admin, OrganizationData("052027", OrganizationKind.CITY, "能代市"), None)
    row = get_organization_by_code(db, "052019")
    save_organization(
        db,
        bob,
        OrganizationData("052019", OrganizationKind.CITY, "秋田市役所"),
        row.version,
        row.id,
    )
    return {"admin": admin, "bob": bob, "manager": manager, "clerk": clerk}


def get_organization_by_code(db: Database, code: str):  # type: ignore[no-untyped-def]
    from oneaqita.models import Organization

    with db.read() as session:
        org_id = session.scalar(select(Organization.id).where(Organization.code == code))
    assert org_id is not None
    return get_organization(db, org_id)


def test_newest_first_with_the_count(db: Database, log: dict[str, Actor]) -> None:
    admin = log["admin"]
    rows = list_audit_entries(db, admin, AuditFilter())
    assert count_audit_entries(db, admin, AuditFilter()) == len(rows) >= 7
    assert [(r.at, r.id) for r in rows] == sorted(((r.at, r.id) for r in rows), reverse=True)
    assert rows[0].actor == "bob" and rows[0].action == "update"
    oldest_first = list_audit_entries(db, admin, AuditFilter(descending=False))
    assert oldest_first == rows[::-1]


def test_filters_by_user_table_and_record(db: Database, log: dict[str, Actor]) -> None:
    admin, bob = log["admin"], log["bob"]
    by_bob = AuditFilter(user_id=bob.user_id)
    rows = list_audit_entries(db, admin, by_bob)
    assert [r.actor for r in rows] == ["bob"] and count_audit_entries(db, admin, by_bob) == 1
    assert rows[0].before is not None and rows[0].after is not None
    assert changed_fields(rows[0].before, rows[0].after) == ["name_ja", "version"]

    bodies = AuditFilter(entity=str(Entity.ORGANIZATIONS))
    assert count_audit_entries(db, admin, bodies) == 3
    org = get_organization_by_code(db, "052019")
    one = AuditFilter(entity=str(Entity.ORGANIZATIONS), entity_id=org.id)
    assert {r.action for r in list_audit_entries(db, admin, one)} == {"create", "update"}
    users = list_audit_entries(db, admin, AuditFilter(entity=str(Entity.USERS)))
    assert {r.after["login"] for r in users if r.after} >= {"bob", "carol"}


def test_period_bounds_and_paging(db: Database, log: dict[str, Actor]) -> None:
    admin = log["admin"]
    everything = list_audit_entries(db, admin, AuditFilter())
    now = datetime.now(UTC)
    assert count_audit_entries(db, admin, AuditFilter(since=now + timedelta(minutes=1))) == 0
    assert count_audit_entries(db, admin, AuditFilter(until=now - timedelta(hours=1))) == 0
    today = AuditFilter(since=now - timedelta(hours=1), until=now + timedelta(hours=1))
    assert count_audit_entries(db, admin, today) == len(everything)
    pages = [list_audit_entries(db, admin, AuditFilter(), offset, 2) for offset in (0, 2, 4)]
    assert [r for page in pages for r in page] == everything[:6]


def test_text_matches_japanese_in_before_or_after(db: Database, log: dict[str, Actor]) -> None:
    admin = log["admin"]
    renamed = list_audit_entries(db, admin, AuditFilter(text="秋田市役所"))
    assert [r.actor for r in renamed] == ["bob"]
    both = AuditFilter(text="秋田市", entity=str(Entity.ORGANIZATIONS))
    assert count_audit_entries(db, admin, both) == 2  # created as 秋田市, renamed from it
    for hostile in ("100%", "%_%_%_%", "\\", "'; DROP TABLE audit_log; --", "\x00", "x" * 10_000):
        assert count_audit_entries(db, admin, AuditFilter(text=hostile)) == 0


def test_text_matches_an_entry_written_unescaped(db: Database, log: dict[str, Actor]) -> None:
    """A database trigger writes the characters themselves, not the services' escapes."""
    with db.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO audit_log (at, actor, action, entity, entity_id, before, after) "
            "VALUES ('2026-01-05 09:00:00', 'trigger', 'update', 'organizations', 1, "
            """'{"name_ja": "八郎潟町"}', """
            """'{"name_ja": "八郎潟町役場", "name_en": "Hachirogata"}')"""
        )
    admin = log["admin"]
    assert [r.actor for r in list_audit_entries(db, admin, AuditFilter(text="八郎潟"))] == [
        "trigger"
    ]
    assert count_audit_entries(db, admin, AuditFilter(text="町役場")) == 1
    assert count_audit_entries(db, admin, AuditFilter(text="HACHIROGATA")) == 1  # any case
    assert count_audit_entries(db, admin, AuditFilter(text="潟町役")) == 1
    assert count_audit_entries(db, admin, AuditFilter(text="潟_役")) == 0  # no wildcards
    assert count_audit_entries(db, admin, AuditFilter(text="潟%役")) == 0


def test_one_entry_and_the_users(db: Database, log: dict[str, Actor]) -> None:
    admin = log["admin"]
    first = list_audit_entries(db, admin, AuditFilter())[0]
    assert audit_entry(db, admin, first.id) == first
    assert audit_entry(db, admin, 10**9) is None
    assert [u.login for u in audit_users(db, admin)] == ["bob", "carol", "dave", "import-admin"]


def test_only_administrators_and_managers_read_it(db: Database, log: dict[str, Actor]) -> None:
    assert count_audit_entries(db, log["manager"], AuditFilter()) > 0
    with pytest.raises(PermissionDenied):
        count_audit_entries(db, log["clerk"], AuditFilter())
    with pytest.raises(PermissionDenied):
        list_audit_entries(db, log["clerk"], AuditFilter())
    with pytest.raises(PermissionDenied):
        audit_entry(db, log["clerk"], 1)


def test_changed_fields() -> None:
    assert changed_fields(None, {"a": 1}) == ["a"]
    assert changed_fields({"a": 1, "b": 2}, {"a": 1, "b": 3, "c": 4}) == ["b", "c"]
    assert changed_fields({"a": 1}, None) == ["a"]
    assert changed_fields({"a": 1}, {"a": 1}) == []
