"""Restores of the embedded SQLite database from a backup, checked before anything is
replaced. Files only: who may do it and the audit entry are
``oneaqita/services/database_backup.py``.

Rules:

- The file is copied into a staging file beside the live database (opened read-only, the
  source is never written), and the copy is checked: an SQLite file, ``PRAGMA
  integrity_check`` ok, an ``alembic_version`` this app knows (a newer one is refused; an
  older one is migrated, still in the staging file, so that a failing migration replaces
  nothing), every table of the models present.
- Only then is the live database checkpointed and taken out of WAL mode (which SQLite does
  only when no other connection has it open: a database in use elsewhere is refused), kept
  as ``NAME.before-restore-TIMESTAMP.sqlite3`` beside it (a hard link, else a copy) and the
  staging file renamed over it: the live name always holds a whole database, and no -wal or
  -shm of the old database is left beside the new one.
"""

import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy.engine import URL

from oneaqita.db.migrate import MIGRATIONS_DIR
from oneaqita.db.sqlite_files import (
    STAGE_CHECK,
    STAGE_MIGRATE,
    ProgressCallback,
    companions,
    copy_pages,
    fsync_folder,
    integrity_problem,
    is_live,
    not_writable,
    part_path,
    refused,
    remove_with_companions,
    single_file,
    sqlite_file,
)
from oneaqita.errors import DomainError, ValidationError

__all__ = ["DatabaseInUse", "StagedRestore", "discard_staged", "stage_restore", "swap_in"]

_HEADER = b"SQLite format 3\x00"


class DatabaseInUse(DomainError):
    """The live database is open in another program (another desktop, a command)."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"データベースが他のプログラムで開かれているため、復元できません: {path}\n"
            "ほかの oneaqita やコマンドを終了してから、やり直してください。",
            f"The database is open in another program, so it cannot be restored: {path}\n"
            "Close the other oneaqita windows and commands, then try again.",
        )


@dataclass(frozen=True)
class StagedRestore:
    """A checked copy of a backup, beside the live database, ready to replace it."""

    live: Path
    staged: Path
    source: Path
    revision: str  # the backup's schema revision, before it was migrated
    head: str  # the revision it is at now


def _scripts() -> ScriptDirectory:
    return ScriptDirectory(str(MIGRATIONS_DIR))


def _open_source(source: Path) -> sqlite3.Connection:
    """The backup, read-only. A WAL-mode file without a -wal holds everything in itself and
    is opened immutable: a read-only WAL connection would leave a -shm and -wal beside it."""
    with source.open("rb") as f:
        header = f.read(100)
    if not header.startswith(_HEADER):
        raise refused(
            f"SQLite のデータベースファイルではありません: {source}",
            f"Not an SQLite database file: {source}",
        )
    wal_mode = len(header) > 19 and header[18] == 2
    no_wal = not source.with_name(source.name + "-wal").exists()
    options = "immutable=1" if wal_mode and no_wal else "mode=ro"
    return sqlite3.connect(f"{source.as_uri()}?{options}", uri=True)


def _unreadable(source: Path, exc: Exception) -> ValidationError:
    why = str(exc).strip() or type(exc).__name__
    return refused(
        f"バックアップファイルを読めません (壊れています): {source}\n{why}",
        f"The backup file cannot be read (it is damaged): {source}\n{why}",
    )


def _revision(conn: sqlite3.Connection, source: Path) -> str:
    try:
        rows = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.DatabaseError:
        rows = []
    if len(rows) != 1:
        raise refused(
            f"oneaqita のデータベースではありません (alembic_version がありません): {source}",
            f"Not an oneaqita database (it has no alembic_version): {source}",
        )
    revision = str(rows[0][0])
    known = {script.revision for script in _scripts().walk_revisions()}
    if revision not in known:
        raise refused(
            f"このバックアップはこの版の oneaqita が知らないスキーマ版 ({revision}) です。"
            "新しい版の oneaqita で作られたものです。oneaqita を更新してから復元してください。",
            f"This backup has a schema revision ({revision}) this version of oneaqita does not "
            "know: it was made by a newer oneaqita. Update oneaqita, then restore it.",
        )
    return revision


def _migrate(staged: Path) -> None:
    from oneaqita.db.engine import make_engine
    from oneaqita.db.migrate import upgrade

    engine = make_engine(f"sqlite:///{staged.as_posix()}")
    try:
        upgrade(engine)
    finally:
        engine.dispose()


def _missing_tables(conn: sqlite3.Connection) -> list[str]:
    from oneaqita.models import Base

    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    present = {str(r[0]) for r in rows}
    return sorted(set(Base.metadata.tables) - present)


def _check_staged(staged: Path, source: Path, progress: ProgressCallback | None) -> str:
    """Checks the copy (see the module's rules), migrates it if older; its revision before."""
    conn = sqlite3.connect(staged)
    try:
        if progress is not None:
            progress(STAGE_CHECK, 0, 0)
        problem = integrity_problem(conn)
        if problem is not None:
            raise refused(
                f"バックアップファイルが壊れています (integrity_check): {source}\n{problem}",
                f"The backup file is damaged (integrity_check): {source}\n{problem}",
            )
        revision = _revision(conn, source)
    finally:
        conn.close()
    head = _scripts().get_current_head()
    if revision != head:
        if progress is not None:
            progress(STAGE_MIGRATE, 0, 0)
        try:
            _migrate(staged)
        except Exception as exc:
            why = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:300]
            raise refused(
                f"バックアップ ({revision}) をこの版に更新できませんでした: {source}\n{why}",
                f"The backup ({revision}) could not be migrated to this version: {source}\n{why}",
            ) from exc
    conn = sqlite3.connect(staged)
    try:
        missing = _missing_tables(conn)
        single_file(conn)
    finally:
        conn.close()
    if missing:
        names = ", ".join(missing[:5]) + (" …" if len(missing) > 5 else "")
        raise refused(
            f"oneaqita のデータベースに必要な表がありません ({names}): {source}",
            f"The file lacks tables an oneaqita database has ({names}): {source}",
        )
    return revision


def stage_restore(
    url: URL | str, source: Path, progress: ProgressCallback | None = None
) -> StagedRestore:
    """Copies source beside the database of url and checks the copy; nothing of the live
    database is touched. ValidationError naming the file and the reason when it is refused."""
    live = sqlite_file(url)
    source = Path(os.path.abspath(source))
    if is_live(source, live):
        raise refused(
            f"使用中のデータベースそのものは復元元にできません: {source}",
            f"The database in use cannot be restored from itself: {source}",
        )
    if not source.is_file():
        raise refused(f"ファイルがありません: {source}", f"No such file: {source}")
    try:
        staged = part_path(live, "restore")
    except OSError as exc:
        raise not_writable(live.parent, exc) from exc
    try:
        try:
            src = _open_source(source)
            try:
                dest = sqlite3.connect(staged)
                try:
                    copy_pages(src, dest, progress)
                finally:
                    dest.close()
            finally:
                src.close()
        except sqlite3.DatabaseError as exc:
            raise _unreadable(source, exc) from exc
        except OSError as exc:
            raise _unreadable(source, exc) from exc
        revision = _check_staged(staged, source, progress)
    except BaseException:
        remove_with_companions(staged)
        raise
    return StagedRestore(live, staged, source, revision, _scripts().get_current_head() or "")


def discard_staged(staged: StagedRestore) -> None:
    """Removes the staging file of a restore that is not carried out."""
    remove_with_companions(staged.staged)


def _kept_path(live: Path) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    kept = live.with_name(f"{live.stem}.before-restore-{stamp}.sqlite3")
    n = 2
    while kept.exists():
        kept = live.with_name(f"{live.stem}.before-restore-{stamp}-{n}.sqlite3")
        n += 1
    return kept


def _release(live: Path) -> None:
    """Checkpoints the live database and takes it out of WAL mode, which SQLite does only when
    no other connection has it open (DatabaseInUse otherwise); its -wal and -shm are gone."""
    conn = sqlite3.connect(live, timeout=2.0)
    try:
        mode = str(conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]).lower()
    except sqlite3.OperationalError as exc:
        raise DatabaseInUse(live) from exc
    finally:
        conn.close()
    if mode != "delete":
        raise DatabaseInUse(live)


def _keep(live: Path, kept: Path) -> None:
    try:
        os.link(live, kept)  # the same file under a second name: instant, any size
    except OSError:
        part = part_path(kept, "keep")
        try:
            with live.open("rb") as src, part.open("wb") as dst:
                while chunk := src.read(1 << 20):
                    dst.write(chunk)
                dst.flush()
                os.fsync(dst.fileno())
            os.replace(part, kept)
        except BaseException:
            part.unlink(missing_ok=True)
            raise


def swap_in(staged: StagedRestore) -> Path | None:
    """Puts the staged copy in place of the live database, which every engine must have
    closed (disposed) first; returns where the old database is kept (None if there was
    none). DatabaseInUse if another program has it open; then nothing is replaced."""
    live = staged.live
    kept = None
    try:
        if live.exists():
            _release(live)
            kept = _kept_path(live)
            _keep(live, kept)
        for stale in companions(live):  # released above: anything left is not the new file's
            stale.unlink(missing_ok=True)
        os.replace(staged.staged, live)
        fsync_folder(live.parent)
    except OSError as exc:
        raise not_writable(live, exc) from exc
    return kept
