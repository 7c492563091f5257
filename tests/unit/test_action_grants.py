"""The grants' table is complete: every action of the permission table says what it needs of
the tables, every table of the schema is known to it, and nothing grants more than the four
privileges (never TRUNCATE, never a change of the audit log)."""

from oneaqita.asset_search import ASSET_SEARCH_TABLE
from oneaqita.db.action_grants import ACTION_GRANTS, EVERY_SESSION, TABLES, Privilege, grants_for
from oneaqita.db.pg_security import AUDITED_TABLES
from oneaqita.models import Base, Role
from oneaqita.permissions import Action
from oneaqita.search import SEARCH_TABLE


def test_every_action_has_its_grants() -> None:
    missing = [a for a in Action if a not in ACTION_GRANTS]
    assert missing == [], f"add the tables these actions need to ACTION_GRANTS: {missing}"


def test_every_table_of_the_schema_is_in_the_grants_table() -> None:
    schema = set(Base.metadata.tables) | {SEARCH_TABLE, ASSET_SEARCH_TABLE, "alembic_version"}
    assert schema == set(TABLES)
    for entry in [EVERY_SESSION, *ACTION_GRANTS.values()]:
        assert set(entry) <= set(TABLES)
        assert all(p <= set(Privilege) for p in entry.values())


def test_the_audit_log_is_only_ever_added_to_and_every_other_table_is_witnessed() -> None:
    for role in Role:
        assert grants_for(role)["audit_log"] & {Privilege.UPDATE, Privilege.DELETE} == set()
    assert "audit_log" not in AUDITED_TABLES and "time_entries" in AUDITED_TABLES


def test_roles_differ_as_the_permission_table_says() -> None:
    admin, seconded = grants_for(Role.ADMIN), grants_for(Role.SECONDED)
    assert Privilege.UPDATE in admin["organizations"]
    assert Privilege.UPDATE not in grants_for(Role.MANAGER)["organizations"]
    assert Privilege.UPDATE not in seconded.get("people", frozenset())
    assert Privilege.UPDATE not in seconded["users"]
    assert all(set(grants_for(r)) <= set(admin) for r in Role)
