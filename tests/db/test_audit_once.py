"""One audit entry per change (issue 13), on SQLite, on PostgreSQL connected as the owner
(the app writes the entries, the triggers stay out) and as an administrator's own login role
(the triggers write them, the app only what no row change stands for): counted per use case,
the command line's import included, and read back as the audit page does."""

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from oneaqita.cli import main
from oneaqita.models import AuditEntry, OrganizationKind, Role
from oneaqita.services import user_accounts as accounts
from oneaqita.services.actor import Actor
from oneaqita.services.audit_queries import AuditFilter, list_audit_entries
from oneaqita.services.database import Database
from oneaqita.services.organizations import save_organization
from oneaqita.services.records import OrganizationData
from tests.db.pg_security_setup import Secured, secured_database, sqlstate
from tests.db.test_import_files import ORGS
from tests.db.user_roles import drop_test_roles
from tests.import_files import write_csv
from tests.logins import CLI_PASSWORD, actor_for, add_login


@dataclass
class Setup:
    db: Database  # the app's, as it runs for ``actor``
    actor: Actor
    cli_url: str | None  # for the command line as ``actor`` (its password CLI_PASSWORD)
    owner: Database  # to count with


@pytest.fixture
def secured() -> Iterator[Secured]:
    yield from secured_database()


def _count(setup: Setup) -> int:
    with setup.owner.read() as s:
        return int(s.scalar(select(func.count()).select_from(AuditEntry)) or 0)


def _changes_each_audited_once(setup: Setup, tmp_path: Path, made: list[str]) -> None:
    db, actor = setup.db, setup.actor
    start = _count(setup)
    body = OrganizationData("052035", OrganizationKind.CITY, "由利本荘市")
    save_organization(db, actor, body, None)
    assert _count(setup) == start + 1
    with db.read() as s:
        org_id = s.scalar(text("SELECT id FROM organizations WHERE code = '052035'"))
    renamed = OrganizationData("052035", OrganizationKind.CITY, "由利本荘市役所")
    save_organization(db, actor, renamed, 1, org_id)
    assert _count(setup) == start + 2
    entries = list_audit_entries(db, actor, AuditFilter(entity="organizations", entity_id=org_id))
    assert len(entries) == 2  # the audit page: each change once, newest first
    update = entries[0]
    assert update.actor == actor.login and update.user_id == actor.user_id
    assert update.before is not None and update.before["name_ja"] == "由利本荘市"
    assert update.after is not None and update.after["name_ja"] == "由利本荘市役所"

    login = f"t_users_{uuid.uuid4().hex[:8]}"
    made.append(login)
    with db.unit_of_work(actor) as uow:
        accounts.add_user(uow, login, "新人", Role.SECONDED)
        user_id = uow.change.created_id(accounts.ENTITY)
    assert user_id is not None and _count(setup) == start + 3
    with db.unit_of_work(actor) as uow:  # on PostgreSQL no row changes: the app's entry
        accounts.reset_password(uow, user_id, "a good password")
    assert _count(setup) == start + 4

    if setup.cli_url is not None:
        # Not Akita city, which has orders: its update re-indexes them, and on PostgreSQL the
        # triggers record those rows' changes as well (no entry of the app stands for them).
        rows = [r for r in ORGS if r[0] != "０５２０１９"]
        path = write_csv(tmp_path / "orgs.csv", rows, "cp932")
        args = ["import", "organizations", str(path), "--db", setup.cli_url]
        assert main([*args, "--user", actor.login]) == 0
        assert _count(setup) == start + 4 + len(rows) - 1 + 1  # each row, and the summary
        with setup.owner.read() as s:
            summaries = s.scalars(select(AuditEntry.actor).where(AuditEntry.action == "import"))
            assert list(summaries) == [actor.login]


def test_on_sqlite(sqlite_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    actor = add_login(sqlite_db)
    monkeypatch.setenv("ONEAQITA_PASSWORD", CLI_PASSWORD)
    url = sqlite_db.engine.url.render_as_string(hide_password=False)
    _changes_each_audited_once(Setup(sqlite_db, actor, url, sqlite_db), tmp_path, [])


@pytest.mark.pg
def test_on_postgresql_as_the_owner(pg_db: Database, tmp_path: Path) -> None:
    made: list[str] = []
    try:
        actor = actor_for(pg_db, f"t_users_{uuid.uuid4().hex[:8]}")
        made.append(actor.login)
        _changes_each_audited_once(Setup(pg_db, actor, None, pg_db), tmp_path, made)
        with pg_db.read() as s:
            actions = set(s.scalars(select(AuditEntry.action)))
        assert not {a for a in actions if a.startswith("db_")}  # the owner is not witnessed
    finally:
        drop_test_roles(pg_db, made)


@pytest.mark.pg
def test_on_postgresql_as_an_administrators_login(
    secured: Secured, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = secured.app_database(Role.ADMIN)
    made: list[str] = []
    monkeypatch.setenv("ONEAQITA_PASSWORD", "trusted here")
    url = secured.url.replace("postgres@", "", 1)
    try:
        setup = Setup(db, secured.actors[Role.ADMIN], url, secured.owner)
        _changes_each_audited_once(setup, tmp_path, made)
        with secured.owner.read() as s:
            actions = set(s.scalars(select(AuditEntry.action)))
        assert actions >= {"db_insert", "db_update", "reset_password", "import"}
        assert not actions & {"create", "update"}  # the app's own: none, the triggers have them
    finally:
        db.dispose()
        drop_test_roles(secured.owner, made)


@pytest.mark.pg
def test_no_setting_of_a_psql_session_switches_the_triggers_off(secured: Secured) -> None:
    admin = secured.logins[Role.ADMIN]
    with secured.engine(Role.ADMIN).connect() as conn:
        with pytest.raises(DBAPIError) as refused, conn.begin_nested():
            conn.execute(text("SET session_replication_role = replica"))
        assert sqlstate(refused.value) == "42501"
        for setting in ("oneaqita.witness", "oneaqita.audit", "oneaqita.app"):
            conn.execute(text(f"SET {setting} = 'off'"))
        conn.execute(text("UPDATE organizations SET name_en = 'Akita' WHERE code = '052019'"))
        conn.commit()
    with secured.owner.read() as s:
        found = s.execute(
            select(AuditEntry.actor, AuditEntry.action).where(AuditEntry.entity == "organizations")
        ).all()
    assert [tuple(f) for f in found] == [(admin, "db_update")]


def test_the_page_finds_the_parts_the_triggers_name_by_their_table(sqlite_db: Database) -> None:
    """A work order's assignees or the renewal basis's tables, as PostgreSQL's triggers name
    them, are found under the app's entity; with a record chosen only that entity's record."""
    actor = actor_for(sqlite_db)
    with sqlite_db.unit_of_work(actor) as uow:
        for entity in ("renewal_basis", "service_lives", "renewal_unit_costs", "assets"):
            uow.connection.execute(
                AuditEntry.__table__.insert(),
                {"actor": "x", "action": "db_update", "entity": entity, "entity_id": 3},
            )

    def found(**kw: object) -> list[str]:
        rows = list_audit_entries(sqlite_db, actor, AuditFilter(**kw))  # type: ignore[arg-type]
        return sorted(r.entity for r in rows if r.actor == "x")

    assert found(entity="renewal_basis") == ["renewal_basis", "renewal_unit_costs", "service_lives"]
    assert found(entity="renewal_basis", entity_id=3) == ["renewal_basis"]
    assert found(entity="assets") == ["assets"]
