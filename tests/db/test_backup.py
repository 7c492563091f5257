"""Backups of the SQLite database and restores from them: round trips, a copy taken while
another connection writes, killed half-way, and every file a restore must refuse."""

import hashlib
import os
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

import oneaqita.db.sqlite_files as copying
from oneaqita.db.migrate import current_revision, head_revision
from oneaqita.db.restore import DatabaseInUse
from oneaqita.db.sqlite_files import sqlite_file
from oneaqita.errors import PermissionDenied, ValidationError
from oneaqita.models import AuditEntry, Base, Organization, Role
from oneaqita.services.actor import Actor
from oneaqita.services.database import Database
from oneaqita.services.database_backup import (
    backup_database,
    cancel_restore,
    finish_restore,
    prepare_restore,
    restore_database,
)
from oneaqita.transfer import import_file
from tests.import_files import write_csv
from tests.logins import actor_for
from tests.settlement_builders import add_user


@pytest.fixture
def admin(sqlite_db: Database) -> Actor:
    return actor_for(sqlite_db, "backup-admin")


@pytest.fixture
def filled(sqlite_db: Database, admin: Actor, tmp_path: Path) -> Database:
    from tests.db.test_import_files import ORGS

    assert import_file(sqlite_db, admin, "organizations", write_csv(tmp_path / "o.csv", ORGS)).ok
    return sqlite_db


def _rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table of the models, audit log apart (a restore adds to it)."""
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return {
            # sorted here: some tables have no rowid (asset_map_cells is WITHOUT ROWID)
            name: sorted(conn.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)
            for name in Base.metadata.tables
            if name != "audit_log"
        }
    finally:
        conn.close()


def _live(db: Database) -> Path:
    return sqlite_file(db.engine.url)


def _leftovers(folder: Path) -> list[str]:
    return sorted(
        p.name for p in folder.iterdir() if p.name.endswith(".part") or "before" in p.name
    )


def _integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


# -- backups ---------------------------------------------------------------------------------


def test_backup_then_restore_gives_the_same_rows(
    filled: Database, admin: Actor, tmp_path: Path
) -> None:
    live = _live(filled)
    target = tmp_path / "copy" / "バックアップ 1.sqlite3"
    target.parent.mkdir()
    seen: list[tuple[str, int, int]] = []
    written = backup_database(filled, admin, target, lambda *a: seen.append(a))
    assert written.path == target and written.bytes == target.stat().st_size > 0
    assert seen[-1][0] == "check" and ("copy", written.pages, written.pages) in seen
    assert _integrity(target) == "ok"
    assert target.read_bytes()[18:20] == b"\x01\x01"  # a single file: no -wal belongs to it
    assert not target.with_name(target.name + "-wal").exists()
    assert _leftovers(target.parent) == []
    at_backup = _rows(live)
    assert at_backup["organizations"]

    with filled.unit_of_work(admin) as uow:  # changed after the backup: the restore undoes it
        uow.session.execute(Organization.__table__.delete())

    done = restore_database(filled, admin, target)
    assert not live.with_name(live.name + "-wal").exists()  # nothing stale beside it
    assert _rows(live) == at_backup
    assert done.kept is not None and done.kept.parent == live.parent
    assert done.kept.name.startswith("test.before-restore-") and done.kept.suffix == ".sqlite3"
    assert _rows(done.kept)["organizations"] == []  # the old database, as it was
    with filled.read() as session:  # the same Database reconnects to the restored file
        entries = session.execute(
            select(AuditEntry.action, AuditEntry.actor, AuditEntry.user_id, AuditEntry.after)
        ).all()
    # The backup's own entry is not in the copy; the restore's is, by the restoring user.
    assert "backup" not in [e.action for e in entries]
    assert entries[-1][:3] == ("restore", "backup-admin", admin.user_id)
    assert entries[-1].after["source"] == str(target)


def test_the_backup_is_audited_in_the_live_database(
    sqlite_db: Database, admin: Actor, tmp_path: Path
) -> None:
    backup_database(sqlite_db, admin, tmp_path / "b.sqlite3")
    with sqlite_db.read() as session:
        entry = session.execute(
            select(AuditEntry.action, AuditEntry.entity, AuditEntry.after)
            .order_by(AuditEntry.id.desc())
            .limit(1)
        ).one()
    assert entry[:2] == ("backup", "database")
    assert entry.after["file"] == str(tmp_path / "b.sqlite3")


def test_a_backup_while_another_connection_writes_is_one_consistent_state(
    sqlite_db: Database, admin: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    live = _live(sqlite_db)
    writer = sqlite3.connect(live, isolation_level=None, check_same_thread=False)
    writer.execute("PRAGMA busy_timeout = 10000")
    batch = 25

    def write_batch() -> None:
        writer.execute("BEGIN IMMEDIATE")
        for _ in range(batch):
            writer.execute(
                "INSERT INTO audit_log (at, actor, action, entity, after) "
                "VALUES (CURRENT_TIMESTAMP, 'w', 'create', 'people', ?)",
                ("x" * 2000,),
            )
        writer.execute("COMMIT")

    for _ in range(8):  # enough pages for many steps
        write_batch()
    count = "SELECT count(*) FROM audit_log"
    before = writer.execute(count).fetchone()[0]
    monkeypatch.setattr(copying, "MIN_STEP_PAGES", 2)
    monkeypatch.setattr(copying, "_STEPS", 10_000)
    stop = threading.Event()
    batches = [0]

    def keep_writing() -> None:
        while not stop.is_set():
            write_batch()
            batches[0] += 1

    thread = threading.Thread(target=keep_writing)
    thread.start()
    try:
        steps: list[int] = []
        backup_database(
            sqlite_db,
            admin,
            tmp_path / "b.sqlite3",
            lambda stage, done, total: (steps.append(done), time.sleep(0.002)),
        )
    finally:
        stop.set()
        thread.join()
    after = writer.execute(count).fetchone()[0]
    writer.close()
    assert batches[0] > 0 and len(steps) > 3  # writes really ran during a copy of many steps
    assert _integrity(tmp_path / "b.sqlite3") == "ok"
    copied = sqlite3.connect(tmp_path / "b.sqlite3").execute(count).fetchone()[0]
    assert before <= copied <= after and (copied - before) % batch == 0


_KILL_SCRIPT = """
import os, sys
from pathlib import Path
import oneaqita.db.backup as b
import oneaqita.db.sqlite_files as f
from oneaqita.db.engine import make_engine
f.MIN_STEP_PAGES, f._STEPS = 2, 10_000
def progress(stage, done, total):
    if stage == "copy" and 0 < done < total:
        os._exit(9)  # killed half-way, nothing cleaned up
b.write_backup(make_engine(sys.argv[1]), Path(sys.argv[2]), progress)
"""


def test_a_backup_killed_half_way_leaves_the_previous_file_whole(
    filled: Database, admin: Actor, tmp_path: Path
) -> None:
    target = tmp_path / "b.sqlite3"
    backup_database(filled, admin, target)
    previous = hashlib.sha256(target.read_bytes()).hexdigest()
    url = filled.engine.url.render_as_string(hide_password=False)
    run = subprocess.run([sys.executable, "-c", _KILL_SCRIPT, url, str(target)], check=False)
    assert run.returncode == 9
    assert hashlib.sha256(target.read_bytes()).hexdigest() == previous
    assert _integrity(target) == "ok"
    fresh = tmp_path / "fresh.sqlite3"
    run = subprocess.run([sys.executable, "-c", _KILL_SCRIPT, url, str(fresh)], check=False)
    assert run.returncode == 9 and not fresh.exists()  # no half file under the name


def test_a_failing_backup_removes_its_part_file(
    sqlite_db: Database, admin: Actor, tmp_path: Path
) -> None:
    def interrupted(stage: str, done: int, total: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        backup_database(sqlite_db, admin, tmp_path / "b.sqlite3", interrupted)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    assert not (tmp_path / "b.sqlite3").exists()


def _refused_target(db: Database, actor: Actor, target: Path) -> ValidationError:
    with pytest.raises(ValidationError) as exc:
        backup_database(db, actor, target)
    assert exc.value.field == "file"
    return exc.value


def test_hostile_backup_targets_are_refused(
    sqlite_db: Database, admin: Actor, tmp_path: Path
) -> None:
    live = _live(sqlite_db)
    original = _rows(live)
    for target in (live, live.with_name(live.name + "-wal"), Path(os.path.relpath(live))):
        assert "使用中のデータベース" in _refused_target(sqlite_db, admin, target).ja
    folder = tmp_path / "folder"
    folder.mkdir()
    assert "フォルダです" in _refused_target(sqlite_db, admin, folder).ja
    assert "フォルダがありません" in _refused_target(sqlite_db, admin, tmp_path / "no" / "b").ja
    a_file = tmp_path / "plain.txt"
    a_file.write_text("x")
    assert "does not exist" in _refused_target(sqlite_db, admin, a_file / "b.sqlite3").en
    link = tmp_path / "link.sqlite3"
    link.symlink_to(live)
    assert "使用中のデータベース" in _refused_target(sqlite_db, admin, link).ja
    assert _rows(live) == original and _integrity(live) == "ok"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_a_folder_without_permission_is_refused(
    sqlite_db: Database, admin: Actor, tmp_path: Path
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        error = _refused_target(sqlite_db, admin, locked / "b.sqlite3")
    finally:
        locked.chmod(0o700)
    assert "書き込めません" in error.ja and list(locked.iterdir()) == []


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux /proc")
def test_a_folder_nobody_may_write_is_refused(sqlite_db: Database, admin: Actor) -> None:
    assert "書き込めません" in _refused_target(sqlite_db, admin, Path("/proc/b.sqlite3")).ja


# -- restores --------------------------------------------------------------------------------


@pytest.fixture
def good_backup(filled: Database, admin: Actor, tmp_path: Path) -> Path:
    target = tmp_path / "backups" / "good.sqlite3"
    target.parent.mkdir()
    backup_database(filled, admin, target)
    return target


def _edited_copy(source: Path, name: str, *sql: str) -> Path:
    copy = source.with_name(name)
    copy.write_bytes(source.read_bytes())
    conn = sqlite3.connect(copy)
    for statement in sql:
        conn.execute(statement)
    conn.commit()
    conn.close()
    return copy


@pytest.fixture
def live_state(filled: Database) -> Iterator[dict[str, list[tuple[object, ...]]]]:
    """The live rows before a refused restore; afterwards nothing of them has changed and no
    old copy or staging file was left."""
    live = _live(filled)
    before = _rows(live)
    yield before
    assert _rows(live) == before
    assert _leftovers(live.parent) == []


def _refused_restore(db: Database, actor: Actor, source: Path) -> ValidationError:
    with pytest.raises(ValidationError) as exc:
        restore_database(db, actor, source)
    return exc.value


def test_a_file_that_is_not_sqlite_is_refused(
    filled: Database, admin: Actor, tmp_path: Path, live_state: object
) -> None:
    text = tmp_path / "notes.sqlite3"
    text.write_text("組織コード,名称\n", encoding="utf-8")
    assert "SQLite のデータベースファイルではありません" in _refused_restore(filled, admin, text).ja
    empty = tmp_path / "empty.sqlite3"
    empty.write_bytes(b"")
    assert "Not an SQLite database" in _refused_restore(filled, admin, empty).en
    missing = tmp_path / "missing.sqlite3"
    assert "ファイルがありません" in _refused_restore(filled, admin, missing).ja
    assert "ファイルがありません" in _refused_restore(filled, admin, tmp_path).ja  # a folder


def test_a_corrupt_file_is_refused(
    filled: Database, admin: Actor, good_backup: Path, live_state: object
) -> None:
    data = bytearray(good_backup.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for at in range(page * 2, len(data), page):  # every page but the first two, scribbled
        data[at + 8 : at + 40] = b"\xff" * 32
    corrupt = good_backup.with_name("corrupt.sqlite3")
    corrupt.write_bytes(bytes(data))
    error = _refused_restore(filled, admin, corrupt)
    assert "壊れています" in error.ja and "damaged" in error.en
    truncated = good_backup.with_name("truncated.sqlite3")
    truncated.write_bytes(good_backup.read_bytes()[: page * 3])
    assert "壊れています" in _refused_restore(filled, admin, truncated).ja


def test_a_file_from_a_newer_revision_is_refused(
    filled: Database, admin: Actor, good_backup: Path, live_state: object
) -> None:
    newer = _edited_copy(
        good_backup, "newer.sqlite3", "UPDATE alembic_version SET version_num = '0099_future'"
    )
    error = _refused_restore(filled, admin, newer)
    assert "0099_future" in error.ja and "新しい版の oneaqita" in error.ja
    assert "made by a newer oneaqita" in error.en


def test_a_file_missing_tables_or_its_revision_is_refused(
    filled: Database, admin: Actor, good_backup: Path, live_state: object
) -> None:
    lacking = _edited_copy(good_backup, "lacking.sqlite3", "DROP TABLE timesheet_weeks")
    error = _refused_restore(filled, admin, lacking)
    assert "timesheet_weeks" in error.ja and "必要な表がありません" in error.ja
    foreign = _edited_copy(good_backup, "foreign.sqlite3", "DROP TABLE alembic_version")
    assert "alembic_version がありません" in _refused_restore(filled, admin, foreign).ja
    other = good_backup.with_name("other.sqlite3")
    sqlite3.connect(other).execute("CREATE TABLE notes (x)").connection.close()
    assert "Not an oneaqita database" in _refused_restore(filled, admin, other).en


def test_an_older_revision_is_restored_and_migrated(
    sqlite_url: str, tmp_path: Path, sqlite_db: Database, admin: Actor
) -> None:
    from oneaqita.db.engine import make_engine
    from oneaqita.db.migrate import upgrade

    old = tmp_path / "old.sqlite3"
    engine = make_engine(f"sqlite:///{old.as_posix()}")
    upgrade(engine, "0007_secondment_cost_basis")
    engine.dispose()
    done = restore_database(sqlite_db, admin, old)
    assert (done.revision, done.head) == (
        "0007_secondment_cost_basis",
        head_revision(sqlite_db.engine),
    )
    assert current_revision(sqlite_db.engine) == head_revision(sqlite_db.engine)
    with sqlite_db.read() as session:  # the old file had no entries
        entry = session.execute(
            select(AuditEntry.action, AuditEntry.actor, AuditEntry.user_id, AuditEntry.after)
        ).one()
    # The backup predates the user: audited under the login, without a user row.
    assert (entry.action, entry.actor, entry.user_id) == ("restore", "backup-admin", None)
    assert entry.after is not None and entry.after["migrated_to"] == done.head
    assert old.read_bytes()[:16] == b"SQLite format 3\x00"  # the source is left as it was


def test_a_restore_while_another_program_has_the_database_open_replaces_nothing(
    filled: Database, admin: Actor, good_backup: Path, live_state: object
) -> None:
    prepared = prepare_restore(filled, admin, good_backup)
    assert prepared.staged.staged.exists()
    filled.dispose()
    other = sqlite3.connect(_live(filled))
    other.execute("SELECT count(*) FROM organizations").fetchone()
    try:
        with pytest.raises(DatabaseInUse) as exc:
            finish_restore(prepared)
    finally:
        other.close()
    assert "他のプログラムで開かれている" in exc.value.ja
    assert not prepared.staged.staged.exists()


def test_a_cancelled_restore_leaves_nothing(
    filled: Database, admin: Actor, good_backup: Path, live_state: object
) -> None:
    prepared = prepare_restore(filled, admin, good_backup)
    cancel_restore(prepared)
    assert not prepared.staged.staged.exists()


def test_the_live_database_is_no_source(filled: Database, admin: Actor, live_state: object) -> None:
    live = _live(filled)
    assert "使用中のデータベース" in _refused_restore(filled, admin, live).ja


def test_who_may_back_up_and_restore(
    sqlite_db: Database, admin: Actor, good_backup: Path, tmp_path: Path
) -> None:
    manager = add_user(sqlite_db, "mgr", Role.MANAGER)
    seconded = add_user(sqlite_db, "sec", Role.SECONDED)
    backup_database(sqlite_db, manager, tmp_path / "m.sqlite3")
    with pytest.raises(PermissionDenied):
        backup_database(sqlite_db, seconded, tmp_path / "s.sqlite3")
    with pytest.raises(PermissionDenied):
        restore_database(sqlite_db, manager, good_backup)
    assert not (tmp_path / "s.sqlite3").exists()


@pytest.mark.pg
def test_postgresql_points_to_pg_dump(pg_db: Database, tmp_path: Path) -> None:
    admin = actor_for(pg_db, "pg-admin")
    with pytest.raises(ValidationError) as exc:
        backup_database(pg_db, admin, tmp_path / "b.sqlite3")
    assert "pg_dump -Fc" in exc.value.ja and "pg_dump" in exc.value.en
    with pytest.raises(ValidationError) as exc:
        restore_database(pg_db, admin, tmp_path / "b.sqlite3")
    assert "pg_restore --clean --if-exists" in exc.value.en
    assert list(tmp_path.iterdir()) == []
