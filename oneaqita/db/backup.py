"""Backups of the embedded SQLite database, written while the app runs (restores are
``oneaqita/db/restore.py``). Files and engines only: who may do it and the audit entries are
``oneaqita/services/database_backup.py``.

Rules:

- A backup is SQLite's online backup (``sqlite_files.copy_pages``: in steps, one consistent
  state of the database even while other connections write).
- Nothing is written under a target's name until the copy is complete and checked
  (``quick_check``): it is written to a hidden ``.NAME.*.part`` file beside the target and
  renamed into place. A backup is a single file (journal mode DELETE): no -wal belongs to it.
- PostgreSQL is refused with the pg_dump / pg_restore commands to use instead.
"""

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from oneaqita.db.sqlite_files import (
    STAGE_CHECK,
    ProgressCallback,
    copy_pages,
    fsync,
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
from oneaqita.errors import DomainError

__all__ = ["BackupWritten", "write_backup"]


def _checked_target(target: Path, live: Path) -> Path:
    target = Path(os.path.abspath(target))
    if is_live(target, live):
        raise refused(
            f"使用中のデータベースそのものにはバックアップできません: {target}",
            f"The backup cannot overwrite the database in use: {target}",
        )
    if target.is_dir():
        raise refused(
            f"フォルダです。ファイル名を指定してください: {target}",
            f"This is a folder; give a file name: {target}",
        )
    if not target.parent.is_dir():
        raise refused(
            f"保存先のフォルダがありません: {target.parent}",
            f"The folder does not exist: {target.parent}",
        )
    return target


@dataclass(frozen=True)
class BackupWritten:
    path: Path
    bytes: int
    pages: int


def write_backup(
    engine: Engine, target: Path, progress: ProgressCallback | None = None
) -> BackupWritten:
    """A consistent copy of engine's SQLite database at target (replaced if it exists), while
    other connections go on reading and writing. ValidationError for a target that is the
    live database, a folder, in no folder or not writable; nothing is left under target's name
    unless the whole copy is there and passed ``quick_check`` (every page read back; the
    restore runs the full ``integrity_check``)."""
    live = sqlite_file(engine.url)
    target = _checked_target(target, live)
    try:
        part = part_path(target, "backup")
    except OSError as exc:
        raise not_writable(target, exc) from exc
    try:
        raw = engine.raw_connection()
        try:
            source = raw.driver_connection
            assert isinstance(source, sqlite3.Connection)
            dest = sqlite3.connect(part)
            try:
                pages = copy_pages(source, dest, progress)
                single_file(dest)
                if progress is not None:
                    progress(STAGE_CHECK, 0, 0)
                problem = integrity_problem(dest, "quick_check")
            finally:
                dest.close()
        finally:
            raw.close()
        if problem is not None:
            raise DomainError(
                f"使用中のデータベースが壊れています (quick_check): {problem}\n"
                "バックアップは書き込みませんでした。管理者に連絡してください。",
                f"The database in use is damaged (quick_check): {problem}\n"
                "No backup was written. Contact your administrator.",
            )
        fsync(part)
        os.replace(part, target)
        fsync_folder(target.parent)
    except OSError as exc:
        remove_with_companions(part)
        raise not_writable(target, exc) from exc
    except BaseException:
        remove_with_companions(part)
        raise
    return BackupWritten(target, target.stat().st_size, pages)
