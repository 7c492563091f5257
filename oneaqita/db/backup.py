"""Copies of the embedded SQLite database: a backup written while the app runs, and a restore
that checks a file before it replaces anything. Files and engines only: who may do it and the
audit entries are ``oneaqita/services/database_backup.py``.

Rules:

- A backup is SQLite's online backup (``Connection.backup``) in steps of pages, so that it
  reports progress and writers wait for no step. Another connection writing between two steps
  makes SQLite start over; after a few restarts the copy is taken in one step instead (one
  read transaction, which writers in WAL mode do not wait for). Either way the copy is one
  consistent state of the database.
- Nothing is written under a target's name until the copy is complete and checked
  (``quick_check``): it is written to a hidden ``.NAME.*.part`` file beside the target and
  renamed into place. A backup is a single file (journal mode DELETE): no -wal belongs to it.
- A restore copies the file into a staging file beside the live database (opened read-only,
  the source is never written), and checks the copy: an SQLite file, ``PRAGMA
  integrity_check`` ok, an ``alembic_version`` this app knows (a newer one is refused; an
  older one is migrated, still in the staging file, so that a failing migration replaces
  nothing), every table of the models present. Only then is the live database taken out of
  WAL mode (which SQLite does only when no other connection has it open: a database in use
  elsewhere is refused), kept as ``NAME.before-restore-TIMESTAMP.sqlite3`` beside it (a hard
  link, else a copy) and the staging file renamed over it: the live name always holds a
  whole database, and no -wal or -shm of the old database is left beside the new one.
- PostgreSQL is refused with the pg_dump / pg_restore commands to use instead.
"""

import os
import secrets
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy import Engine
from sqlalchemy.engine import URL, make_url

from oneaqita.db.migrate import MIGRATIONS_DIR
from oneaqita.errors import DomainError, ValidationError

__all__ = [
    "STAGE_CHECK",
    "STAGE_COPY",
    "STAGE_MIGRATE",
    "BackupWritten",
    "DatabaseInUse",
    "ProgressCallback",
    "StagedRestore",
    "discard_staged",
    "postgres_refused",
    "sqlite_file",
    "stage_restore",
    "swap_in",
    "write_backup",
]

ProgressCallback = Callable[[str, int, int], None]
STAGE_COPY, STAGE_CHECK, STAGE_MIGRATE = "copy", "check", "migrate"

_HEADER = b"SQLite format 3\x00"
MIN_STEP_PAGES = 64  # a step copies at least this many pages (256 KiB at 4 KiB a page)
_STEPS = 50  # and at most about this many steps a copy, for the progress bar
_MAX_RESTARTS = 3
_SQLITE_OK = 0


class DatabaseInUse(DomainError):
    """The live database is open in another program (another desktop, a command)."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"データベースが他のプログラムで開かれているため、復元できません: {path}\n"
            "ほかの oneaqita やコマンドを終了してから、やり直してください。",
            f"The database is open in another program, so it cannot be restored: {path}\n"
            "Close the other oneaqita windows and commands, then try again.",
        )


def _refused(ja: str, en: str) -> ValidationError:
    return ValidationError(ja, en, "file")


def postgres_refused() -> ValidationError:
    return ValidationError(
        "PostgreSQL のデータベースはアプリからはバックアップ・復元できません。"
        "サーバーで pg_dump と pg_restore を使ってください (README 参照):\n"
        "pg_dump -Fc -h HOST -U USER -d oneaqita -f oneaqita.dump\n"
        "pg_restore --clean --if-exists -h HOST -U USER -d oneaqita oneaqita.dump",
        "A PostgreSQL database is not backed up or restored by the app: use pg_dump and "
        "pg_restore on the server (see the README):\n"
        "pg_dump -Fc -h HOST -U USER -d oneaqita -f oneaqita.dump\n"
        "pg_restore --clean --if-exists -h HOST -U USER -d oneaqita oneaqita.dump",
        "database",
    )


def sqlite_file(url: URL | str) -> Path:
    """The file of an SQLite URL; PostgreSQL and in-memory databases are refused."""
    resolved = make_url(url)
    if resolved.get_backend_name() != "sqlite":
        raise postgres_refused()
    database = resolved.database or ""
    if database.startswith("file:"):  # an SQLite URI: file:PATH?mode=ro
        database = database.removeprefix("file:").split("?", 1)[0]
    if not database or database == ":memory:":
        raise ValidationError(
            "メモリ上のデータベースはバックアップ・復元できません。",
            "An in-memory database cannot be backed up or restored.",
            "database",
        )
    return Path(database).resolve()


def _same(a: Path, b: Path) -> bool:
    if a.resolve() == b.resolve():
        return True
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _companions(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def _is_live(path: Path, live: Path) -> bool:
    return any(_same(path, p) for p in (live, *_companions(live)))


def _part_path(beside: Path, what: str) -> Path:
    """A new hidden file in beside's folder, created empty here: OSError if it cannot be."""
    part = beside.with_name(f".{beside.name}.{what}-{secrets.token_hex(4)}.part")
    part.touch(exist_ok=False)
    return part


def _remove(path: Path) -> None:
    for p in (path, *_companions(path)):
        p.unlink(missing_ok=True)


def _not_writable(path: Path, exc: OSError) -> ValidationError:
    why = exc.strerror or type(exc).__name__
    return _refused(f"書き込めません: {path} ({why})", f"Cannot write {path}: {why}")


def _checked_target(target: Path, live: Path) -> Path:
    target = Path(os.path.abspath(target))
    if _is_live(target, live):
        raise _refused(
            f"使用中のデータベースそのものにはバックアップできません: {target}",
            f"The backup cannot overwrite the database in use: {target}",
        )
    if target.is_dir():
        raise _refused(
            f"フォルダです。ファイル名を指定してください: {target}",
            f"This is a folder; give a file name: {target}",
        )
    if not target.parent.is_dir():
        raise _refused(
            f"保存先のフォルダがありません: {target.parent}",
            f"The folder does not exist: {target.parent}",
        )
    return target


def _fsync(path: Path) -> None:
    with path.open("rb+") as f:
        os.fsync(f.fileno())


def _fsync_folder(folder: Path) -> None:
    if os.name == "posix":  # a rename lasts once its folder is on disk (no such call on Windows)
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class _Restarting(Exception):
    """Other connections kept writing between the steps: copy in one step instead."""


def _copy(
    source: sqlite3.Connection, dest: sqlite3.Connection, progress: ProgressCallback | None
) -> int:
    """Copies source into dest in steps, reporting (STAGE_COPY, pages done, pages); returns
    the pages copied."""
    total = int(source.execute("PRAGMA page_count").fetchone()[0])
    state = {"last": -1, "restarts": 0}

    def step(status: int, remaining: int, count: int) -> None:
        last = state["last"]
        if status == _SQLITE_OK and last >= 0 and remaining >= last:  # started over
            state["restarts"] += 1
            if state["restarts"] > _MAX_RESTARTS:
                raise _Restarting
        state["last"] = remaining
        if progress is not None:
            progress(STAGE_COPY, count - remaining, count)

    try:
        source.backup(dest, pages=max(MIN_STEP_PAGES, total // _STEPS), progress=step)
    except _Restarting:
        source.backup(dest)
    pages = int(dest.execute("PRAGMA page_count").fetchone()[0])
    if progress is not None:
        progress(STAGE_COPY, pages, pages)
    return pages


def _single_file(conn: sqlite3.Connection) -> None:
    """Rollback-journal mode, which lasts in the file: it needs no -wal or -shm beside it,
    and opens read-only from a read-only folder or medium."""
    conn.execute("PRAGMA journal_mode = DELETE").fetchone()


def _integrity_problem(conn: sqlite3.Connection, check: str = "integrity_check") -> str | None:
    """None when `PRAGMA check` finds nothing wrong, else its first findings. quick_check
    reads every page but does not match indexes against their tables: on the 640 MB
    benchmark database (500,000 orders) it took 26 s against integrity_check's 328 s (one
    run each, on a loaded machine)."""
    rows = conn.execute(f"PRAGMA {check}(5)").fetchall()
    found = [str(r[0]) for r in rows]
    return None if found == ["ok"] else "; ".join(found)[:300]


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
        part = _part_path(target, "backup")
    except OSError as exc:
        raise _not_writable(target, exc) from exc
    try:
        raw = engine.raw_connection()
        try:
            source = raw.driver_connection
            assert isinstance(source, sqlite3.Connection)
            dest = sqlite3.connect(part)
            try:
                pages = _copy(source, dest, progress)
                _single_file(dest)
                if progress is not None:
                    progress(STAGE_CHECK, 0, 0)
                problem = _integrity_problem(dest, "quick_check")
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
        _fsync(part)
        os.replace(part, target)
        _fsync_folder(target.parent)
    except OSError as exc:
        _remove(part)
        raise _not_writable(target, exc) from exc
    except BaseException:
        _remove(part)
        raise
    return BackupWritten(target, target.stat().st_size, pages)


# -- restore ---------------------------------------------------------------------------------


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
        raise _refused(
            f"SQLite のデータベースファイルではありません: {source}",
            f"Not an SQLite database file: {source}",
        )
    wal_mode = len(header) > 19 and header[18] == 2
    no_wal = not source.with_name(source.name + "-wal").exists()
    options = "immutable=1" if wal_mode and no_wal else "mode=ro"
    return sqlite3.connect(f"{source.as_uri()}?{options}", uri=True)


def _unreadable(source: Path, exc: Exception) -> ValidationError:
    why = str(exc).strip() or type(exc).__name__
    return _refused(
        f"バックアップファイルを読めません (壊れています): {source}\n{why}",
        f"The backup file cannot be read (it is damaged): {source}\n{why}",
    )


def _revision(conn: sqlite3.Connection, source: Path) -> str:
    try:
        rows = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.DatabaseError:
        rows = []
    if len(rows) != 1:
        raise _refused(
            f"oneaqita のデータベースではありません (alembic_version がありません): {source}",
            f"Not an oneaqita database (it has no alembic_version): {source}",
        )
    revision = str(rows[0][0])
    known = {script.revision for script in _scripts().walk_revisions()}
    if revision not in known:
        raise _refused(
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
        problem = _integrity_problem(conn)
        if problem is not None:
            raise _refused(
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
            raise _refused(
                f"バックアップ ({revision}) をこの版に更新できませんでした: {source}\n{why}",
                f"The backup ({revision}) could not be migrated to this version: {source}\n{why}",
            ) from exc
    conn = sqlite3.connect(staged)
    try:
        missing = _missing_tables(conn)
        _single_file(conn)
    finally:
        conn.close()
    if missing:
        names = ", ".join(missing[:5]) + (" …" if len(missing) > 5 else "")
        raise _refused(
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
    if _is_live(source, live):
        raise _refused(
            f"使用中のデータベースそのものは復元元にできません: {source}",
            f"The database in use cannot be restored from itself: {source}",
        )
    if not source.is_file():
        raise _refused(f"ファイルがありません: {source}", f"No such file: {source}")
    try:
        staged = _part_path(live, "restore")
    except OSError as exc:
        raise _not_writable(live.parent, exc) from exc
    try:
        try:
            src = _open_source(source)
            try:
                dest = sqlite3.connect(staged)
                try:
                    _copy(src, dest, progress)
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
        _remove(staged)
        raise
    return StagedRestore(live, staged, source, revision, _scripts().get_current_head() or "")


def discard_staged(staged: StagedRestore) -> None:
    """Removes the staging file of a restore that is not carried out."""
    _remove(staged.staged)


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
        part = _part_path(kept, "keep")
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
        for stale in _companions(live):  # released above: anything left is not the new file's
            stale.unlink(missing_ok=True)
        os.replace(staged.staged, live)
        _fsync_folder(live.parent)
    except OSError as exc:
        raise _not_writable(live, exc) from exc
    return kept
