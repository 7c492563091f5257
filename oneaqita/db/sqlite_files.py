"""What backups and restores of the SQLite database share: the file of a URL, copying with
SQLite's online backup in steps, and files written beside a target and renamed into place.

Rules:

- ``copy_pages`` copies in steps of pages, so that it reports progress and writers wait for
  no step. Another connection writing between two steps makes SQLite start over; after a few
  restarts the copy is taken in one step instead (one read transaction, which writers in WAL
  mode do not wait for). Either way the copy is one consistent state of the database.
- A file is written as a hidden ``.NAME.WHAT-*.part`` beside its target (``part_path``) and
  renamed over it when complete: a kill half-way never leaves half a file under the name.
"""

import os
import secrets
import sqlite3
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from oneaqita.errors import ValidationError

ProgressCallback = Callable[[str, int, int], None]
STAGE_COPY, STAGE_CHECK, STAGE_MIGRATE = "copy", "check", "migrate"

MIN_STEP_PAGES = 64  # a step copies at least this many pages (256 KiB at 4 KiB a page)
_STEPS = 50  # and at most about this many steps a copy, for the progress bar
_MAX_RESTARTS = 3
_SQLITE_OK = 0


def refused(ja: str, en: str) -> ValidationError:
    """A file the user named that cannot be used: the error is at the file."""
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


def same_file(a: Path, b: Path) -> bool:
    if a.resolve() == b.resolve():
        return True
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def companions(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def is_live(path: Path, live: Path) -> bool:
    return any(same_file(path, p) for p in (live, *companions(live)))


def part_path(beside: Path, what: str) -> Path:
    """A new hidden file in beside's folder, created empty here: OSError if it cannot be."""
    part = beside.with_name(f".{beside.name}.{what}-{secrets.token_hex(4)}.part")
    part.touch(exist_ok=False)
    return part


def remove_with_companions(path: Path) -> None:
    for p in (path, *companions(path)):
        p.unlink(missing_ok=True)


def not_writable(path: Path, exc: OSError) -> ValidationError:
    why = exc.strerror or type(exc).__name__
    return refused(f"書き込めません: {path} ({why})", f"Cannot write {path}: {why}")


def fsync(path: Path) -> None:
    with path.open("rb+") as f:
        os.fsync(f.fileno())


def fsync_folder(folder: Path) -> None:
    if os.name == "posix":  # a rename lasts once its folder is on disk (no such call on Windows)
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class _Restarting(Exception):
    """Other connections kept writing between the steps: copy in one step instead."""


def copy_pages(
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


def single_file(conn: sqlite3.Connection) -> None:
    """Rollback-journal mode, which lasts in the file: it needs no -wal or -shm beside it,
    and opens read-only from a read-only folder or medium."""
    conn.execute("PRAGMA journal_mode = DELETE").fetchone()


def integrity_problem(conn: sqlite3.Connection, check: str = "integrity_check") -> str | None:
    """None when `PRAGMA check` finds nothing wrong, else its first findings. quick_check
    reads every page but does not match indexes against their tables: on the 640 MB
    benchmark database (500,000 orders) it took 26 s against integrity_check's 328 s (one
    run each, on a loaded machine)."""
    rows = conn.execute(f"PRAGMA {check}(5)").fetchall()
    found = [str(r[0]) for r in rows]
    return None if found == ["ok"] else "; ".join(found)[:300]
