"""Two writers on one SQLite file: the second waits for the first (BEGIN IMMEDIATE, so that the
busy timeout applies) and then succeeds; one that waits longer than the timeout gets the app's
own message (DatabaseBusy), never a raw OperationalError. Before, a unit of work that read
first failed at once with "database is locked" (or lost its snapshot) while another wrote."""

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from oneaqita.cli import main
from oneaqita.db import engine as engine_module
from oneaqita.db.engine import make_engine
from oneaqita.errors import DatabaseBusy
from oneaqita.models import Organization, OrganizationKind
from oneaqita.services.actor import SYSTEM_ACTOR
from oneaqita.services.database import Database
from oneaqita.services.organizations import upsert_organization
from oneaqita.services.records import OrganizationData
from oneaqita.services.users import registered_actor
from oneaqita.transfer import import_file
from tests.db.test_import_files import ORGS, PEOPLE
from tests.import_files import write_csv
from tests.logins import CLI_LOGIN, add_login

HOLD = 2.5  # seconds the first writer keeps the write lock (the CLI proves its user inside it)


class Holder(threading.Thread):
    """A unit of work on its own connection that writes, then keeps the lock for HOLD s."""

    def __init__(self, url: str) -> None:
        super().__init__(daemon=True)
        self.url = url
        self.locked = threading.Event()
        self.error: BaseException | None = None

    def run(self) -> None:
        db = Database(make_engine(self.url))
        try:
            with db.unit_of_work(SYSTEM_ACTOR) as uow:
                upsert_organization(
                    uow, OrganizationData("P900", OrganizationKind.PARTNER, "先の会社")
                )
                uow.session.flush()
                self.locked.set()
                time.sleep(HOLD)
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            self.error = exc
        finally:
            self.locked.set()
            db.dispose()


@pytest.fixture
def holder(sqlite_db: Database, sqlite_url: str) -> Iterator[Holder]:
    h = Holder(sqlite_url)
    h.start()
    assert h.locked.wait(10)
    yield h
    h.join(10)
    assert h.error is None


def _codes(db: Database) -> list[str]:
    with db.read() as s:
        return list(s.scalars(select(Organization.code).order_by(Organization.code)))


def test_a_second_writer_that_reads_first_waits_and_then_succeeds(
    sqlite_db: Database, holder: Holder
) -> None:
    start = time.monotonic()
    with sqlite_db.unit_of_work(SYSTEM_ACTOR) as uow:
        assert uow.session.scalar(select(func.count(Organization.id))) is not None  # a read
        upsert_organization(uow, OrganizationData("P901", OrganizationKind.PARTNER, "後の会社"))
    waited = time.monotonic() - start
    holder.join(10)
    assert waited > HOLD / 2, waited  # it waited for the lock rather than failing at once
    assert _codes(sqlite_db) == ["P900", "P901"]


def test_a_writer_that_waits_longer_than_the_timeout_gets_a_clear_message(
    sqlite_db: Database, sqlite_url: str, holder: Holder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 200)
    impatient = Database(make_engine(sqlite_url))
    try:
        start = time.monotonic()
        with pytest.raises(DatabaseBusy) as err, impatient.unit_of_work(SYSTEM_ACTOR) as uow:
            upsert_organization(uow, OrganizationData("P901", OrganizationKind.PARTNER, "後"))
        assert 0.15 < time.monotonic() - start < HOLD
    finally:
        impatient.dispose()
    assert "他の人がデータベースに書き込み中です" in err.value.ja
    assert "another user is writing to the database" in err.value.en.lower()
    holder.join(10)
    assert _codes(sqlite_db) == ["P900"]


class SlowImport(threading.Thread):
    """An import that keeps its unit of work (and the write lock) open for HOLD s."""

    def __init__(self, db: Database, path: Path) -> None:
        super().__init__(daemon=True)
        self.db, self.path = db, path
        self.storing = threading.Event()
        self.ok: bool | None = None

    def _progress(self, stage: str, done: int, total: int) -> None:
        if stage == "store" and not self.storing.is_set():
            self.storing.set()
            time.sleep(HOLD)

    def run(self) -> None:
        try:
            report = import_file(
                self.db, registered_actor(self.db, CLI_LOGIN), "organizations", self.path,
                progress=self._progress,
            )  # fmt: skip
            self.ok = report.ok
        finally:
            self.storing.set()


def test_two_imports_into_one_file_at_once_both_succeed(
    sqlite_db: Database,
    sqlite_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    add_login(sqlite_db)  # the command line's user, registered once
    first = SlowImport(sqlite_db, write_csv(tmp_path / "orgs.csv", ORGS))
    first.start()
    assert first.storing.wait(10)
    people = write_csv(tmp_path / "people.csv", PEOPLE[:3])  # needs the first file's bodies
    start = time.monotonic()
    status = main(["import", "people", str(people), "--db", sqlite_url])
    waited = time.monotonic() - start
    first.join(10)
    captured = capsys.readouterr()
    assert (status, first.ok) == (0, True), captured.err
    assert "imported: 2 added" in captured.out
    assert waited > HOLD / 2


def test_an_import_that_waits_too_long_says_so_and_exits_1(
    sqlite_db: Database,
    sqlite_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    add_login(sqlite_db)
    first = SlowImport(sqlite_db, write_csv(tmp_path / "orgs.csv", ORGS))
    first.start()
    assert first.storing.wait(10)
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 200)
    orgs = write_csv(tmp_path / "more.csv", [ORGS[0], ["P002", "協力会社", "別の会社", "", ""]])
    status = main(["import", "organizations", str(orgs), "--db", sqlite_url])
    first.join(10)
    err = capsys.readouterr().err
    assert status == 1
    assert "他の人がデータベースに書き込み中です" in err
    assert "OperationalError" not in err and "Traceback" not in err
    assert first.ok is True
