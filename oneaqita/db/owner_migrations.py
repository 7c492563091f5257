"""Running the migrations on a PostgreSQL server as the schema's owner, from the database
settings: connect with the owner's login and password (typed, or remembered in the keyring),
refuse a role that does not own the schema before anything runs, then upgrade one revision at
a time so that progress can be shown; each revision commits on its own, so a failure leaves
the database at the last revision that finished and says which. The result says whether the
migrated database has no user yet (the settings then offer to create its first administrator)."""

from collections.abc import Callable
from dataclasses import dataclass

from alembic.script import ScriptDirectory
from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

from oneaqita.db.connection_settings import (
    ConnectionSettings,
    describe_server,
    validate_name,
)
from oneaqita.db.migrate import alembic_config, current_revision, upgrade
from oneaqita.db.server_check import connect
from oneaqita.errors import DomainError, PermissionDenied

ProgressCallback = Callable[[str, int, int], None]
_INSUFFICIENT_PRIVILEGE = "42501"


class NotOwner(PermissionDenied):
    pass


@dataclass(frozen=True)
class MigrationResult:
    before: str | None
    after: str | None
    steps: int
    no_users: bool = False  # migrated, and no users row yet: its first administrator is due

    def message(self) -> str:
        if self.steps == 0:
            return (
                f"スキーマはすでに最新です（{self.after}）。\n"
                f"The schema is already up to date ({self.after})."
            )
        start = self.before or "空 / empty"
        return (
            f"移行しました: {start} → {self.after}（{self.steps}段階）。\n"
            f"Migrated: {start} → {self.after} ({self.steps} steps)."
        )


def _not_owner(role: str, why_ja: str, why_en: str) -> NotOwner:
    return NotOwner(
        f"ロール {role} ではスキーマを移行できません: {why_ja}"
        "移行はスキーマの所有者のログインで実行してください。何も変更していません。",
        f"The role {role} cannot migrate the schema: {why_en} "
        "Run the migrations with the login of the schema's owner. Nothing was changed.",
    )


def ownership_problem(conn: Connection, role: str) -> NotOwner | None:
    """Why the connected role may not migrate: a table of the schema it does not own (nor
    has the privileges of its owner), or, in an empty schema, no right to create in it."""
    superuser = conn.execute(
        text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
    ).scalar()
    if superuser:
        return None
    foreign = conn.execute(
        text(
            "SELECT c.relname, pg_get_userbyid(c.relowner) FROM pg_class c"
            " JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')"
            " AND NOT pg_has_role(current_user, c.relowner, 'USAGE')"
            " ORDER BY c.relname = 'alembic_version' DESC, c.relname LIMIT 1"
        )
    ).first()
    if foreign is not None:
        table, owner = foreign
        return _not_owner(
            role,
            f"表 {table} の所有者は {owner} です。",
            f"the table {table} belongs to {owner}.",
        )
    may_create = conn.execute(
        text("SELECT has_schema_privilege(current_user, current_schema(), 'CREATE')")
    ).scalar()
    if not may_create:
        return _not_owner(
            role,
            "スキーマに表を作る権限がありません。",
            "it may not create tables in the schema.",
        )
    return None


def _pending(script: ScriptDirectory, current: str | None) -> list[str]:
    """The revisions after `current` up to the head, oldest first."""
    revisions = [r.revision for r in script.walk_revisions("base", "heads")]
    revisions.reverse()  # walk_revisions goes from the head down
    if current is None:
        return revisions
    return revisions[revisions.index(current) + 1 :] if current in revisions else revisions


def run_owner_migrations(
    settings: ConnectionSettings,
    owner: str,
    password: str,
    progress: ProgressCallback | None = None,
) -> MigrationResult:
    owner = validate_name(owner, "owner")
    engine = connect(settings, owner, password)
    where = describe_server(settings)
    try:
        with engine.connect() as conn:
            problem = ownership_problem(conn, owner)
        if problem is not None:
            raise problem
        before = current_revision(engine)
        script = ScriptDirectory.from_config(alembic_config(engine))
        steps = _pending(script, before)
        done = before
        for number, revision in enumerate(steps, start=1):
            if progress:
                progress(f"{revision}", number - 1, len(steps))
            try:
                upgrade(engine, revision)
            except DBAPIError as exc:
                raise _failed(owner, where, done, revision, exc) from exc
            done = revision
        if progress and steps:
            progress(f"{done}", len(steps), len(steps))
        with engine.connect() as conn:
            no_users = not conn.execute(text("SELECT EXISTS (SELECT 1 FROM users)")).scalar()
        return MigrationResult(before, current_revision(engine), len(steps), bool(no_users))
    finally:
        engine.dispose()


def _failed(
    owner: str, where: str, done: str | None, revision: str, exc: DBAPIError
) -> DomainError:
    why = (str(exc.orig).strip().splitlines() or [type(exc.orig).__name__])[0][:300]
    if getattr(exc.orig, "sqlstate", None) == _INSUFFICIENT_PRIVILEGE:
        return _not_owner(
            owner,
            f"{revision} を実行する権限がありません（{why}）。",
            f"it lacks a privilege that {revision} needs ({why}).",
        )
    at = done or "空 / empty"
    return DomainError(
        f"{where} の移行が {revision} で失敗しました。データベースは {at} のままです。\n{why}",
        f"Migrating {where} failed at {revision}; the database stays at {at}.\n{why}",
    )
