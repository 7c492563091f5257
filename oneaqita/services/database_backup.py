"""Backing up and restoring the embedded SQLite database, for whoever may (the copying and
the checks are ``oneaqita/db/backup.py`` and ``restore.py``).

Rules:

- A backup is audited in the live database once the copy is in place (the copy therefore
  does not hold its own entry).
- A restore is two steps, so that the app can close what holds the database in between:
  ``prepare_restore`` checks the file and stages it (the live database untouched, still in
  use), ``finish_restore`` puts it in place once every engine on the live database is
  disposed, then audits the restore in the restored database. ``restore_database`` does both
  for a caller that holds nothing else open (the command line).
- The restore's audit entry is written as the restoring login's user in the restored
  database, or, when the backup does not know that login (it predates the user), as a
  maintenance actor of that login.
"""

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from oneaqita.db.backup import BackupWritten, write_backup
from oneaqita.db.restore import StagedRestore, discard_staged, stage_restore, swap_in
from oneaqita.db.sqlite_files import ProgressCallback, postgres_refused
from oneaqita.models import Role, User
from oneaqita.permissions import Action, requires
from oneaqita.services.actor import Actor
from oneaqita.services.changes import Entity
from oneaqita.services.database import Database

__all__ = [
    "PreparedRestore",
    "RestoreDone",
    "backup_database",
    "cancel_restore",
    "finish_restore",
    "prepare_restore",
    "restore_database",
]


def _sqlite_only(db: Database) -> None:
    if db.dialect != "sqlite":
        raise postgres_refused()


@requires(Action.BACKUP_DATABASE)
def backup_database(
    db: Database, actor: Actor, target: Path, progress: ProgressCallback | None = None
) -> BackupWritten:
    """Writes a consistent copy of the live database to target (see oneaqita/db/backup.py), then
    audits it."""
    _sqlite_only(db)
    written = write_backup(db.engine, Path(target), progress)
    with db.unit_of_work(actor) as uow:
        uow.audit(
            "backup",
            Entity.DATABASE,
            None,
            None,
            {"file": str(written.path), "bytes": written.bytes, "pages": written.pages},
        )
    return written


@dataclass(frozen=True)
class PreparedRestore:
    staged: StagedRestore
    url: str  # the live database, to open once the copy is in place
    login: str  # who restores


@dataclass(frozen=True)
class RestoreDone:
    live: Path
    source: Path
    kept: Path | None  # the old database, beside the live one
    revision: str  # the backup's revision before it was migrated
    head: str


@requires(Action.RESTORE_DATABASE)
def prepare_restore(
    db: Database, actor: Actor, source: Path, progress: ProgressCallback | None = None
) -> PreparedRestore:
    """Checks source and stages it beside the live database, which is left as it is.
    ValidationError with the reason when the file is refused."""
    _sqlite_only(db)
    staged = stage_restore(db.engine.url, Path(source), progress)
    url = db.engine.url.render_as_string(hide_password=False)
    return PreparedRestore(staged, url, db.current_actor(actor).login)


def cancel_restore(prepared: PreparedRestore) -> None:
    discard_staged(prepared.staged)


def finish_restore(prepared: PreparedRestore) -> RestoreDone:
    """Puts the prepared copy in place; every engine on the live database must be disposed
    (DatabaseInUse when another program still has it open: nothing replaced, the staged copy
    removed). Then the restore is audited in the restored database."""
    try:
        kept = swap_in(prepared.staged)
    except BaseException:
        cancel_restore(prepared)
        raise
    staged = prepared.staged
    done = RestoreDone(staged.live, staged.source, kept, staged.revision, staged.head)
    restored = Database.open(prepared.url)
    try:
        with restored.read() as session:
            user = session.scalar(select(User).where(User.login == prepared.login))
            actor = (
                Actor.of(user)
                if user is not None and user.active
                else Actor(user_id=None, login=prepared.login, role=Role.ADMIN)
            )
        with restored.unit_of_work(actor) as uow:
            uow.audit(
                "restore",
                Entity.DATABASE,
                None,
                None,
                {
                    "source": str(done.source),
                    "kept": str(kept) if kept else None,
                    "revision": done.revision,
                    "migrated_to": done.head if done.head != done.revision else None,
                },
            )
    finally:
        restored.dispose()
    return done


@requires(Action.RESTORE_DATABASE)
def restore_database(
    db: Database, actor: Actor, source: Path, progress: ProgressCallback | None = None
) -> RestoreDone:
    """prepare_restore, then db disposed, then finish_restore: for a caller that holds no other
    engine on the database. db's engine reconnects to the restored file if used again."""
    prepared = prepare_restore(db, actor, source, progress)
    db.dispose()
    return finish_restore(prepared)
