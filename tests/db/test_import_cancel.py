"""Cancelling an import (the ``cancelled`` check import_file asks between chunks and while
reading): Cancelled is raised and the database is exactly as before, rows and audit log,
whether the user stops it while the file is read or after chunks were already stored."""

from pathlib import Path

import pytest
from sqlalchemy import func, select

from oneaqita.errors import Cancelled
from oneaqita.models import Asset, AuditEntry
from oneaqita.services.actor import Actor
from oneaqita.services.database import Database
from oneaqita.transfer import export_kind, import_file
from oneaqita.transfer.parsing import PROGRESS_EVERY
from oneaqita.transfer.runner import BULK_CHUNK as CHUNK
from tests.import_files import write_csv
from tests.logins import actor_for
from tests.staffing_builders import add_bodies

HEADER = ["code", "kind", "owner", "district", "parent"]


@pytest.fixture
def admin(db: Database) -> Actor:
    add_bodies(db)
    return actor_for(db, "cancel-admin")


def _state(db: Database, tmp_path: Path, admin: Actor) -> tuple[int, int, int, str]:
    """Row counts, the last audit entry and every stored asset as an export writes it."""
    with db.read() as s:
        assets = s.scalar(select(func.count()).select_from(Asset)) or 0
        audited = s.scalar(select(func.count()).select_from(AuditEntry)) or 0
        last = s.scalar(select(func.max(AuditEntry.id))) or 0
    export_kind(db, admin, "assets", tmp_path / "state.csv")
    return assets, audited, last, (tmp_path / "state.csv").read_text("utf-8-sig")


def _stored_first(db: Database, admin: Actor, tmp_path: Path) -> Path:
    """Some assets stored already, one of which the big file changes."""
    first = [HEADER, ["TP-1", "処理場", "052019", "中央処理区", ""]]
    first += [[f"P-{i:05d}", "管路", "052019", "旧処理区", "TP-1"] for i in range(10)]
    assert import_file(db, admin, "assets", write_csv(tmp_path / "first.csv", first)).written
    rows = [HEADER, ["TP-1", "処理場", "052019", "北部処理区", ""]]
    rows += [[f"P-{i:05d}", "管路", "052027", "新処理区", "TP-1"] for i in range(3 * CHUNK)]
    return write_csv(tmp_path / "big.csv", rows)


def test_cancelled_after_chunks_were_stored_leaves_everything_as_before(
    db: Database, admin: Actor, tmp_path: Path
) -> None:
    path = _stored_first(db, admin, tmp_path)
    before = _state(db, tmp_path, admin)
    stored: list[int] = []

    def progress(stage: str, done: int, total: int) -> None:
        if stage == "store":
            stored.append(done)

    with pytest.raises(Cancelled):
        import_file(
            db, admin, "assets", path, progress=progress, cancelled=lambda: len(stored) >= 2
        )
    assert stored == [CHUNK, 2 * CHUNK]  # two chunks were written (and audited) meanwhile
    assert _state(db, tmp_path, admin) == before
    # The same file, not cancelled, imports whole: nothing of the cancelled run was left over.
    report = import_file(db, admin, "assets", path)
    assert report.written and (report.added, report.updated) == (3 * CHUNK - 10, 11)


def test_cancelled_while_the_file_is_read_writes_nothing(
    db: Database, admin: Actor, tmp_path: Path
) -> None:
    path = _stored_first(db, admin, tmp_path)
    before = _state(db, tmp_path, admin)
    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return True

    with pytest.raises(Cancelled):
        import_file(db, admin, "assets", path, cancelled=cancelled)
    assert len(asked) == 1  # at the first PROGRESS_EVERY rows, long before any store
    assert 3 * CHUNK > PROGRESS_EVERY
    assert _state(db, tmp_path, admin) == before


def test_a_check_can_be_cancelled_too(db: Database, admin: Actor, tmp_path: Path) -> None:
    path = _stored_first(db, admin, tmp_path)
    before = _state(db, tmp_path, admin)
    calls: list[int] = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 3  # some way into storing

    with pytest.raises(Cancelled):
        import_file(db, admin, "assets", path, check_only=True, cancelled=cancelled)
    assert _state(db, tmp_path, admin) == before
